import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Row, measureYears, staffRow } from '../support/measures.ts';
import { type FormDefinition, tablesOf } from '../../src/modules/forms/definition.ts';
import { gpmiTbV1, gpmiV1 } from '../../src/modules/forms/definitions/gpmi.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';

const staff = (over: Row = {}): Row => staffRow({ ...over });
const cost = (over: Row = {}): Row => ({
  category: 'jobApplicationTraining',
  description: 'Sollicitatietraining in groep',
  'period.from': '01/03/2025',
  'period.to': '31/05/2025',
  amount: '1.850,00',
  mixedPublicShare: '',
  ...over,
});

const GPMI_PARAMS = { otherCostsAllowed: true };
const run = (
  definition: FormDefinition,
  tables: Record<string, Row[]>,
  refs: Record<string, number | null>,
  params: Record<string, unknown>,
  reportYear = 2025,
) => evaluate({ definition, raw: { fields: {}, tables }, refs, params, reportYear });
const gpmi = (tables: Record<string, Row[]>, received = 9_412_683, params: Record<string, unknown> = GPMI_PARAMS) =>
  run(gpmiV1, tables, { specialSubsidyReceived: received, gpmiBeneficiaries: 118, gpmiMonths: 874 }, params);
const codes = (e: ReturnType<typeof run>) => e.issues.map((i) => [i.code, i.severity, i.path]);
const settlement = (e: ReturnType<typeof run>) => {
  const c = e.computed;
  return [
    c.settlementAllocation,
    c.settlementAdvances,
    c.settlementJustified,
    c.settlementAccepted,
    c.settlementBalance,
    c.settlementToReclaim,
    c.settlementUnused,
  ];
};

/** Worked example: three workers guiding GPMI holders and two other costs, €94.126,83 received. */
const WORKED = {
  staff: [
    staff({ allocationRate: '60', grossCost: '58.750,00' }),
    staff({ lastName: 'Janssens', function: 'pathwayCounsellor', 'period.from': '01/04/2025', fte: '0,8', grossCost: '38.400,00', otherFunding: '12.000,00' }),
    staff({ lastName: 'Maes', function: 'jobCoach', status: 'statutory', 'period.to': '30/06/2025', fte: '0,5', allocationRate: '75', grossCost: '21.333,33' }),
  ],
  costs: [
    cost(),
    cost({ category: 'travelCosts', description: 'Busabonnementen', 'period.from': '01/01/2025', 'period.to': '31/12/2025', amount: '2.437,60' }),
  ],
};

describe('GPMI worked example (forms.md §4.4.4)', () => {
  const e = gpmi(WORKED);

  it('charges each worker on the full cost, within the cost net of other funding', () => {
    assert.deepEqual(
      e.rowComputed.staff.map((r) => r.chargedAmount),
      [3_525_000, 2_640_000, 1_600_000],
    ); // 60 %; APE deducted; 1.599.999,75 → 1.600.000
    assert.equal(e.totals.staff.chargedAmount, 7_765_000);
    assert.equal(e.totals.costs.eligibleAmount, 428_760);
  });

  it('settles: justified = Σ charged + Σ eligible, accepted = min(justified, received), the rest reclaimed', () => {
    assert.deepEqual(settlement(e), [9_412_683, 9_412_683, 8_193_760, 8_193_760, -1_218_923, 1_218_923, 1_218_923]);
    assert.equal('settlementToPay' in e.computed, false, 'no payment by POD MI in this form');
  });

  it('warns about the reclaim, without blocking', () => {
    assert.equal(e.hasErrors, false);
    assert.deepEqual(codes(e), [['gpmi.warning_reclaim', 'warning', 'settlementToReclaim']]);
    assert.deepEqual(e.issues[0].params, { toReclaimCents: 1_218_923 });
  });
});

