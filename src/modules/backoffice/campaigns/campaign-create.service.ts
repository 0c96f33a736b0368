import { randomUUID } from 'node:crypto';
import { requireAccess } from '../../../access/access.ts';
import { withTransaction } from '../../../db/database.ts';
import { campaignDates } from '../../campaigns/calendar.ts';
import { loadMeasureYears } from '../../campaigns/campaign-years.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { allDefinitions } from '../../forms/registry.ts';
import { listReportYears } from '../../campaigns/campaigns.repository.ts';
import { type RawCampaignForm, parseCampaignForm, rawOf } from './campaign-form.ts';
import { campaignExists, findLatestCampaignOfMeasure, insertCampaign, insertCampaignEvent } from './campaigns.repository.ts';
import { definitionVersions } from './campaigns.service.ts';
import type { InputError } from './param-fields.ts';
import type { MeasureChoice, NewCampaignChoice } from './campaigns.model.ts';

export type { MeasureChoice, NewCampaignChoice } from './campaigns.model.ts';

/**
 * A new campaign (report year × measure) made by the beheerder, without code: dates from the official calendar,
 * parameters from the measure's latest campaign, created PLANNED (OCMWs see it once it is opened).
 */

/** Every measure this application has a form definition for, by its latest definition's title. */
export function knownMeasures(): MeasureChoice[] {
  const latest = new Map<string, { version: number; titleKey: string }>();
  for (const d of allDefinitions()) if ((latest.get(d.measure)?.version ?? 0) < d.version) latest.set(d.measure, d);
  return [...latest].map(([measure, d]) => ({ measure, titleKey: d.titleKey }));
}

export function parseReportYear(raw: unknown): number | null {
  const year = Number(raw);
  return typeof raw === 'string' && /^\d{4}$/.test(raw) && year >= 2000 && year <= 2199 ? year : null;
}

export type NewCampaignStep =
  | { kind: 'choose'; errors: Record<string, InputError>; suggestedYear?: number }
  | { kind: 'form'; year: number; measure: string; raw: RawCampaignForm; params: Record<string, unknown>; versions: number[] };

/** Step 1 (year and measure) or, when both are valid, step 2 prefilled for them. */
export async function prepareNewCampaign(ctx: ServiceContext, choice: NewCampaignChoice | null): Promise<NewCampaignStep> {
  requireAccess(ctx.actor, 'CampaignConfigure');
  if (!choice) return { kind: 'choose', errors: {}, suggestedYear: ((await listReportYears(ctx.db))[0] ?? 0) + 1 || undefined };
  const errors: Record<string, InputError> = {};
  const year = parseReportYear(choice.year);
  if (year === null) errors.year = { key: 'bo.campaigns.error.year' };
  if (!knownMeasures().some((m) => m.measure === choice.measure)) errors.measure = { key: 'bo.campaigns.error.measure' };
  if (year !== null && !errors.measure && (await campaignExists(ctx.db, year, choice.measure))) errors.measure = { key: 'bo.campaigns.error.exists' };
  if (year === null || errors.measure) return { kind: 'choose', errors };
  const latest = await findLatestCampaignOfMeasure(ctx.db, choice.measure);
  const opening = loadMeasureYears().find((m) => m.measure === choice.measure)?.opens ?? 'early';
  const dates = campaignDates(year, opening);
  const versions = definitionVersions(choice.measure);
  const params = latest?.params ?? {};
  const raw = rawOf({ ...dates, reminderDays: latest?.reminder_days ?? [7], definitionVersion: versions[versions.length - 1], params });
  return { kind: 'form', year, measure: choice.measure, raw, params, versions };
}

export type CreateResult =
  | { kind: 'created'; campaignId: string }
  | { kind: 'exists' }
  | { kind: 'invalid'; step: NewCampaignStep; errors: Record<string, InputError> };

/** Creates the campaign PLANNED with a CREATED event; refused when the (report year, measure) already exists. */
export async function createCampaign(ctx: ServiceContext, choice: NewCampaignChoice, raw: RawCampaignForm): Promise<CreateResult> {
  const step = await prepareNewCampaign(ctx, choice);
  if (step.kind === 'choose') return { kind: 'invalid', step, errors: step.errors };
  const parsed = parseCampaignForm(raw, step.params, step.versions);
  if (!parsed.ok) return { kind: 'invalid', step: { ...step, raw }, errors: parsed.errors };
  const v = parsed.values;
  const id = randomUUID();
  return withTransaction(ctx.db, async (tx) => {
    const row = {
      id,
      report_year: step.year,
      measure: step.measure,
      opens_at: v.opensAt,
      closes_at: v.closesAt,
      definition_version: v.definitionVersion,
      params: v.params,
      reminder_days: v.reminderDays,
    };
    if (!(await insertCampaign(tx, row, ctx.now))) return { kind: 'exists' };
    const payload = {
      reportYear: step.year,
      measure: step.measure,
      opensAt: v.opensAt.toISOString(),
      closesAt: v.closesAt.toISOString(),
      definitionVersion: v.definitionVersion,
      reminderDays: v.reminderDays,
    };
    await insertCampaignEvent(tx, { campaignId: id, at: ctx.now, actorPersonId: ctx.actor.personId, type: 'CREATED', payload });
    return { kind: 'created', campaignId: id };
  });
}
