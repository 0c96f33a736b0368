import type { InputField, RowIssue, RowValues, TableField } from '../definition.ts';
import { namedOptions } from '../definition.ts';
import { mulDiv } from './arithmetic.ts';

export interface ExpenseTableOptions {
  key: string;
  labelKey: string;
  /** name and values of the list of categories (labels `enum.<name>.<value>`) */
  categories: { name: string; values: readonly string[] };
  /** one date per expense, or a period (default) */
  when?: 'date' | 'period';
  /** extra columns after the description (counts of people reached, energy…) */
  extraColumns?: InputField[];
  /** a share of the target group in a mixed public (forms.md §3.2, PSA-R6) */
  mixedPublicShare?: boolean;
  /** partner and overhead of a subcontracted activity (PSA-R2) */
  subcontracting?: boolean;
  maxRows?: number;
  minRows?: number;
  workbookSheet?: string;
}

/** Eligible part of an expense: round(amount × share/100); no share given = 100 %. Share in hundredths. */
export function eligibleAmount(amountCents: number, shareHundredths: number | null): number {
  return shareHundredths === null ? amountCents : mulDiv(amountCents, shareHundredths, 10_000);
}

function rowEligible(row: RowValues): number | null {
  if (typeof row.amount !== 'number') return null;
  return eligibleAmount(row.amount, typeof row.mixedPublicShare === 'number' ? row.mixedPublicShare : null);
}

function overheadWithinAmount(row: RowValues): RowIssue[] {
  const { amount, overheadAmount } = row;
  if (typeof amount !== 'number' || typeof overheadAmount !== 'number' || overheadAmount <= amount) return [];
  return [{ code: 'expense.overhead_above_amount', severity: 'error', column: 'overheadAmount' }];
}

/** The ExpenseRow table of forms.md §3.2. */
export function expenseTable(options: ExpenseTableOptions): TableField {
  const when: InputField =
    options.when === 'date'
      ? { kind: 'input', key: 'date', type: 'date', labelKey: 'expense.date', required: true, inSubsidyPeriod: true }
      : { kind: 'input', key: 'period', type: 'period', labelKey: 'expense.period', required: true, inSubsidyPeriod: true };
  const columns: InputField[] = [
    {
      kind: 'input',
      key: 'category',
      type: 'enum',
      labelKey: 'expense.category',
      required: true,
      ...namedOptions(options.categories.name, options.categories.values),
    },
    { kind: 'input', key: 'description', type: 'text', labelKey: 'expense.description', required: true, maxLength: 250 },
    when,
    ...(options.extraColumns ?? []),
    { kind: 'input', key: 'amount', type: 'money', labelKey: 'expense.amount', required: true, positive: true },
  ];
  if (options.mixedPublicShare)
    columns.push({
      kind: 'input',
      key: 'mixedPublicShare',
      type: 'percent',
      labelKey: 'expense.mixed_public_share',
      hintKey: 'expense.mixed_public_share_hint',
    });
  if (options.subcontracting) {
    columns.push({ kind: 'input', key: 'partner', type: 'text', labelKey: 'expense.partner', maxLength: 150 });
    columns.push({ kind: 'input', key: 'overheadAmount', type: 'money', labelKey: 'expense.overhead_amount' });
  }
  return {
    kind: 'table',
    key: options.key,
    labelKey: options.labelKey,
    maxRows: options.maxRows ?? 1000,
    minRows: options.minRows,
    workbookSheet: options.workbookSheet,
    columns,
    rowComputed: [{ key: 'eligibleAmount', type: 'money', labelKey: 'expense.eligible_amount', compute: rowEligible }],
    totals: ['amount', 'eligibleAmount'],
    rowRules: options.subcontracting ? [overheadWithinAmount] : [],
  };
}