describe('GPMI boundaries', () => {
  it('accepts no more than received and reclaims nothing when more is justified', () => {
    const e = gpmi(WORKED, 5_000_000);
    assert.deepEqual(settlement(e), [5_000_000, 5_000_000, 8_193_760, 5_000_000, 0, 0, 0]);
    assert.deepEqual(codes(e), []);
  });

  it('reclaims nothing at exactly the amount received, one cent when one cent is missing', () => {
    assert.deepEqual(codes(gpmi(WORKED, 8_193_760)), []);
    const short = gpmi(WORKED, 8_193_761);
    assert.equal(short.computed.settlementToReclaim, 1);
    assert.deepEqual(codes(short), [['gpmi.warning_reclaim', 'warning', 'settlementToReclaim']]);
  });

  it('cannot settle before POD MI loaded the amount received', () => {
    const e = run(gpmiV1, WORKED, { specialSubsidyReceived: null }, GPMI_PARAMS);
    assert.deepEqual(settlement(e), [null, null, null, null, null, null, null]);
    assert.deepEqual(codes(e), []);
  });

  it('reclaims everything with empty tables', () => {
    const e = gpmi({});
    assert.equal(e.hasErrors, false);
    assert.deepEqual(settlement(e), [9_412_683, 9_412_683, 0, 0, -9_412_683, 9_412_683, 9_412_683]);
  });

  it('refuses rows in the other-costs table in a year where only personnel is accepted', () => {
    const e = gpmi(WORKED, 9_412_683, { otherCostsAllowed: false });
    assert.deepEqual(codes(e)[0], ['gpmi.other_costs_not_allowed', 'error', 'costs']);
    assert.equal(gpmi({ staff: WORKED.staff }, 9_412_683, { otherCostsAllowed: false }).hasErrors, false);
    assert.throws(() => gpmi(WORKED, 9_412_683, {}), /otherCostsAllowed/);
  });

  it('accepts the first and last day of the year and refuses a day outside', () => {
    const e = gpmi({
      staff: [staff({ 'period.from': '31/12/2024' })],
      costs: [cost({ 'period.from': '31/12/2025', 'period.to': '01/01/2026' }), cost({ 'period.from': '01/01/2025', 'period.to': '31/12/2025' })],
    });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [
        ['issue.outside_period', 'error', 'staff.0.period'],
        ['issue.outside_period', 'error', 'costs.0.period'],
      ],
    );
  });

  it('refuses other funding above the cost and a function outside the list', () => {
    const e = gpmi({ staff: [staff({ function: 'teacher', otherFunding: '100,01' })] });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [
        ['issue.enum_invalid', 'error', 'staff.0.function'],
        ['staff.other_funding_above_cost', 'error', 'staff.0.otherFunding'],
      ],
    );
  });

  it('does not apply the end of temporary protection to GPMI', () => {
    assert.equal(gpmi({ staff: [staff()] }, 10_000, { otherCostsAllowed: true, tpEndDate: '2025-03-04' }).hasErrors, false);
  });
});

describe('GPMI temporary protection (forms.md §4.5)', () => {
  const TB_2023 = { periodFrom: '2023-10-01', tpEndDate: '2025-03-04', otherCostsAllowed: true };
  const tb = (tables: Record<string, Row[]>, params: Record<string, unknown> = TB_2023, reportYear = 2023) =>
    run(gpmiTbV1, tables, { supplementReceived: 1_536_842, beneficiariesCount: 14 }, params, reportYear);

  it('starts the 2023 subsidy period on 1 October: 1/10 accepted, 30/9 refused', () => {
    const e = tb({
      staff: [staff({ 'period.from': '01/10/2023', 'period.to': '31/12/2023', grossCost: '10.000,00', allocationRate: '50' })],
      costs: [cost({ 'period.from': '30/09/2023', 'period.to': '15/10/2023' })],
    });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [['issue.outside_period', 'error', 'costs.0.period']],
    );
    assert.deepEqual(e.issues[0].params, { fromDate: '2023-10-01', toDate: '2023-12-31' });
    assert.equal(e.rowComputed.staff[0].chargedAmount, 500_000);
  });

  it('refuses rows going past the end of temporary protection, on its last day accepted', () => {
    const params = { tpEndDate: '2025-03-04', otherCostsAllowed: true };
    const e = tb(
      {
        staff: [staff({ 'period.to': '04/03/2025' }), staff({ 'period.to': '05/03/2025' })],
        costs: [cost({ 'period.from': '01/03/2025', 'period.to': '31/05/2025' })],
      },
      params,
      2025,
    );
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [
        ['gpmitb.after_protection_end', 'error', 'staff.1.period'],
        ['gpmitb.after_protection_end', 'error', 'costs.0.period'],
      ],
    );
    assert.deepEqual(e.issues.find((i) => i.code === 'gpmitb.after_protection_end')?.params, { endDate: '2025-03-04' });
  });

  it('settles against the supplement received, reclaim only', () => {
    const period = { 'period.from': '01/10/2023', 'period.to': '31/12/2023' };
    const e = tb({ staff: [staff({ ...period, grossCost: '12.000,00' })], costs: [cost({ ...period, amount: '368,42' })] });
    assert.deepEqual(settlement(e), [1_536_842, 1_536_842, 1_236_842, 1_236_842, -300_000, 300_000, 300_000]);
    assert.deepEqual(codes(e), [['gpmitb.warning_reclaim', 'warning', 'settlementToReclaim']]);
  });

  it('refuses other costs when the year accepts only personnel', () => {
    const e = tb({ costs: [cost({ 'period.from': '01/10/2023', 'period.to': '31/12/2023' })] }, { ...TB_2023, otherCostsAllowed: false });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [['gpmi.other_costs_not_allowed', 'error', 'costs']],
    );
  });
});

