import { sql } from 'kysely';
import { grantValidAt, memberBlockedAt } from '../../access/grants.repository.ts';
import type { Tx } from '../../db/database.ts';
import { translator } from '../../i18n/i18n.ts';
import type { Language } from '../../i18n/language.ts';
import { enqueueEmail } from '../../jobs/outbox.ts';
import { formWhere } from '../shared/mail-link.ts';
import { organisationName } from '../shared/organisation-name.ts';
import type { SignatureRole } from '../shared/domain.ts';

/**
 * Signers are told (issue 14, item 10): the chair and the general director of the OCMW get an e-mail (the outbox)
 * when a form becomes ready to sign, and a signer whose signature an edit dropped is told so. Never the person who
 * acted; only people holding the signing right now, unblocked, with an e-mail address; in their own language.
 */

const RIGHT_OF: Record<SignatureRole, 'UV_CHAIR' | 'UV_DIRECTOR'> = { CHAIR: 'UV_CHAIR', DIRECTOR: 'UV_DIRECTOR' };

interface FormOfMail {
  campaign_id: string;
  measure: string;
  report_year: number;
  organisation_id: string;
  kbo: string;
  name_nl: string;
  name_fr: string;
  name_de: string;
  org_language: Language;
  administration_language: string | null;
}

async function formOf(tx: Tx, formInstanceId: string): Promise<FormOfMail | undefined> {
  const result = await sql<FormOfMail>`
    SELECT f.campaign_id, f.measure, f.report_year, o.id AS organisation_id, o.kbo, o.name_nl, o.name_fr, o.name_de, o.language AS org_language, o.administration_language
    FROM form_instances f JOIN organisations o ON o.id = f.organisation_id WHERE f.id = ${formInstanceId}`.execute(tx);
  return result.rows[0];
}

/** The people holding a signing right of the OCMW now (unblocked), with their e-mail address and language. */
async function signersOf(tx: Tx, organisationId: string, roles: readonly SignatureRole[], now: Date) {
  if (roles.length === 0) return [];
  const rights = roles.map((r) => RIGHT_OF[r]);
  const result = await sql<{ id: string; email: string | null; language: Language | null; right_code: string }>`
    SELECT DISTINCT p.id, p.email, p.language, g.right_code
    FROM access_grants g
    JOIN access_members m ON m.organisation_id = g.organisation_id AND m.person_id = g.person_id
    JOIN persons p ON p.id = g.person_id
    WHERE g.organisation_id = ${organisationId} AND g.right_code IN (${sql.join(rights)}) AND ${grantValidAt(now)} AND NOT ${memberBlockedAt(now)}`.execute(tx);
  return result.rows;
}

/** The texts of a signer's e-mail in their language, with a link to the form or, without a public URL, the way there. */
function texts(form: FormOfMail, language: Language, publicUrl: string | undefined) {
  const t = translator(language);
  const measure = t(`measure.${form.measure}`);
  const ocmw = organisationName({ ...form, language: form.org_language }, language);
  const where = formWhere(t, publicUrl, { kbo: form.kbo, campaignId: form.campaign_id, measure, year: form.report_year, ocmw });
  return { t, vars: { measure, year: form.report_year, ocmw, where } };
}

/** What the e-mails to signers need from the configuration: the public URL when one is configured (ADR 0043). */
export interface SignerMailLinks {
  publicUrl: string | undefined;
}

/** The form has become ready to sign: its chair and general director are asked to sign (once per version). */
export async function queueReadyToSign(
  tx: Tx,
  formInstanceId: string,
  version: number,
  actorPersonId: string,
  now: Date,
  links: SignerMailLinks,
): Promise<void> {
  const form = await formOf(tx, formInstanceId);
  if (!form) return;
  for (const signer of await signersOf(tx, form.organisation_id, ['CHAIR', 'DIRECTOR'], now)) {
    if (signer.id === actorPersonId || !signer.email) continue;
    const { t, vars } = texts(form, signer.language ?? form.org_language, links.publicUrl);
    await enqueueEmail(tx, {
      dedupeKey: `ready:${formInstanceId}:${version}:${signer.id}`,
      email: { to: signer.email, subject: t('signer_mail.ready.subject', vars), body: t('signer_mail.ready.body', vars) },
      now,
    });
  }
}

/** Signatures an edit dropped: each signer (not the person who edited) is told the form must be signed again. */
export async function queueSignatureDropped(
  tx: Tx,
  formInstanceId: string,
  dropped: ReadonlyArray<{ id: string; person_id: string }>,
  actorPersonId: string,
  now: Date,
  links: SignerMailLinks,
): Promise<void> {
  const others = dropped.filter((s) => s.person_id !== actorPersonId);
  if (others.length === 0) return;
  const form = await formOf(tx, formInstanceId);
  if (!form) return;
  const people = await tx
    .selectFrom('persons')
    .select(['id', 'email', 'language'])
    .where(
      'id',
      'in',
      others.map((s) => s.person_id),
    )
    .execute();
  for (const signature of others) {
    const person = people.find((p) => p.id === signature.person_id);
    if (!person?.email) continue;
    const { t, vars } = texts(form, person.language ?? form.org_language, links.publicUrl);
    await enqueueEmail(tx, {
      dedupeKey: `dropped:${signature.id}`,
      email: { to: person.email, subject: t('signer_mail.dropped.subject', vars), body: t('signer_mail.dropped.body', vars) },
      now,
    });
  }
}
