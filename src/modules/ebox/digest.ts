import { sql } from 'kysely';
import { type Db, type Tx, withTransaction } from '../../db/database.ts';
import type { Language } from '../../db/types.ts';
import { translator } from '../../i18n/i18n.ts';
import { enqueueEmail } from '../../jobs/outbox.ts';
import { brusselsDay, brusselsToUtc } from '../shared/brussels-time.ts';
import { organisationName } from '../shared/organisation-name.ts';
import { MESSAGE_TYPES, type MessageType, TYPE_KEYS, isMessageType } from './message-types.ts';

/**
 * The e-Box's nightly notification (EBX-5, portal.md §4.6): one digest mail per organisation with a notification
 * address, at 02:00 Brussels time, counting per document type the messages published since the previous digest that
 * nobody of the organisation opened yet, and the unread ones that expire within 30 days (each announced once). Never
 * a subject, a content or a sender: the mail says how many documents of which type wait, and where to log in.
 */

/** The hour (Brussels) from which a night's digest is due. */
export const DIGEST_HOUR = 2;
/** An unread message is announced as expiring this many days before its expiry (portal.md §4.6). */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 3_600_000;

/** The calendar day (Brussels) whose digest is due at this moment: today's from 02:00 on, none before. */
export function dueDigestDate(now: Date): string | null {
  const today = brusselsDay(now);
  return now.getTime() >= brusselsToUtc(today, DIGEST_HOUR, 0).getTime() ? today : null;
}

