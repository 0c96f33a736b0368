import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';

/** What the list of an e-Box is narrowed to (portal.md §4.5): every field optional. */
export interface MessageFilter {
  type?: string;
  legislation?: string;
  /** a month (2026-11) or a year (2026: its months too) */
  period?: string;
  state?: 'read' | 'unread';
  /** words searched in the subject, in any language */
  q?: string;
  /** the message types the person may see (a limited e-Box grant, EBX-7); null: every type */
  allowedTypes: readonly string[] | null;
}

export const EBOX_PAGE_SIZE = 25;

/** `%`, `_` and `\` typed by a person are searched as such. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Db, organisationId: string, filter: MessageFilter) {
  let query = db.selectFrom('ebox_messages as m').leftJoin('ebox_reads as r', 'r.message_id', 'm.id').where('m.organisation_id', '=', organisationId);
  if (filter.allowedTypes) {
    if (filter.allowedTypes.length === 0) query = query.where(sql<boolean>`false`);
    else query = query.where('m.message_type', 'in', [...filter.allowedTypes]);
  }
  if (filter.type) query = query.where('m.message_type', '=', filter.type);
  if (filter.legislation) query = query.where('m.legislation', '=', filter.legislation as 'RMI');
  if (filter.period) {
    const period = filter.period;
    query = query.where((eb) =>
      period.length === 4 ? eb.or([eb('m.period', '=', period), eb('m.period', 'like', `${period}-%`)]) : eb('m.period', '=', period),
    );
  }
  if (filter.state === 'read') query = query.where('r.message_id', 'is not', null);
  if (filter.state === 'unread') query = query.where('r.message_id', 'is', null);
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('m.subject_nl')} ILIKE ${pattern}`,
        sql<boolean>`${eb.ref('m.subject_fr')} ILIKE ${pattern}`,
        sql<boolean>`${eb.ref('m.subject_de')} ILIKE ${pattern}`,
      ]),
    );
  }
  return query;
}

/** One page of an organisation's e-Box, newest first, with the number of messages the filter finds. */
export async function listMessages(db: Db, organisationId: string, filter: MessageFilter, page: number) {
  const base = filtered(db, organisationId, filter);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('persons as p', 'p.id', 'r.first_read_by')
      .select([
        'm.id',
        'm.message_type',
        'm.legislation',
        'm.period',
        'm.subject_nl',
        'm.subject_fr',
        'm.subject_de',
        'm.published_at',
        'm.expires_at',
        'm.files_deleted_at',
        'r.first_read_at',
        'p.first_name',
        'p.last_name',
      ])
      .orderBy('m.published_at', 'desc')
      .orderBy('m.id')
      .limit(EBOX_PAGE_SIZE)
      .offset((page - 1) * EBOX_PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** How many messages of the organisation (of the types the person may see) nobody of it opened yet. */
export async function countUnread(db: Db, organisationId: string, allowedTypes: readonly string[] | null): Promise<number> {
  const row = await filtered(db, organisationId, { allowedTypes, state: 'unread' })
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The unread count of the header of every OCMW page, in one query: the messages nobody of the organisation opened, of
 * the types this person's e-Box grant shows (every type when the grant is not limited).
 */
export async function countUnreadForPerson(db: Db, organisationId: string, personId: string): Promise<number> {
  const row = await db
    .selectFrom('ebox_messages as m')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('m.organisation_id', '=', organisationId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ebox_reads as r').select('r.message_id').whereRef('r.message_id', '=', 'm.id'))))
    .where(({ or, not, exists, selectFrom, eb }) =>
      or([
        not(
          exists(
            selectFrom('ebox_grant_types as g').select('g.message_type').where('g.organisation_id', '=', organisationId).where('g.person_id', '=', personId),
          ),
        ),
        eb(
          'm.message_type',
          'in',
          selectFrom('ebox_grant_types as g').select('g.message_type').where('g.organisation_id', '=', organisationId).where('g.person_id', '=', personId),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One message of the organisation with its files and read state; another organisation's message is not found. */
export async function findMessage(db: Db, organisationId: string, messageId: string, allowedTypes: readonly string[] | null) {
  const message = await filtered(db, organisationId, { allowedTypes })
    .leftJoin('persons as p', 'p.id', 'r.first_read_by')
    .selectAll('m')
    .select(['r.first_read_at', 'p.first_name', 'p.last_name'])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!message) return undefined;
  const files = await db
    .selectFrom('ebox_attachments')
    .select(['position', 'file_name', 'sha256', 'size_bytes', 'is_main'])
    .where('message_id', '=', messageId)
    .orderBy('is_main', 'desc')
    .orderBy('position')
    .execute();
  return { ...message, files: files.map((f) => ({ ...f, size_bytes: Number(f.size_bytes) })) };
}

/** Marks a message read for its organisation by this person, unless someone of it read it before (the first stays). */
export async function markRead(db: Db | Tx, organisationId: string, messageId: string, personId: string, at: Date): Promise<boolean> {
  const result = await db
    .insertInto('ebox_reads')
    .columns(['message_id', 'organisation_id', 'first_read_at', 'first_read_by'])
    .expression((eb) =>
      eb
        .selectFrom('ebox_messages')
        .select(['id', 'organisation_id', sql<Date>`${at}::timestamptz`.as('first_read_at'), sql<string>`${personId}::uuid`.as('first_read_by')])
        .where('id', '=', messageId)
        .where('organisation_id', '=', organisationId),
    )
    .onConflict((oc) => oc.column('message_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The organisation's last e-Box visit (POD MI may ask it through the API). */
export async function recordVisit(db: Db, organisationId: string, personId: string, at: Date): Promise<void> {
  await db
    .insertInto('ebox_visits')
    .values({ organisation_id: organisationId, last_visit_at: at, last_visit_by: personId })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ last_visit_at: at, last_visit_by: personId }))
    .execute();
}

/** The message types a person's e-Box grant is limited to; null when it is not limited. */
export async function grantedTypes(db: Db, organisationId: string, personId: string): Promise<string[] | null> {
  const rows = await db
    .selectFrom('ebox_grant_types')
    .select('message_type')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
  return rows.length === 0 ? null : rows.map((r) => r.message_type);
}

/** The message types with their legislations and validity, in POD MI's order. */
export async function listMessageTypes(db: Db | Tx) {
  return db.selectFrom('ebox_message_types').select(['code', 'legislations', 'validity_months']).orderBy('position').execute();
}

export interface NewMessageRow {
  id: string;
  organisationId: string;
  senderApplication: string;
  idempotencyKey: string | null;
  messageType: string;
  legislation: 'RMI' | 'WET65' | 'VOH' | 'SUBSIDIES' | 'GENERAL';
  period: string | null;
  subjects: { nl: string; fr: string; de: string | null };
  publishedAt: Date;
  expiresAt: Date;
  publishedByPerson: string | null;
  publishedByClient: string | null;
  batchId: string | null;
  campaignId: string | null;
  files: Array<{ position: number; fileName: string; sha256: string; sizeBytes: number; isMain: boolean }>;
}

/**
 * Inserts a message and its files' rows, unless the sender application already published one with the same
 * idempotency key: then nothing is written and the existing message's id is returned (EBX-3, whatever the content).
 */
export async function insertMessage(tx: Tx, message: NewMessageRow): Promise<{ inserted: boolean; id: string }> {
  const inserted = await tx
    .insertInto('ebox_messages')
    .values({
      id: message.id,
      organisation_id: message.organisationId,
      sender_application: message.senderApplication,
      idempotency_key: message.idempotencyKey,
      message_type: message.messageType,
      legislation: message.legislation,
      period: message.period,
      subject_nl: message.subjects.nl,
      subject_fr: message.subjects.fr,
      subject_de: message.subjects.de,
      published_at: message.publishedAt,
      expires_at: message.expiresAt,
      published_by_person: message.publishedByPerson,
      published_by_client: message.publishedByClient,
      batch_id: message.batchId,
      campaign_id: message.campaignId,
    })
    .onConflict((oc) => oc.columns(['sender_application', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await tx
      .selectFrom('ebox_messages')
      .select('id')
      .where('sender_application', '=', message.senderApplication)
      .where('idempotency_key', '=', message.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { inserted: false, id: existing.id };
  }
  await tx
    .insertInto('ebox_attachments')
    .values(
      message.files.map((f) => ({
        message_id: message.id,
        position: f.position,
        file_name: f.fileName,
        sha256: f.sha256,
        size_bytes: f.sizeBytes,
        is_main: f.isMain,
      })),
    )
    .execute();
  return { inserted: true, id: message.id };
}

/** The message a sender application published with this idempotency key, if any. */
export async function findByIdempotencyKey(db: Db | Tx, senderApplication: string, key: string) {
  return db
    .selectFrom('ebox_messages')
    .select(['id', 'organisation_id'])
    .where('sender_application', '=', senderApplication)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/**
 * A message as its publisher reads it back (the API): only a message this sender application published — another
 * sender's is not found, like a missing one — with its files and whether it was read (never by whom).
 */
export async function findForSender(db: Db, senderApplication: string, messageId: string) {
  const message = await db
    .selectFrom('ebox_messages as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('ebox_reads as r', 'r.message_id', 'm.id')
    .select([
      'm.id',
      'o.kbo',
      'm.sender_application',
      'm.message_type',
      'm.legislation',
      'm.period',
      'm.subject_nl',
      'm.subject_fr',
      'm.subject_de',
      'm.published_at',
      'm.expires_at',
      'm.files_deleted_at',
      'r.first_read_at',
    ])
    .where('m.id', '=', messageId)
    .where('m.sender_application', '=', senderApplication)
    .executeTakeFirst();
  if (!message) return undefined;
  const files = await db
    .selectFrom('ebox_attachments')
    .select(['position', 'file_name', 'is_main', 'size_bytes', 'sha256'])
    .where('message_id', '=', message.id)
    .orderBy('position')
    .execute();
  return { ...message, files };
}

/** An OCMW's e-Box as POD MI's systems see it: its last visit and its unread messages of every sender. */
export async function eboxStateByKbo(db: Db, kbo: string) {
  const org = await db
    .selectFrom('organisations as o')
    .leftJoin('ebox_visits as v', 'v.organisation_id', 'o.id')
    .select(['o.id', 'o.kbo', 'v.last_visit_at'])
    .where('o.kbo', '=', kbo)
    .where('o.type', '=', 'OCMW')
    .executeTakeFirst();
  if (!org) return undefined;
  return { kbo: org.kbo, lastVisitAt: org.last_visit_at, unread: await countUnread(db, org.id, null) };
}

/** The moments of a message just published (the API's answer). */
export async function publicationMoments(db: Db, messageId: string) {
  return db.selectFrom('ebox_messages').select(['published_at', 'expires_at']).where('id', '=', messageId).executeTakeFirstOrThrow();
}
