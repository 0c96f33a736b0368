import { requireAccess } from '../../../access/access.ts';
import { appendAudit } from '../../../audit/audit.ts';
import { withTransaction } from '../../../db/database.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { parseDate } from '../../forms/field-types.ts';
import { NotFound } from '../../shared/errors.ts';
import { brusselsToUtc } from '../../shared/brussels-time.ts';
import {
  deleteLateSubmission,
  findLateSubmission,
  findOrganisationName,
  insertCampaignEvent,
  lockCampaign,
  unsafeSearchOrganisations,
  upsertLateSubmission,
} from './campaigns.repository.ts';
import type { InputError } from './param-fields.ts';

/**
 * Late submission per OCMW (forms.md X-CAL-5, Q-GEN-5): the beheerder lets one OCMW still fill in, sign and
 * submit a campaign's form until a date, with a reason — also after the campaign was closed, never after it
 * was settled. Logged in the campaign's history and in that OCMW's audit chain.
 */

/** How many OCMWs the picker lists (the ≈ 580 of a report year fit; a search narrows them). */
const PICKER_LIMIT = 600;

/** The picker: only the OCMWs offered the campaign's report year (MRG-3) — a late submission is for them alone. */
export async function searchOcmws(ctx: ServiceContext, reportYear: number, search: string) {
  requireAccess(ctx.actor, 'CampaignConfigure');
  return unsafeSearchOrganisations(ctx.db, reportYear, search.slice(0, 100), PICKER_LIMIT);
}

export interface LateInput {
  /** the chosen OCMW's id; empty when none was chosen (the route keeps only ids) */
  organisationId: string;
  untilDate: string;
  reason: string;
}

export type LateResult = { kind: 'allowed' | 'withdrawn' | 'settled' | 'none' } | { kind: 'invalid'; errors: Record<string, InputError> };

/** Allows (or changes) a late submission: until the end of the given day, Brussels time. */
export async function allowLateSubmission(ctx: ServiceContext, campaignId: string, input: LateInput): Promise<LateResult> {
  requireAccess(ctx.actor, 'CampaignConfigure');
  const errors: Record<string, InputError> = {};
  const day = parseDate(input.untilDate);
  const until = day ? brusselsToUtc(day, 23, 59, 59) : null;
  if (!until) errors.untilDate = { key: 'bo.campaigns.error.date' };
  else if (until <= ctx.now) errors.untilDate = { key: 'bo.campaigns.error.until_past' };
  const reason = input.reason.trim();
  if (reason.length === 0) errors.reason = { key: 'bo.campaigns.error.reason_required' };
  else if (reason.length > 2000) errors.reason = { key: 'bo.campaigns.error.too_long', params: { max: 2000 } };
  return withTransaction(ctx.db, async (tx): Promise<LateResult> => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw new NotFound();
    if (campaign.status === 'SETTLED') return { kind: 'settled' };
    // an OCMW that was not legally active in the report year (or has no OCMW) gets no campaign, so no allowance
    const organisation = input.organisationId ? await findOrganisationName(tx, input.organisationId, campaign.report_year) : undefined;
    if (!organisation) errors.organisationId = { key: 'bo.campaigns.error.ocmw' };
    else if (!organisation.offered) errors.organisationId = { key: 'bo.campaigns.error.not_offered' };
    if (Object.keys(errors).length > 0 || !organisation || !until) return { kind: 'invalid', errors };
    // The same late submission posted again (a double click): nothing changes, nothing is logged twice.
    const existing = await findLateSubmission(tx, campaignId, organisation.id);
    if (existing && new Date(existing.until).getTime() === until.getTime() && existing.reason === reason) return { kind: 'allowed' };
    await upsertLateSubmission(tx, { campaignId, organisationId: organisation.id, until, reason, grantedBy: ctx.actor.personId, at: ctx.now });
    const payload = { organisationId: organisation.id, organisation: organisation.name_nl, until: until.toISOString(), reason };
    await insertCampaignEvent(tx, { campaignId, at: ctx.now, actorPersonId: ctx.actor.personId, type: 'LATE_ALLOWED', payload });
    await appendAudit(tx, {
      organisationId: organisation.id,
      actorPersonId: ctx.actor.personId,
      type: 'LATE_SUBMISSION_ALLOWED',
      subjectId: campaignId,
      payload: { campaignId, measure: campaign.measure, reportYear: campaign.report_year, until: until.toISOString(), reason },
      at: ctx.now,
    });
    return { kind: 'allowed' };
  });
}

export async function withdrawLateSubmission(ctx: ServiceContext, campaignId: string, organisationId: string): Promise<LateResult> {
  requireAccess(ctx.actor, 'CampaignConfigure');
  return withTransaction(ctx.db, async (tx): Promise<LateResult> => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw new NotFound();
    if (campaign.status === 'SETTLED') return { kind: 'settled' };
    const removed = await deleteLateSubmission(tx, campaignId, organisationId);
    if (!removed) return { kind: 'none' };
    const organisation = await findOrganisationName(tx, organisationId, campaign.report_year);
    const payload = { organisationId, organisation: organisation?.name_nl ?? '', until: new Date(removed.until).toISOString() };
    await insertCampaignEvent(tx, { campaignId, at: ctx.now, actorPersonId: ctx.actor.personId, type: 'LATE_WITHDRAWN', payload });
    await appendAudit(tx, {
      organisationId,
      actorPersonId: ctx.actor.personId,
      type: 'LATE_SUBMISSION_WITHDRAWN',
      subjectId: campaignId,
      payload: { campaignId, measure: campaign.measure, reportYear: campaign.report_year },
      at: ctx.now,
    });
    return { kind: 'withdrawn' };
  });
}
