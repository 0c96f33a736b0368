import { SETTLEMENT_FIELDS, compensatesNextYear, reclaimsByInvoice } from '../../forms/blocks/settlement.ts';
import type { FormDefinition } from '../../forms/definition.ts';
import type { Evaluation } from '../../forms/evaluate.ts';

/**
 * What POD MI settles for one OCMW, read from the form's own evaluation (forms.md §3.3, §6.3): the rules
 * (caps, the art. 4 / art. 6 split of the gas and electricity fund, the variants of §3.3) live in the form
 * definitions only; nothing is recomputed here.
 */
export interface DetailLine {
  key: string;
  labelKey: string;
  cents: number;
}

export interface SettlementFigures {
  allocation: number;
  justified: number;
  accepted: number;
  advances: number;
  balance: number;
  toPay: number;
  toReclaim: number;
  unused: number;
  /** the measure's own summary lines (gas fund: art. 4 and art. 6 accepted, unused per part, carried over) */
  details: DetailLine[];
  /** the form could not compute its settlement (reference values missing): every amount is 0 */
  incomplete: boolean;
  /** the reclaim is withheld from next year's allocation instead of invoiced (gas and electricity fund, §4.2.6) */
  compensatedNextYear: boolean;
  /** a reclaim is invoiced by POD MI after the letter; the OCMW repays nothing before (Covid-era subsidies, §4.7) */
  reclaimByInvoice: boolean;
}

/** Reference values shown with the details because they explain the balance. */
const DETAIL_REFS = new Set(['compensationFromPreviousYear']);

function cents(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The measure's summary section (computed amounts) and the reference values that explain the balance. */
function detailLines(definition: FormDefinition, evaluation: Evaluation): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.kind === 'computed' && section.key === 'summary' && item.type === 'money') {
        lines.push({ key: item.key, labelKey: item.labelKey, cents: cents(evaluation.computed[item.key]) });
      } else if (item.kind === 'ref' && DETAIL_REFS.has(item.key)) {
        lines.push({ key: item.key, labelKey: item.labelKey, cents: cents(evaluation.refs[item.key]) });
      }
    }
  }
  return lines;
}

/**
 * The settlement of a form from its evaluation. An OCMW without a submitted form is settled as an empty form
 * (nothing justified, so nothing accepted: every advance received is reclaimed) — the caller evaluates the
 * empty input with the current reference values.
 */
export function settlementFigures(definition: FormDefinition, evaluation: Evaluation): SettlementFigures {
  if (definition.measure === 'COVID_PREMIE') return covidPremiumFigures(evaluation);
  const c = evaluation.computed;
  const accepted = c[SETTLEMENT_FIELDS.accepted];
  const incomplete = typeof accepted !== 'number';
  return {
    allocation: cents(c[SETTLEMENT_FIELDS.allocation]),
    justified: cents(c[SETTLEMENT_FIELDS.justified]),
    accepted: cents(accepted),
    advances: cents(c[SETTLEMENT_FIELDS.advancesPaid]),
    balance: cents(c[SETTLEMENT_FIELDS.balance]),
    // measures paid in advance have no "to pay" line: nothing is paid then
    toPay: cents(c[SETTLEMENT_FIELDS.toPayByPodMi]),
    toReclaim: cents(c[SETTLEMENT_FIELDS.toReclaim]),
    unused: cents(c[SETTLEMENT_FIELDS.unused]),
    details: detailLines(definition, evaluation),
    incomplete,
    // read from the form's settlement section, which says it to the OCMW in the same words (forms.md §4.2.3, §4.2.6)
    compensatedNextYear: compensatesNextYear(definition),
    reclaimByInvoice: reclaimsByInvoice(definition),
  };
}

/**
 * The Covid-19 premium (2022) predates the settlement block: its form computes "to pay by POD MI" as the justified
 * total minus the advance. forms.md §3.3 variant: the allocation is what is justified (not known in advance).
 */
function covidPremiumFigures(evaluation: Evaluation): SettlementFigures {
  const justified = evaluation.values.justifiedTotal;
  const advances = cents(evaluation.refs.advance);
  const incomplete = typeof justified !== 'number';
  const accepted = cents(justified);
  const balance = accepted - advances;
  return {
    allocation: accepted,
    justified: accepted,
    accepted,
    advances,
    balance,
    toPay: Math.max(balance, 0),
    toReclaim: Math.max(-balance, 0),
    unused: 0,
    details: [],
    incomplete,
    compensatedNextYear: false,
    reclaimByInvoice: false,
  };
}

/** Column totals of a list of settlements. */
export function totalsOf(rows: SettlementFigures[]) {
  const sum = (key: 'allocation' | 'accepted' | 'advances' | 'balance' | 'toPay' | 'toReclaim') => rows.reduce((s, r) => s + r[key], 0);
  return {
    allocation: sum('allocation'),
    accepted: sum('accepted'),
    advances: sum('advances'),
    balance: sum('balance'),
    toPay: sum('toPay'),
    toReclaim: sum('toReclaim'),
  };
}
