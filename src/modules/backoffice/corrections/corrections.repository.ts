import type { Updateable } from 'kysely';
import type { Tx } from '../../../db/database.ts';
import type { FormInstancesTable } from '../../../db/types.ts';

/**
 * Back office: POD MI reviews forms of every OCMW, so these queries find a form by its instance id alone (the
 * services require FormReview first). Every change is a compare-and-set on the version of a submitted form.
 */

/** The submitted form under review, locked with its campaign, with what the review and its e-mail need. */
export async function lockFormForReview(tx: Tx, instanceId: string) {
  return (
    tx
      .selectFrom('form_instances as fi')
      .innerJoin('campaigns as c', 'c.id', 'fi.campaign_id')
      .innerJoin('organisations as o', 'o.id', 'fi.organisation_id')
      .select([
        'fi.id',
        'fi.organisation_id',
        'fi.campaign_id',
        'fi.version',
        'fi.submitted_at',
        'fi.review_state',
        'c.measure',
        'c.report_year',
        'c.status as campaign_status',
        'o.language',
        'o.administration_language',
        'o.name_nl',
        'o.name_fr',
        'o.name_de',
        'o.contact_email',
        'o.kbo',
      ])
      .where('fi.id', '=', instanceId)
      .forUpdate('fi')
      // the campaign row shared-locked: a review waits for a settlement running on the campaign (which locks it
      // for update), then sees it SETTLED — never a correction of a form already settled
      .forShare('c')
      .executeTakeFirst()
  );
}

type Expected = { id: string; version: number };

/**
 * The compare-and-set of every review step: changes a submitted form not yet reviewed, at the expected version,
 * and bumps that version; false when someone else acted first.
 */
async function updateUnreviewedForm(tx: Tx, form: Expected, values: Updateable<FormInstancesTable>): Promise<boolean> {
  const result = await tx
    .updateTable('form_instances')
    .set({ ...values, version: form.version + 1 })
    .where('id', '=', form.id)
    .where('version', '=', form.version)
    .where('submitted_at', 'is not', null)
    .where('review_state', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sends the submitted form back: no longer submitted, the reason recorded; false when someone else acted first. */
export function markCorrectionRequested(tx: Tx, form: Expected, change: { reason: string; by: string; now: Date }): Promise<boolean> {
  return updateUnreviewedForm(tx, form, {
    submitted_at: null,
    submitted_snapshot: null,
    review_state: 'CORRECTION_REQUESTED',
    correction_reason: change.reason,
    correction_requested_at: change.now,
    correction_requested_by: change.by,
    accepted_at: null,
    accepted_by: null,
    updated_at: change.now,
  });
}

export function markAccepted(tx: Tx, form: Expected, change: { by: string; now: Date }): Promise<boolean> {
  return updateUnreviewedForm(tx, form, { review_state: 'ACCEPTED', accepted_at: change.now, accepted_by: change.by, updated_at: change.now });
}

/**
 * A late submission that has run out is spent: removed when a correction is requested, so that it does not cut the
 * correction short (a running late submission stays and is then the correction's deadline).
 */
export async function deleteExpiredLateSubmission(tx: Tx, form: { campaign_id: string; organisation_id: string }, now: Date) {
  await tx
    .deleteFrom('campaign_extensions')
    .where('campaign_id', '=', form.campaign_id)
    .where('organisation_id', '=', form.organisation_id)
    .where('until', '<', now)
    .execute();
}
