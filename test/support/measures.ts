import { translator } from '../../src/i18n/i18n.ts';
import { type MeasureYears, loadMeasureYears } from '../../src/modules/campaigns/campaign-years.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { buildWorkbook } from '../../src/modules/workbooks/index.ts';

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

/** One GPMI pathway counsellor of report year 2026 (0,8 FTE, half on the measure), as typed or in the workbook. */
export function gpmiStaffRow(over: Row = {}): Row {
  return staffRow({
    lastName: 'Jacobs',
    firstName: 'Noor',
    staffId: 'T-17',
    function: 'pathwayCounsellor',
    'period.from': '01/01/2026',
    'period.to': '31/12/2026',
    fte: '0,8',
    allocationRate: '50',
    grossCost: '52.000,00',
    ...over,
  });
}

/** One collective PSA activity as typed (a day trip in July 2026), with the given description and amount. */
export function psaActivity(over: Row = {}): Row {
  return {
    category: 'tripsTravel',
    kind: 'collective',
    description: 'Uitstap naar zee',
    'period.from': '12/07/2026',
    'period.to': '12/07/2026',
    usersReached: '25',
    amount: '1.250,00',
    mixedPublicShare: '',
    partner: '',
    overheadAmount: '',
    ...over,
  };
}

/** A filled-in PSA 2026 workbook as an OCMW would upload it (built with the Dutch template, rows prefilled). */
export function psaWorkbook(campaignParams: Record<string, unknown>, rows: Record<string, Row[]>): Promise<Buffer> {
  return buildWorkbook({
    definition: getDefinition('PSA', 1),
    measure: 'PSA',
    reportYear: 2026,
    templateVersion: 1,
    params: campaignParams,
    lang: 'nl',
    t: translator('nl'),
    rows,
  });
}
