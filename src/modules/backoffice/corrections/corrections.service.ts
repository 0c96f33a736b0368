import { requireAccess } from '../../../access/access.ts';
import { appendAudit } from '../../../audit/audit.ts';
import { withTransaction } from '../../../db/database.ts';
import { translator } from '../../../i18n/i18n.ts';
import { enqueueEmail } from '../../../jobs/outbox.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { NotFound } from '../../shared/errors.ts';
import { formWhere } from '../../shared/mail-link.ts';
import { organisationName } from '../../shared/organisation-name.ts';
import { dropSignatures } from '../../signatures/drop-signatures.ts';
import { listFormSignatures } from '../../signatures/signatures.repository.ts';
import { deleteExpiredLateSubmission, lockFormForReview, markAccepted, markCorrectionRequested } from './corrections.repository.ts';
import { type ReasonError, checkReason } from './review-reason.ts';

export type ReviewOutcome = 'correction_requested' | 'accepted' | 'not_submitted' | 'already_accepted' | 'settled' | 'changed';

export type CorrectionResult = { kind: 'done'; outcome: ReviewOutcome } | { kind: 'invalid'; error: ReasonError };

type Locked = NonNullable<Awaited<ReturnType<typeof lockFormForReview>>>;

/** Why a form cannot be reviewed now (or null): submitted, not accepted, campaign not settled, version as seen. */
function refusal(form: Locked, expectedVersion: number): ReviewOutcome | null {
  if (form.campaign_status === 'SETTLED') return 'settled';
  // A double click or another reviewer: the form is no longer the one the reviewer saw.
  if (form.version !== expectedVersion) return 'changed';
  if (form.review_state === 'ACCEPTED') return 'already_accepted';
  if (!form.submitted_at) return 'not_submitted';
  return null;
}

/**
 * Sends a submitted form back to its OCMW for correction (forms.md Q-GEN-4, ADR 0016), in one transaction with
 * compare-and-set on the version the reviewer saw: both signatures deleted, the submission and its snapshot
 * cleared, the reason recorded, everything audited in the OCMW's chain, and an e-mail to the OCMW's contact
 * person queued in its language, with a link to the form (or the way there in words, ADR 0043). A double click or a second reviewer finds the version changed: one effect.
 */
export async function requestCorrection(ctx: ServiceContext, instanceId: string, expectedVersion: number, rawReason: string): Promise<CorrectionResult> {
  requireAccess(ctx.actor, 'FormReview');
  const error = checkReason(rawReason);
  if (error) return { kind: 'invalid', error };
  const reason = rawReason.trim();
  const outcome = await withTransaction(ctx.db, async (tx): Promise<ReviewOutcome> => {
    const form = await lockFormForReview(tx, instanceId);
    if (!form) throw new NotFound();
    const refused = refusal(form, expectedVersion);
    if (refused) return refused;
    if (!(await markCorrectionRequested(tx, form, { reason, by: ctx.actor.personId, now: ctx.now }))) return 'changed';
    const dropped = await listFormSignatures(tx, form.id);
    await deleteExpiredLateSubmission(tx, form, ctx.now);
    const audit = { organisationId: form.organisation_id, actorPersonId: ctx.actor.personId, subjectId: form.id, at: ctx.now };
    await appendAudit(tx, { ...audit, type: 'CORRECTION_REQUESTED', payload: { version: form.version + 1, reason } });
    await dropSignatures(tx, form.id, dropped, { kind: 'CORRECTION_REQUESTED' }, audit, { publicUrl: ctx.publicUrl });
    if (form.contact_email) {
      const t = translator(form.language);
      const measure = t(`measure.${form.measure}`);
      const ocmw = organisationName(form, form.language);
      const where = formWhere(t, ctx.publicUrl, { kbo: form.kbo, campaignId: form.campaign_id, measure, year: form.report_year, ocmw });
      const vars = { measure, year: form.report_year, ocmw, reason, where };
      await enqueueEmail(tx, {
        dedupeKey: `correction:${form.id}:${form.version + 1}`,
        email: { to: form.contact_email, subject: t('bo.corrections.mail.subject', vars), body: t('bo.corrections.mail.body', vars) },
        now: ctx.now,
      });
    }
    return 'correction_requested';
  });
  return { kind: 'done', outcome };
}

/**
 * Accepts a submitted form: POD MI's final word before settlement, so an accepted form can no longer be sent back
 * (a mistake found later is settled with the OCMW outside the form). Compare-and-set on the version seen.
 */
export async function acceptForm(ctx: ServiceContext, instanceId: string, expectedVersion: number): Promise<ReviewOutcome> {
  requireAccess(ctx.actor, 'FormReview');
  return withTransaction(ctx.db, async (tx) => {
    const form = await lockFormForReview(tx, instanceId);
    if (!form) throw new NotFound();
    const refused = refusal(form, expectedVersion);
    if (refused) return refused;
    if (!(await markAccepted(tx, form, { by: ctx.actor.personId, now: ctx.now }))) return 'changed';
    await appendAudit(tx, {
      organisationId: form.organisation_id,
      actorPersonId: ctx.actor.personId,
      subjectId: form.id,
      type: 'FORM_ACCEPTED',
      payload: { version: form.version + 1 },
      at: ctx.now,
    });
    return 'accepted';
  });
}