/** The day before a calendar day, `YYYY-MM-DD`. */
function dayBefore(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** The dedupe key of a digest mail: once per organisation and night, whatever happens. */
export function digestKey(organisationId: string, digestDate: string): string {
  return `ebox-digest:${organisationId}:${digestDate}`;
}

export interface TypeCount {
  type: string;
  count: number;
}

export interface DigestMailInput {
  /** one language, or Dutch and French for a bilingual organisation (both texts in one mail) */
  languages: Language[];
  organisation: { name_nl: string; name_fr: string; name_de: string; administration_language: string | null; language: string };
  newByType: TypeCount[];
  expiringByType: TypeCount[];
  /** the application's public URL when one is configured; absent, the e-mail says where to go in words */
  publicUrl: string | undefined;
}

function typeText(language: Language, type: string): string {
  return isMessageType(type) ? translator(language)(TYPE_KEYS[type as MessageType]) : type;
}

function composeIn(language: Language, input: DigestMailInput): { subject: string; body: string } {
  const t = translator(language);
  const ocmw = organisationName(input.organisation, language);
  const lines = (counts: TypeCount[]) => counts.map((c) => t('ebox_mail.line', { type: typeText(language, c.type), count: c.count }));
  const body = [t('ebox_mail.greeting'), ''];
  if (input.newByType.length > 0) body.push(t('ebox_mail.new_intro', { ocmw }), ...lines(input.newByType), '');
  if (input.expiringByType.length > 0) body.push(t('ebox_mail.expiring_intro', { ocmw, days: EXPIRY_WARNING_DAYS }), ...lines(input.expiringByType), '');
  body.push(
    input.publicUrl ? t('ebox_mail.where_link', { url: `${input.publicUrl}/login` }) : t('ebox_mail.where_words', { ocmw }),
    '',
    t('ebox_mail.no_details'),
    '',
    '-- ',
    t('ebox_mail.automatic', { ocmw }),
  );
  return { subject: t('ebox_mail.subject', { ocmw }), body: body.join('\n') };
}

/** The digest mail as plain text, in the organisation's language (Dutch then French for a bilingual one). */
export function composeDigest(input: DigestMailInput): { subject: string; body: string } {
  const parts = input.languages.map((language) => composeIn(language, input));
  return { subject: parts.map((p) => p.subject).join(' / '), body: parts.map((p) => p.body).join('\n\n========\n\n') };
}

/** The languages of an organisation's mails: its own, Dutch and French for a bilingual (Brussels) one. */
export function mailLanguages(org: { language: Language; administration_language: string | null }): Language[] {
  return org.administration_language === 'nl+fr' ? ['nl', 'fr'] : [org.language];
}

function byTypeOrder(counts: TypeCount[]): TypeCount[] {
  const rank = (type: string) => {
    const i = (MESSAGE_TYPES as readonly string[]).indexOf(type);
    return i < 0 ? MESSAGE_TYPES.length : i;
  };
  return [...counts].sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
}

// ---------------------------------------------------------------- queries (no user: the worker, across organisations)

/** Organisations with a notification address whose digest of that night is not done yet. */
async function unsafeListDigestCandidates(db: Db, digestDate: string) {
  return db
    .selectFrom('ebox_notification_addresses as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('ebox_digests as d', (join) => join.onRef('d.organisation_id', '=', 'a.organisation_id').on('d.digest_date', '=', digestDate))
    .select(['o.id', 'o.name_nl', 'o.name_fr', 'o.name_de', 'o.language', 'o.administration_language', 'a.email'])
    .where('d.organisation_id', 'is', null)
    .orderBy('o.id')
    .execute();
}

/** Claims the night's digest of an organisation: false when it was done already (another run, another worker). */
async function claimDigest(tx: Tx, organisationId: string, digestDate: string, now: Date): Promise<boolean> {
  const result = await tx
    .insertInto('ebox_digests')
    .values({ organisation_id: organisationId, digest_date: digestDate, sent_at: now })
    .onConflict((oc) => oc.columns(['organisation_id', 'digest_date']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** The moment of the organisation's previous digest, if any. */
async function previousDigestAt(tx: Tx, organisationId: string, digestDate: string): Promise<Date | null> {
  const row = await tx
    .selectFrom('ebox_digests')
    .select((eb) => eb.fn.max('sent_at').as('at'))
    .where('organisation_id', '=', organisationId)
    .where('digest_date', '<', digestDate)
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}

const unread = sql<boolean>`NOT EXISTS (SELECT 1 FROM ebox_reads r WHERE r.message_id = m.id)`;

/** Messages published in (since, now] that nobody of the organisation opened, counted per type. */
async function countNewUnread(tx: Tx, organisationId: string, since: Date, now: Date): Promise<TypeCount[]> {
  const rows = await tx
    .selectFrom('ebox_messages as m')
    .select(['m.message_type', (eb) => eb.fn.countAll<string>().as('n')])
    .where('m.organisation_id', '=', organisationId)
    .where('m.published_at', '>', since)
    .where('m.published_at', '<=', now)
    .where('m.files_deleted_at', 'is', null)
    .where(unread)
    .groupBy('m.message_type')
    .execute();
  return rows.map((r) => ({ type: r.message_type, count: Number(r.n) }));
}

/** Unread messages expiring within the warning period and not announced yet, locked until they are marked. */
async function lockExpiringUnread(tx: Tx, organisationId: string, now: Date): Promise<Array<{ id: string; message_type: string }>> {
  return tx
    .selectFrom('ebox_messages as m')
    .select(['m.id', 'm.message_type'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.files_deleted_at', 'is', null)
    .where('m.expiry_notified_at', 'is', null)
    .where('m.expires_at', '>', now)
    .where('m.expires_at', '<=', new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS))
    .where(unread)
    .forUpdate()
    .execute();
}

async function markExpiryNotified(tx: Tx, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('ebox_messages').set({ expiry_notified_at: now }).where('id', 'in', ids).execute();
}

function countByType(rows: Array<{ message_type: string }>): TypeCount[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.message_type, (counts.get(r.message_type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count }));
}

export interface DigestRun {
  /** the night whose digests were due (null before 02:00) */
  digestDate: string | null;
  /** organisations whose digest of the night was done in this run (with or without a mail) */
  organisations: number;
  /** mails queued */
  queued: number;
  /** organisations whose digest failed this time (tried again on the next run) */
  failedOrganisations: number;
}

/**
 * The nightly digest (no user: run by the outbox worker). From 02:00 Brussels time, each organisation with a
 * notification address gets that night's digest once: the row in `ebox_digests` claims it in the transaction that
 * queues its mail (outbox, dedupe key per organisation and night), so reruns, restarts and concurrent workers send it
 * once. Nothing new and nothing expiring: no mail (the night is still recorded, the next digest counts from it).
 * A message announced as expiring gets `expiry_notified_at` in the same transaction, so it is announced once.
 */
export async function queueEboxDigests(db: Db, now: Date, links: { publicUrl: string | undefined }): Promise<DigestRun> {
  const digestDate = dueDigestDate(now);
  const run: DigestRun = { digestDate, organisations: 0, queued: 0, failedOrganisations: 0 };
  if (!digestDate) return run;
  // The first digest of an organisation counts what arrived since the previous night's digest moment.
  const firstSince = brusselsToUtc(dayBefore(digestDate), DIGEST_HOUR, 0);
  for (const org of await unsafeListDigestCandidates(db, digestDate)) {
    try {
      const queued = await withTransaction(db, async (tx) => {
        if (!(await claimDigest(tx, org.id, digestDate, now))) return null;
        const since = (await previousDigestAt(tx, org.id, digestDate)) ?? firstSince;
        const newByType = byTypeOrder(await countNewUnread(tx, org.id, since, now));
        const expiring = await lockExpiringUnread(tx, org.id, now);
        if (newByType.length === 0 && expiring.length === 0) return false;
        const email = composeDigest({
          languages: mailLanguages(org),
          organisation: org,
          newByType,
          expiringByType: byTypeOrder(countByType(expiring)),
          publicUrl: links.publicUrl,
        });
        await enqueueEmail(tx, { dedupeKey: digestKey(org.id, digestDate), email: { to: org.email, ...email }, now });
        await markExpiryNotified(
          tx,
          expiring.map((m) => m.id),
          now,
        );
        return true;
      });
      if (queued === null) continue;
      run.organisations++;
      if (queued) run.queued++;
    } catch {
      run.failedOrganisations++;
    }
  }
  return run;
}
