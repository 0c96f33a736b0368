import { requireAccess } from '../../../access/access.ts';
import { withTransaction } from '../../../db/database.ts';
import type { CampaignStatus } from '../../../db/types.ts';
import { canonicalJson } from '../../shared/canonical.ts';
import { allDefinitions } from '../../forms/registry.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { type CampaignRow, findCampaign, listReportYears } from '../../campaigns/campaigns.repository.ts';
import { NotFound } from '../../shared/errors.ts';
import { type CampaignValues, type RawCampaignForm, parseCampaignForm, rawOf } from './campaign-form.ts';
import {
  type CampaignChanges,
  insertCampaignEvent,
  listCampaignEvents,
  listCampaignsOfYear,
  listExtensions,
  unsafeHasSubmission,
  updateCampaign,
} from './campaigns.repository.ts';
import type { InputError } from './param-fields.ts';
import type { StatusAction } from './campaigns.model.ts';

/** POD MI campaigns (forms.md §2.3): read by both roles, configured by the beheerder (CampaignConfigure). */

/** The definition versions this application knows for a measure (a campaign may only name one of them). */
export function definitionVersions(measure: string): number[] {
  return allDefinitions()
    .filter((d) => d.measure === measure)
    .map((d) => d.version)
    .sort((a, b) => a - b);
}

export function definitionOf(measure: string, version: number) {
  return allDefinitions().find((d) => d.measure === measure && d.version === version) ?? null;
}

export function valuesOf(c: CampaignRow): CampaignValues {
  return {
    opensAt: new Date(c.opens_at),
    closesAt: new Date(c.closes_at),
    reminderDays: c.reminder_days,
    definitionVersion: c.definition_version,
    params: c.params,
  };
}

export async function listCampaignsPage(ctx: ServiceContext, requestedYear: number | null) {
  requireAccess(ctx.actor, 'BackofficeRead');
  const years = await listReportYears(ctx.db);
  const year = requestedYear !== null && years.includes(requestedYear) ? requestedYear : (years[0] ?? null);
  const rows = year === null ? [] : await listCampaignsOfYear(ctx.db, year);
  return {
    years,
    year,
    campaigns: rows.map((c) => {
      const definition = definitionOf(c.measure, c.definition_version);
      return {
        id: c.id,
        measure: c.measure,
        titleKey: definition?.titleKey ?? null,
        opensAt: new Date(c.opens_at),
        closesAt: new Date(c.closes_at),
        status: c.status,
        definitionVersion: c.definition_version,
        templateVersion: definition?.workbook?.templateVersion ?? null,
        reminderDays: c.reminder_days,
        lateSubmissionCount: Number(c.late_submission_count ?? 0),
      };
    }),
  };
}

async function campaignOrNotFound(ctx: ServiceContext, campaignId: string): Promise<CampaignRow> {
  const campaign = await findCampaign(ctx.db, campaignId);
  if (!campaign) throw new NotFound();
  return campaign;
}

export async function getCampaignPage(ctx: ServiceContext, campaignId: string) {
  requireAccess(ctx.actor, 'BackofficeRead');
  const campaign = await campaignOrNotFound(ctx, campaignId);
  const [events, extensions, locked] = await Promise.all([
    listCampaignEvents(ctx.db, campaignId),
    listExtensions(ctx.db, campaignId),
    unsafeHasSubmission(ctx.db, campaignId),
  ]);
  const definition = definitionOf(campaign.measure, campaign.definition_version);
  return {
    campaign,
    titleKey: definition?.titleKey ?? null,
    templateVersion: definition?.workbook?.templateVersion ?? null,
    locked,
    versions: definitionVersions(campaign.measure),
    events: events.map((e) => ({ ...e, occurred_at: new Date(e.occurred_at), actor: `${e.first_name ?? ''} ${e.last_name ?? ''}`.trim() })),
    extensions: extensions.map((x) => ({
      ...x,
      until: new Date(x.until),
      granted_at: new Date(x.granted_at),
      grantedBy: `${x.first_name ?? ''} ${x.last_name ?? ''}`.trim(),
    })),
  };
}

