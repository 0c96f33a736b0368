import { type MeasureYears, loadMeasureYears } from '../../src/modules/campaigns/campaign-years.ts';

export type Row = Record<string, string>;

/** A measure's per-year data, read and validated by the application's own loader. */
export function measureYears(measure: string): Required<MeasureYears> {
  const found = loadMeasureYears().find((m) => m.measure === measure);
  if (!found) throw new Error(`No per-year data for ${measure}`);
  return { demoReferences: {}, ...found };
}

/** One staff row as typed (StaffCostRow, forms.md §3.1): a full-time worker for report year 2025. */
export function staffRow(over: Row = {}): Row {
  return {
    lastName: 'Peeters',
    firstName: 'Eva',
    staffId: '',
    function: 'socialWorker',
    status: 'contractual',
    'period.from': '01/01/2025',
    'period.to': '31/12/2025',
    fte: '1',
    allocationRate: '100',
    grossCost: '100,00',
    otherFunding: '0',
    ...over,
  };
}
