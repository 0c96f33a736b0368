import type { ComputeContext, ComputedField, FormDefinition, Issue, Section } from '../definition.ts';
import { min } from './arithmetic.ts';

/**
 * How a measure is settled (forms.md §3.3):
 * - `standard`: POD MI pays a positive balance and reclaims a negative one;
 * - `reclaimOnly`: the subsidy was paid in full beforehand (PSA, GPMI): only a reclaim can follow;
 * - `justifiedIsAllocation`: the allocation is not known in advance, it is what is justified (F1, F10).
 */
export type SettlementVariant = 'standard' | 'reclaimOnly' | 'justifiedIsAllocation';

export interface SettlementInput {
  allocation: number | null;
  advancesPaid: number | null;
  /** justified amount after the measure's caps */
  justified: number | null;
  /**
   * the accepted amount when the measure decides it itself (PSA: part C within its earmark, A+B within the rest);
   * default min(justified, allocation); null when the measure cannot compute it yet (no settlement then)
   */
  accepted?: number | null;
}

export interface SettlementFigures {
  allocation: number;
  advancesPaid: number;
  justified: number;
  accepted: number;
  balance: number;
  toPayByPodMi: number;
  toReclaim: number;
  unused: number;
}

/** The settlement summary of §3.3, to the cent. Null when the justified amount cannot be computed yet. */
export function settle(input: SettlementInput, variant: SettlementVariant = 'standard'): SettlementFigures | null {
  if (input.justified === null || input.accepted === null) return null;
  const justified = input.justified;
  const allocation = variant === 'justifiedIsAllocation' ? justified : (input.allocation ?? 0);
  const advancesPaid = input.advancesPaid ?? 0;
  const accepted = input.accepted ?? min(justified, allocation);
  const balance = accepted - advancesPaid;
  return {
    allocation,
    advancesPaid,
    justified,
    accepted,
    balance,
    toPayByPodMi: variant === 'reclaimOnly' ? 0 : Math.max(balance, 0),
    toReclaim: Math.max(-balance, 0),
    unused: allocation - accepted,
  };
}

export interface SettlementSectionOptions {
  /** the justified amount after caps, from the form's computed values */
  justified(ctx: ComputeContext): number | null;
  /** the allocation (default: reference value `allocation`) */
  allocation?(ctx: ComputeContext): number | null;
  /** the advances (default: reference value `advancesPaid`) */
  advancesPaid?(ctx: ComputeContext): number | null;
  /** the accepted amount when the measure computes it (default: min(justified, allocation)) */
  accepted?(ctx: ComputeContext): number | null;
  variant?: SettlementVariant;
  titleKey?: string;
  /**
   * the unused money is withheld from next year's allocation, never reclaimed (gas and electricity fund, forms.md
   * §4.2.6): the line says so, in the form as in the letter
   */
  compensatedNextYear?: boolean;
  /** a reclaim comes with POD MI's letter and invoice, never repaid spontaneously (Covid-era subsidies, forms.md §4.7) */
  reclaimByInvoice?: boolean;
}

const LINES: Array<{ key: keyof SettlementFigures; field: string; labelKey: string; only?: (v: SettlementVariant) => boolean }> = [
  { key: 'allocation', field: 'settlementAllocation', labelKey: 'settlement.allocation' },
  { key: 'advancesPaid', field: 'settlementAdvances', labelKey: 'settlement.advances_paid' },
  { key: 'justified', field: 'settlementJustified', labelKey: 'settlement.justified' },
  { key: 'accepted', field: 'settlementAccepted', labelKey: 'settlement.accepted' },
  { key: 'balance', field: 'settlementBalance', labelKey: 'settlement.balance' },
  { key: 'toPayByPodMi', field: 'settlementToPay', labelKey: 'settlement.to_pay', only: (v) => v !== 'reclaimOnly' },
  { key: 'toReclaim', field: 'settlementToReclaim', labelKey: 'settlement.to_reclaim' },
  { key: 'unused', field: 'settlementUnused', labelKey: 'settlement.unused', only: (v) => v !== 'justifiedIsAllocation' },
];

const INTRO: Record<SettlementVariant, string> = {
  standard: 'settlement.intro_standard',
  reclaimOnly: 'settlement.intro_reclaimOnly',
  justifiedIsAllocation: 'settlement.intro_justifiedIsAllocation',
};

/** Keys of the computed settlement lines, for tests and exports. */
export const SETTLEMENT_FIELDS = Object.fromEntries(LINES.map((l) => [l.key, l.field])) as Record<keyof SettlementFigures, string>;

/** The closing section of every financial form: the settlement summary as computed fields. */
export function settlementSection(options: SettlementSectionOptions): Section {
  const variant = options.variant ?? 'standard';
  const figures = (ctx: ComputeContext) =>
    settle(
      {
        allocation: options.allocation ? options.allocation(ctx) : (ctx.refs.allocation ?? null),
        advancesPaid: options.advancesPaid ? options.advancesPaid(ctx) : (ctx.refs.advancesPaid ?? null),
        justified: options.justified(ctx),
        accepted: options.accepted ? options.accepted(ctx) : undefined,
      },
      variant,
    );
  const items: ComputedField[] = LINES.filter((l) => !l.only || l.only(variant)).map((line) => ({
    kind: 'computed',
    key: line.field,
    type: 'money',
    labelKey: line.key === 'toReclaim' && options.compensatedNextYear ? 'settlement.to_withhold_next_year' : line.labelKey,
    compute: (ctx) => figures(ctx)?.[line.key] ?? null,
  }));
  return {
    key: 'settlement',
    titleKey: options.titleKey ?? 'settlement.title',
    introKey: INTRO[variant],
    items,
    compensatedNextYear: options.compensatedNextYear ?? false,
    reclaimByInvoice: options.reclaimByInvoice ?? false,
  };
}

/** Is the definition's unused money withheld from next year's allocation instead of reclaimed (its settlement section)? */
export function compensatesNextYear(definition: Pick<FormDefinition, 'sections'>): boolean {
  return definition.sections.some((s) => s.key === 'settlement' && s.compensatedNextYear === true);
}

/** Does a reclaim of the definition come with POD MI's letter and invoice, the OCMW repaying nothing before it? */
export function reclaimsByInvoice(definition: Pick<FormDefinition, 'sections'>): boolean {
  return definition.sections.some((s) => s.key === 'settlement' && s.reclaimByInvoice === true);
}

/** §2.5 "Totals": what is not justified will be reclaimed — a warning with the amount, never blocking. */
export function reclaimWarning(code: string): (ctx: ComputeContext) => Issue[] {
  return (ctx) => {
    const toReclaim = ctx.computed[SETTLEMENT_FIELDS.toReclaim];
    if (typeof toReclaim !== 'number' || toReclaim <= 0) return [];
    return [{ code, severity: 'warning', path: SETTLEMENT_FIELDS.toReclaim, params: { toReclaimCents: toReclaim } }];
  };
}
