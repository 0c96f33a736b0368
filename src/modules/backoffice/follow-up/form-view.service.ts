import { can, requireAccess } from '../../../access/access.ts';
import { listAuditForSubject } from '../../../audit/audit.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { formPhase, loadFormForBackoffice } from '../../reports/reports.service.ts';
import { type FormVerification, verifyForm } from './verification.ts';
import type { HistoryEvent } from './follow-up.model.ts';

export type { BackofficeForm, HistoryEvent } from './follow-up.model.ts';

/**
 * A form of any OCMW for POD MI, read-only: the form as submitted, its history from the OCMW's audit trail, the
 * verification of a submitted form, and whether the actor may review it now.
 */
export async function getBackofficeForm(ctx: ServiceContext, instanceId: string) {
  requireAccess(ctx.actor, 'BackofficeRead');
  const form = await loadFormForBackoffice(ctx, instanceId);
  const instance = form.instance;
  if (!instance) throw new Error('A form found by its instance has an instance');
  const [events, verification] = await Promise.all([
    listAuditForSubject(ctx.db, instance.organisation_id, instance.id),
    instance.submitted_at ? verifyForm(ctx.db, form) : Promise.resolve<FormVerification | null>(null),
  ]);
  const reviewable = Boolean(instance.submitted_at) && instance.review_state !== 'ACCEPTED' && form.campaign.status !== 'SETTLED';
  return {
    form,
    phase: formPhase(form, ctx.now),
    verification,
    history: events.map(
      (e): HistoryEvent => ({
        occurredAt: new Date(e.occurred_at),
        type: e.type,
        actor: `${e.first_name ?? ''} ${e.last_name ?? ''}`.trim(),
        payload: e.payload as Record<string, unknown>,
      }),
    ),
    canReview: reviewable && can(ctx.actor, 'FormReview'),
  };
}
