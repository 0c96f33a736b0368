import { min, mulDiv } from '../blocks/arithmetic.ts';
import { type ComputeContext, type ComputedField, type Issue, type Section, numberParam } from '../definition.ts';

/**
 * The PSA summary (Samenvatting, forms.md §4.3.6): per part the eligible activities, the personnel charged,
 * for parts A and C the personnel cap (PSA-R1: `personnelCapHundredths` of the part's allocation when POD MI
 * loaded one, else the largest personnel amount within that share of what the part justifies), the accepted
 * personnel and the justified amount; then the
 * justified total, the accepted amount (with the earmarked part C allocation when there is one) and the
 * result indicators.
 */

type Part = 'A' | 'B' | 'C';

interface PartSpec {
  part: Part;
  activities(ctx: ComputeContext): number;
  personnel(ctx: ComputeContext): number;
  /** reference holding the part's own allocation, for the base of its personnel cap; absent = no cap */
  capRef?: 'allocationPartA' | 'allocationPartC';
  labels: { activities: string; personnel: string; cap?: string; accepted: string; justified: string };
}

/**
 * PSA-R1's cap on a part's personnel, in cents: the share `capHundredths` (1000 = 10 %) of the part's allocation when
 * POD MI loaded one; else the largest personnel amount that is at most that share of the part's justified total
 * (activities + accepted personnel): activities × p / (1 − p), `round(activities / 9)` at 10 % (forms.md §4.3.6).
 * Null when the share is 100 % or more (no cap).
 */
export function personnelCapOf(allocationPart: number | null, activities: number, capHundredths: number): number | null {
  if (allocationPart !== null) return mulDiv(allocationPart, capHundredths, 10_000);
  if (capHundredths >= 10_000) return null;
  return mulDiv(activities, capHundredths, 10_000 - capHundredths);
}

/**
 * Accepted amount: min(total, allocation), or with part C earmarked, part C within its earmark and parts A+B
 * within the rest (an earmark above the allocation is read as the whole allocation).
 */
export function psaAccepted(justified: Record<Part, number>, allocation: number, allocationPartC: number | null): number {
  if (allocationPartC === null) return min(justified.A + justified.B + justified.C, allocation);
  const earmark = min(allocationPartC, allocation);
  return min(justified.C, earmark) + min(justified.A + justified.B, allocation - earmark);
}

const value = (ctx: ComputeContext, key: string): number => ctx.computed[key] ?? 0;
const capParam = (ctx: ComputeContext): number => numberParam(ctx.params, 'personnelCapHundredths');

function money(key: string, labelKey: string, compute: (ctx: ComputeContext) => number | null): ComputedField {
  return { kind: 'computed', key, type: 'money', labelKey, compute };
}

function personnelCap(ctx: ComputeContext, spec: PartSpec): number | null {
  if (!spec.capRef) return null;
  return personnelCapOf(ctx.refs[spec.capRef] ?? null, value(ctx, `activities${spec.part}`), capParam(ctx));
}

function partFigures(spec: PartSpec): ComputedField[] {
  const { part, labels } = spec;
  const cap = spec.capRef && labels.cap ? [money(`personnelCap${part}`, labels.cap, (ctx) => personnelCap(ctx, spec))] : [];
  const accepted = (ctx: ComputeContext) => {
    const ceiling = ctx.computed[`personnelCap${part}`];
    return typeof ceiling === 'number' ? min(value(ctx, `personnel${part}`), ceiling) : value(ctx, `personnel${part}`);
  };
  return [
    money(`activities${part}`, labels.activities, spec.activities),
    money(`personnel${part}`, labels.personnel, spec.personnel),
    ...cap,
    money(`personnelAccepted${part}`, labels.accepted, accepted),
    money(`justified${part}`, labels.justified, (ctx) => value(ctx, `activities${part}`) + value(ctx, `personnelAccepted${part}`)),
  ];
}