/** The edit form of a campaign, filled with its current values. */
export async function getCampaignEdit(ctx: ServiceContext, campaignId: string) {
  requireAccess(ctx.actor, 'CampaignConfigure');
  const page = await getCampaignPage(ctx, campaignId);
  if (page.campaign.status === 'SETTLED') return { kind: 'settled' as const };
  return { kind: 'form' as const, page, raw: rawOf(valuesOf(page.campaign)) };
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** The changes of an edit, one per field or parameter, with old and new value (for the campaign's history). */
function diff(before: CampaignValues, after: CampaignValues): Array<{ field: string; old: unknown; new: unknown }> {
  const out: Array<{ field: string; old: unknown; new: unknown }> = [];
  if (before.opensAt.getTime() !== after.opensAt.getTime())
    out.push({ field: 'opens_at', old: before.opensAt.toISOString(), new: after.opensAt.toISOString() });
  if (before.closesAt.getTime() !== after.closesAt.getTime())
    out.push({ field: 'closes_at', old: before.closesAt.toISOString(), new: after.closesAt.toISOString() });
  if (!same(before.reminderDays, after.reminderDays)) out.push({ field: 'reminder_days', old: before.reminderDays, new: after.reminderDays });
  if (before.definitionVersion !== after.definitionVersion)
    out.push({ field: 'definition_version', old: before.definitionVersion, new: after.definitionVersion });
  for (const key of Object.keys(after.params)) {
    if (!same(before.params[key], after.params[key])) out.push({ field: `params.${key}`, old: before.params[key] ?? null, new: after.params[key] });
  }
  return out;
}

export type UpdateResult =
  | { kind: 'saved' }
  | { kind: 'unchanged' }
  | { kind: 'settled' }
  | { kind: 'invalid'; errors: Record<string, InputError> }
  | { kind: 'conflict'; currentVersion: number };

/**
 * Saves the beheerder's edit with compare-and-set on the campaign's version, one campaign event per change.
 * The definition version and the parameters are frozen once a form of the campaign was submitted.
 */
export async function updateCampaignConfig(ctx: ServiceContext, campaignId: string, expectedVersion: number, raw: RawCampaignForm): Promise<UpdateResult> {
  requireAccess(ctx.actor, 'CampaignConfigure');
  const campaign = await campaignOrNotFound(ctx, campaignId);
  if (campaign.status === 'SETTLED') return { kind: 'settled' };
  const parsed = parseCampaignForm(raw, campaign.params, definitionVersions(campaign.measure));
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  return withTransaction(ctx.db, async (tx) => {
    const current = await findCampaign(tx, campaignId);
    if (!current || current.version !== expectedVersion) return { kind: 'conflict', currentVersion: current?.version ?? 0 };
    const changes = diff(valuesOf(current), parsed.values);
    if (changes.length === 0) return { kind: 'unchanged' };
    const frozen = changes.filter((c) => c.field === 'definition_version' || c.field.startsWith('params.'));
    if (frozen.length > 0 && (await unsafeHasSubmission(tx, campaignId))) {
      const errors: Record<string, InputError> = {};
      for (const c of frozen) errors[c.field === 'definition_version' ? 'definitionVersion' : `p.${c.field.slice(7)}`] = { key: 'bo.campaigns.error.locked' };
      return { kind: 'invalid', errors };
    }
    const set: CampaignChanges = { opens_at: parsed.values.opensAt, closes_at: parsed.values.closesAt, reminder_days: parsed.values.reminderDays };
    if (frozen.length > 0) Object.assign(set, { definition_version: parsed.values.definitionVersion, params: { ...current.params, ...parsed.values.params } });
    if (!(await updateCampaign(tx, campaignId, expectedVersion, set, ctx.now))) return { kind: 'conflict', currentVersion: current.version };
    for (const change of changes)
      await insertCampaignEvent(tx, { campaignId, at: ctx.now, actorPersonId: ctx.actor.personId, type: 'CHANGED', payload: change });
    return { kind: 'saved' };
  });
}

export type { StatusAction } from './campaigns.model.ts';

const TRANSITIONS: Record<StatusAction, { from: CampaignStatus; to: CampaignStatus }> = {
  open: { from: 'PLANNED', to: 'OPEN' },
  close: { from: 'OPEN', to: 'CLOSED' },
  reopen: { from: 'CLOSED', to: 'OPEN' },
};

export function isStatusAction(value: unknown): value is StatusAction {
  return value === 'open' || value === 'close' || value === 'reopen';
}

export type StatusResult = 'opened' | 'closed' | 'reopened' | 'conflict' | 'not_allowed' | 'deadline_passed';

/** The page asking to confirm a status change (only offered when the change is possible now). */
export async function getStatusConfirmation(ctx: ServiceContext, campaignId: string, action: StatusAction) {
  requireAccess(ctx.actor, 'CampaignConfigure');
  const page = await getCampaignPage(ctx, campaignId);
  return { page, allowed: page.campaign.status === TRANSITIONS[action].from };
}

/** PLANNED → OPEN (opening now if planned later), OPEN → CLOSED, CLOSED → OPEN; SETTLED is the settlement's. */
export async function changeCampaignStatus(
  ctx: ServiceContext,
  campaignId: string,
  action: StatusAction | undefined,
  expectedVersion: number,
): Promise<StatusResult> {
  requireAccess(ctx.actor, 'CampaignConfigure');
  if (!isStatusAction(action)) throw new NotFound();
  await campaignOrNotFound(ctx, campaignId);
  const { from, to } = TRANSITIONS[action];
  return withTransaction(ctx.db, async (tx) => {
    const current = await findCampaign(tx, campaignId);
    if (!current || current.version !== expectedVersion) return 'conflict';
    if (current.status !== from) return 'not_allowed';
    const set: CampaignChanges = { status: to };
    const opensAt = new Date(current.opens_at);
    if (action === 'open' && opensAt > ctx.now) set.opens_at = ctx.now;
    if (to === 'OPEN' && new Date(current.closes_at) <= (set.opens_at ?? opensAt)) return 'deadline_passed';
    if (!(await updateCampaign(tx, campaignId, expectedVersion, set, ctx.now))) return 'conflict';
    const payload: Record<string, unknown> = { old: from, new: to };
    if (set.opens_at) Object.assign(payload, { opensAtOld: opensAt.toISOString(), opensAtNew: ctx.now.toISOString() });
    await insertCampaignEvent(tx, { campaignId, at: ctx.now, actorPersonId: ctx.actor.personId, type: 'STATUS_CHANGED', payload });
    return action === 'open' ? 'opened' : action === 'close' ? 'closed' : 'reopened';
  });
}