describe('GPMI definitions and campaign years', () => {
  it('share the tables, sheets and workbook; differ by their references', () => {
    for (const definition of [gpmiV1, gpmiTbV1]) {
      assert.deepEqual(definition.workbook, { templateVersion: 1 });
      assert.deepEqual(
        tablesOf(definition).map((t) => [t.key, t.workbookSheet, t.maxRows]),
        [
          ['staff', 'Personeel', 500],
          ['costs', 'Kosten', 1000],
        ],
      );
    }
    const refs = (d: FormDefinition) => d.sections.flatMap((s) => s.items.filter((i) => i.kind === 'ref').map((i) => i.key));
    assert.deepEqual(refs(gpmiV1), ['specialSubsidyReceived', 'gpmiBeneficiaries', 'gpmiMonths']);
    assert.deepEqual(refs(gpmiTbV1), ['supplementReceived', 'beneficiariesCount']);
    assert.deepEqual([gpmiV1.measure, gpmiTbV1.measure], ['GPMI', 'GPMI_TB']);
  });

  const load = measureYears;
  const cases: Array<[FormDefinition, string[]]> = [
    [gpmiV1, ['2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']],
    [gpmiTbV1, ['2023', '2024', '2025', '2026']],
  ];

  for (const [definition, years] of cases) {
    it(`${definition.measure}: years, late opening, demo references, and every year evaluates`, () => {
      const file = load(definition.measure);
      assert.equal(file.measure, definition.measure);
      assert.equal(file.opens, 'late');
      assert.deepEqual(Object.keys(file.years), years);
      const refKeys = definition.sections.flatMap((s) => s.items.filter((i) => i.kind === 'ref').map((i) => i.key));
      for (const ocmw of ['demostad', 'villedemo']) {
        assert.deepEqual(Object.keys(file.demoReferences[ocmw]).sort(), [...refKeys].sort(), ocmw);
        for (const value of Object.values(file.demoReferences[ocmw])) assert.ok(Number.isSafeInteger(value), ocmw);
      }
      for (const [year, entry] of Object.entries(file.years)) {
        assert.equal(entry.definitionVersion, definition.version);
        const period = { 'period.from': `01/10/${year}`, 'period.to': `31/12/${year}` };
        const tables = { staff: [staff(period)], costs: [cost(period)] };
        const e = evaluate({ definition, raw: { fields: {}, tables }, refs: file.demoReferences.demostad, params: entry.params, reportYear: Number(year) });
        assert.deepEqual(
          codes(e).filter(([, s]) => s === 'error'),
          [],
          year,
        );
        assert.equal(typeof e.computed.settlementAccepted, 'number', year);
      }
    });
  }

  it('GPMI_TB: the 2023 period starts on 1 October, later years on 1 January', () => {
    const years = load('GPMI_TB').years;
    assert.deepEqual(
      Object.values(years).map((y) => y.params.periodFrom),
      ['2023-10-01', '2024-01-01', '2025-01-01', '2026-01-01'],
    );
  });
});