const PARTS: PartSpec[] = [
  {
    part: 'A',
    activities: (ctx) => ctx.totals.activitiesA?.eligibleAmount ?? 0,
    personnel: (ctx) => ctx.totals.staffA?.chargedAmount ?? 0,
    capRef: 'allocationPartA',
    labels: {
      activities: 'psa.activities_a',
      personnel: 'psa.personnel_a',
      cap: 'psa.personnel_cap_a',
      accepted: 'psa.personnel_accepted_a',
      justified: 'psa.justified_a',
    },
  },
  {
    part: 'B',
    activities: (ctx) => ctx.totals.modulesB?.operatingCost ?? 0,
    personnel: (ctx) => ctx.totals.staffB?.chargedAmount ?? 0,
    labels: { activities: 'psa.activities_b', personnel: 'psa.personnel_b', accepted: 'psa.personnel_accepted_b', justified: 'psa.justified_b' },
  },
  {
    part: 'C',
    activities: (ctx) => ctx.totals.activitiesC?.eligibleAmount ?? 0,
    personnel: (ctx) => ctx.totals.staffC?.chargedAmount ?? 0,
    capRef: 'allocationPartC',
    labels: {
      activities: 'psa.activities_c',
      personnel: 'psa.personnel_c',
      cap: 'psa.personnel_cap_c',
      accepted: 'psa.personnel_accepted_c',
      justified: 'psa.justified_c',
    },
  },
];

function accepted(ctx: ComputeContext): number | null {
  const allocation = ctx.refs.allocation ?? null;
  if (allocation === null) return null;
  const justified = { A: value(ctx, 'justifiedA'), B: value(ctx, 'justifiedB'), C: value(ctx, 'justifiedC') };
  return psaAccepted(justified, allocation, ctx.refs.allocationPartC ?? null);
}

/** Share of personnel in what a part justifies, in hundredths of a percent (null when nothing is justified). */
function personnelShare(part: Part): (ctx: ComputeContext) => number | null {
  return (ctx) => {
    const justified = value(ctx, `justified${part}`);
    return justified > 0 ? mulDiv(value(ctx, `personnelAccepted${part}`), 10_000, justified) : null;
  };
}

function count(key: string, labelKey: string, compute: (ctx: ComputeContext) => number): ComputedField {
  return { kind: 'computed', key, type: 'count', labelKey, compute };
}

/** Result indicators (§4.3.6, Q-PSA-5). */
const INDICATORS: ComputedField[] = [
  count('usersReachedA', 'psa.indicator_users_reached_a', (ctx) => ctx.totals.activitiesA?.usersReached ?? 0),
  count('activitiesCountA', 'psa.indicator_activities_a', (ctx) => ctx.tables.activitiesA?.length ?? 0),
  count('modulesCount', 'psa.indicator_modules', (ctx) => ctx.tables.modulesB?.length ?? 0),
  count('moduleParticipants', 'psa.indicator_module_participants', (ctx) => ctx.totals.modulesB?.participants ?? 0),
  count('participantsWithGpmi', 'psa.indicator_participants_gpmi', (ctx) => ctx.totals.modulesB?.participantsWithGpmi ?? 0),
  count('childrenReachedC', 'psa.indicator_children_reached_c', (ctx) => ctx.totals.activitiesC?.childrenReached ?? 0),
  count('activitiesCountC', 'psa.indicator_activities_c', (ctx) => ctx.tables.activitiesC?.length ?? 0),
  { kind: 'computed', key: 'personnelShareA', type: 'percent', labelKey: 'psa.indicator_personnel_share_a', compute: personnelShare('A') },
  { kind: 'computed', key: 'personnelShareB', type: 'percent', labelKey: 'psa.indicator_personnel_share_b', compute: personnelShare('B') },
  { kind: 'computed', key: 'personnelShareC', type: 'percent', labelKey: 'psa.indicator_personnel_share_c', compute: personnelShare('C') },
];

export function summarySection(): Section {
  return {
    key: 'summary',
    titleKey: 'psa.summary',
    introKey: 'psa.summary_intro',
    items: [
      { kind: 'ref', key: 'allocation', type: 'money', labelKey: 'psa.allocation' },
      { kind: 'ref', key: 'advancesPaid', type: 'money', labelKey: 'settlement.advances_paid' },
      ...PARTS.flatMap(partFigures),
      money('justifiedTotal', 'psa.justified_total', (ctx) => value(ctx, 'justifiedA') + value(ctx, 'justifiedB') + value(ctx, 'justifiedC')),
      money('accepted', 'psa.accepted', accepted),
      ...INDICATORS,
    ],
  };
}

/** A warning for each part whose personnel is above its cap: the excess is not accepted (Q-GEN-6). */
export function personnelCapWarnings(ctx: ComputeContext): Issue[] {
  return PARTS.flatMap((spec) => {
    const cap = ctx.computed[`personnelCap${spec.part}`];
    const personnel = value(ctx, `personnel${spec.part}`);
    if (typeof cap !== 'number' || personnel <= cap) return [];
    const params = { part: spec.part, personnelCents: personnel, capCents: cap };
    return [{ code: 'psa.personnel_capped', severity: 'warning' as const, path: `personnelAccepted${spec.part}`, params }];
  });
}
