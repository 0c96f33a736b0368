import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Row, measureYears, staffRow } from '../support/measures.ts';
import { GAS_ENERGIES, gasElekV1 } from '../../src/modules/forms/definitions/gas-elek.ts';
import { type Evaluation, evaluate, heldAlarms } from '../../src/modules/forms/evaluate.ts';

type Tables = Partial<Record<'staffArt4' | 'unpaidBills' | 'preventive' | 'otherMeasures', Row[]>>;

const CLASS_TABLE = { '1': 50, '2': 100, '3': 200, '4': 300, '5': 500, '6': 1000 };
const PARAMS = { lumpSumPerFteCents: 3_718_400, classTable: CLASS_TABLE };
/** Demostad: class 3, 2,00 FTE × €37.184 = €74.368 for art. 4, €68.452,10 for art. 6, everything paid in advance. */
const REFS = {
  class: 3,
  fteEntitlement: 200,
  allocationArt4: 7_436_800,
  allocationArt6: 6_845_210,
  extraTranches: 0,
  advancesPaid: 14_282_010,
  compensationFromPreviousYear: 0,
  approvedDebtMediation: 1,
};

const staff = (over: Row = {}): Row => staffRow({ function: 'debtMediator', grossCost: '58.450,00', ...over });
const bill = (energy: string, householdsHelped: string, amount: string): Row => ({ energy, householdsHelped, amount });
const expense = (category: string, description: string, from: string, to: string, amount: string, extra: Row = {}): Row => ({
  category,
  description,
  'period.from': from,
  'period.to': to,
  amount,
  ...extra,
});
const preventive = (category: string, description: string, from: string, to: string, amount: string, beneficiaries = '10'): Row =>
  expense(category, description, from, to, amount, { beneficiaries });

const run = (tables: Tables, refs: Record<string, number | null> = {}, params: Record<string, unknown> = PARAMS, reportYear = 2025): Evaluation =>
  evaluate({ definition: gasElekV1, raw: { fields: {}, tables }, refs: { ...REFS, ...refs }, params, reportYear });
const codes = (e: Evaluation) => e.issues.map((i) => [i.code, i.severity, i.path]);

describe('Gas- en elektriciteitsfonds (forms.md §4.2): worked example of Demostad', () => {
  const e = run({
    staffArt4: [
      staff(),
      // half a year, 0,80 FTE, half charged; APE does not limit: min(12.000, 24.000 − 5.000)
      staff({
        lastName: 'Janssens',
        firstName: 'Tom',
        function: 'socialWorker',
        status: 'statutory',
        'period.from': '01/07/2025',
        fte: '0,8',
        allocationRate: '50',
        grossCost: '24.000,00',
        otherFunding: '5.000,00',
      }),
      // APE limits the charge: min(22.000, 22.000 − 15.000) = 7.000
      staff({ lastName: 'Claes', firstName: 'Ann', function: 'administrative', fte: '0,5', grossCost: '22.000,00', otherFunding: '15.000,00' }),
    ],
    unpaidBills: [bill('gas', '12', '8.450,25'), bill('electricity', '30', '21.300,00'), bill('both', '5', '3.120,80')],
    preventive: [
      preventive('efficientAppliances', 'LED-lampen en zuinige koelkasten', '01/03/2025', '30/06/2025', '9.870,40', '25'),
      preventive('smallWorks', 'Radiatorfolie en thermostatische kranen', '01/10/2025', '31/12/2025', '4.512,00', '15'),
    ],
    otherMeasures: [expense('guidance', 'Energiecoach: infosessies in de wijken', '01/01/2025', '31/12/2025', '1.500,00')],
  });

  it('charges each worker per §3.1 and totals section 1', () => {
    assert.deepEqual(
      e.rowComputed.staffArt4.map((r) => r.chargedAmount),
      [5_845_000, 1_200_000, 700_000],
    );
    // 0,8 × 50 % × 184/365 = 0,2016 → 0,20
    assert.deepEqual(
      e.rowComputed.staffArt4.map((r) => r.fteCharged),
      [100, 20, 50],
    );
    assert.equal(e.computed.fteChargedTotal, 170);
    assert.equal(e.computed.personnelJustified, 7_745_000);
  });

  it('caps art. 4 at its allocation and sums the three art. 6 parts', () => {
    assert.equal(e.totals.unpaidBills.amount, 3_287_105);
    assert.equal(e.totals.unpaidBills.householdsHelped, 47);
    assert.equal(e.totals.preventive.eligibleAmount, 1_438_240);
    assert.equal(e.totals.otherMeasures.eligibleAmount, 150_000);
    assert.deepEqual(
      {
        art4Available: e.computed.art4Available,
        art4Accepted: e.computed.art4Accepted,
        art6Available: e.computed.art6Available,
        art6Justified: e.computed.art6Justified,
        art6Accepted: e.computed.art6Accepted,
        art4Unused: e.computed.art4Unused,
        art6Unused: e.computed.art6Unused,
        unusedTotal: e.computed.unusedTotal,
      },
      {
        art4Available: 7_436_800,
        art4Accepted: 7_436_800,
        art6Available: 6_845_210,
        art6Justified: 4_875_345,
        art6Accepted: 4_875_345,
        art4Unused: 0,
        art6Unused: 1_969_865,
        unusedTotal: 1_969_865,
      },
    );
  });

  it('settles to the cent: the art. 6 part not used is reclaimed, the art. 4 surplus does not cover it (F4-2)', () => {
    assert.equal(e.computed.settlementAllocation, 14_282_010);
    assert.equal(e.computed.settlementAdvances, 14_282_010);
    assert.equal(e.computed.settlementJustified, 12_312_145);
    assert.equal(e.computed.settlementAccepted, 12_312_145);
    assert.equal(e.computed.settlementBalance, -1_969_865);
    assert.equal(e.computed.settlementToPay, 0);
    assert.equal(e.computed.settlementToReclaim, 1_969_865);
    assert.equal(e.computed.settlementUnused, 1_969_865);
  });

  it('warns without blocking: FTE below the entitlement (F4-P1), no transfer (F4-2), unused money', () => {
    assert.equal(e.hasErrors, false);
    assert.deepEqual(codes(e), [
      ['gas.warning_fte_below', 'warning', 'fteChargedTotal'],
      ['gas.warning_art4_over_art6_unused', 'warning', 'unusedTotal'],
      ['gas.warning_unused', 'warning', 'unusedTotal'],
    ]);
    assert.deepEqual(e.issues[0].params, { chargedHundredths: 170, entitlementHundredths: 200 });
    assert.deepEqual(e.issues[1].params, { surplusCents: 308_200, unusedCents: 1_969_865 });
    assert.deepEqual(e.issues[2].params, { unusedCents: 1_969_865 });
  });

  it('shows the lump sum per FTE and the FTE of the class from the campaign parameters', () => {
    assert.equal(e.computed.lumpSumPerFte, 3_718_400);
    assert.equal(e.computed.classTableFte, 200);
  });
});

describe('Gas- en elektriciteitsfonds: art. 4 and art. 6 are settled separately (F4-2)', () => {
  const refs = { fteEntitlement: 100, allocationArt4: 1_000_000, allocationArt6: 500_000, advancesPaid: 1_500_000 };
  const oneFte = staff({ grossCost: '6.000,00' });

  it('does not let art. 6 overspending cover unused art. 4 money', () => {
    const e = run({ staffArt4: [oneFte], unpaidBills: [bill('gas', '40', '8.000,00')] }, refs);
    assert.equal(e.computed.art4Accepted, 600_000);
    assert.equal(e.computed.art6Accepted, 500_000);
    assert.equal(e.computed.unusedTotal, 400_000, 'a pooled settlement would leave only 1.000,00 unused');
    assert.equal(e.computed.settlementToReclaim, 400_000);
    assert.deepEqual(codes(e), [
      ['gas.warning_art6_over_art4_unused', 'warning', 'unusedTotal'],
      ['gas.warning_unused', 'warning', 'unusedTotal'],
    ]);
    assert.deepEqual(e.issues[0].params, { surplusCents: 300_000, unusedCents: 400_000 });
  });

  it('accepts art. 4 exactly at its allocation, and caps one cent above it without warning', () => {
    const full = { unpaidBills: [bill('gas', '40', '5.000,00')] };
    const exact = run({ ...full, staffArt4: [staff({ grossCost: '10.000,00' })] }, refs);
    assert.equal(exact.computed.art4Accepted, 1_000_000);
    assert.equal(exact.computed.unusedTotal, 0);
    assert.deepEqual(exact.issues, []);
    const above = run({ ...full, staffArt4: [staff({ grossCost: '10.000,01' })] }, refs);
    assert.equal(above.computed.personnelJustified, 1_000_001);
    assert.equal(above.computed.art4Accepted, 1_000_000);
    assert.equal(above.computed.settlementJustified, 1_500_000);
    assert.equal(above.computed.settlementBalance, 0);
    assert.deepEqual(above.issues, []);
  });

  it('adds the extra tranches to the art. 6 envelope and caps one cent above it', () => {
    const withTranche = { ...refs, extraTranches: 100_000, advancesPaid: 1_600_000 };
    const exact = run({ staffArt4: [staff({ grossCost: '10.000,00' })], unpaidBills: [bill('electricity', '3', '6.000,00')] }, withTranche);
    assert.equal(exact.computed.art6Available, 600_000);
    assert.equal(exact.computed.art6Accepted, 600_000);
    assert.equal(exact.computed.settlementAllocation, 1_600_000);
    assert.deepEqual(exact.issues, []);
    const above = run({ staffArt4: [staff({ grossCost: '10.000,00' })], unpaidBills: [bill('electricity', '3', '6.000,01')] }, withTranche);
    assert.equal(above.computed.art6Justified, 600_001);
    assert.equal(above.computed.art6Accepted, 600_000);
    assert.equal(above.computed.settlementToPay, 0);
  });
});

describe('Gas- en elektriciteitsfonds: approved debt mediation (§4.2.2)', () => {
  it('gives no art. 4 money without approval, and refuses staff rows with an explanation', () => {
    const e = run({ staffArt4: [staff()], unpaidBills: [bill('gas', '10', '1.000,00')] }, { approvedDebtMediation: 0 });
    assert.equal(e.computed.art4Available, 0);
    assert.equal(e.computed.art4Accepted, 0);
    assert.equal(e.computed.settlementAllocation, 6_845_210);
    assert.deepEqual(
      codes(e).filter(([, severity]) => severity === 'error'),
      [['gas.no_debt_mediation', 'error', 'staffArt4']],
    );
    assert.ok(!e.issues.some((i) => i.code.startsWith('gas.warning_fte')), 'no FTE warning without art. 4');
  });

  it('accepts the form without staff rows when the OCMW is not approved', () => {
    const e = run({ unpaidBills: [bill('gas', '10', '68.452,10')] }, { approvedDebtMediation: 0, advancesPaid: 6_845_210 });
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.settlementBalance, 0);
  });
});

describe('Gas- en elektriciteitsfonds: FTE against the entitlement (F4-P1, F4-P2)', () => {
  const refs = { fteEntitlement: 100 };
  const fteIssues = (rows: Row[]) => run({ staffArt4: rows }, refs).issues.filter((i) => i.path === 'fteChargedTotal' || i.path.startsWith('staffArt4'));

  it('is silent when the FTE charged equals the entitlement', () => {
    assert.deepEqual(fteIssues([staff()]), []);
  });

  it('warns below (0,99) and above (1,01 over two rows) the entitlement', () => {
    assert.deepEqual(
      fteIssues([staff({ fte: '0,99' })]).map((i) => [i.code, i.params]),
      [['gas.warning_fte_below', { chargedHundredths: 99, entitlementHundredths: 100 }]],
    );
    assert.deepEqual(
      fteIssues([staff(), staff({ lastName: 'Maes', fte: '0,01' })]).map((i) => [i.code, i.params]),
      [['gas.warning_fte_above', { chargedHundredths: 101, entitlementHundredths: 100 }]],
    );
  });

  it('refuses an FTE of 1,01 on one row and accepts 1,00', () => {
    assert.deepEqual(
      fteIssues([staff({ fte: '1,01' })]).map((i) => [i.code, i.path]),
      [
        ['issue.fte_range', 'staffArt4.0.fte'],
        ['gas.warning_fte_below', 'fteChargedTotal'],
      ],
    );
  });

  it('counts half a year as half an FTE (181/365 → 0,50)', () => {
    const e = run({ staffArt4: [staff({ 'period.to': '30/06/2025' })] }, refs);
    assert.equal(e.computed.fteChargedTotal, 50);
  });

  it('does not warn while POD MI has not loaded the entitlement', () => {
    assert.equal(fteIssues([staff({ fte: '0,5' })]).length, 1);
    assert.deepEqual(
      run({ staffArt4: [staff({ fte: '0,5' })] }, { fteEntitlement: null }).issues.filter((i) => i.path === 'fteChargedTotal'),
      [],
    );
  });
});

describe('Gas- en elektriciteitsfonds: periods within report year N (F4-1)', () => {
  const periodIssues = (from: string, to: string) => {
    const e = run({
      staffArt4: [staff({ 'period.from': from, 'period.to': to })],
      preventive: [preventive('installationChecks', 'Onderhoud verwarmingsketels', from, to, '100,00')],
      otherMeasures: [expense('cooperation', 'Overleg met de netbeheerder', from, to, '50,00')],
    });
    return e.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path]);
  };

  it('accepts the first and the last day of the report year', () => {
    assert.deepEqual(periodIssues('01/01/2025', '01/01/2025'), []);
    assert.deepEqual(periodIssues('31/12/2025', '31/12/2025'), []);
  });

  it('refuses one day before and one day after', () => {
    const outside = [
      ['issue.outside_period', 'staffArt4.0.period'],
      ['issue.outside_period', 'preventive.0.period'],
      ['issue.outside_period', 'otherMeasures.0.period'],
    ];
    assert.deepEqual(periodIssues('31/12/2024', '31/12/2025'), outside);
    assert.deepEqual(periodIssues('01/01/2025', '01/01/2026'), outside);
  });
});

describe('Gas- en elektriciteitsfonds: rows of art. 6', () => {
  it('requires households helped when an amount was paid (2a)', () => {
    const e = run({ unpaidBills: [bill('gas', '0', '120,00'), bill('electricity', '0', '0'), bill('both', '', '50,00')] });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [
        ['issue.required', 'error', 'unpaidBills.2.householdsHelped'],
        ['gas.households_required', 'error', 'unpaidBills.0.householdsHelped'],
      ],
    );
  });

  it('offers gas, electricity or both, never heating oil (F4-3)', () => {
    assert.deepEqual([...GAS_ENERGIES], ['gas', 'electricity', 'both']);
    const e = run({ unpaidBills: [bill('fuelOil', '1', '100,00')] });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [['issue.enum_invalid', 'error', 'unpaidBills.0.energy']],
    );
  });

  it('requires the number of beneficiaries of a preventive expense (2b) and a category (3)', () => {
    const e = run({
      preventive: [preventive('majorWorks', 'Dakisolatie eigenaar-bewoner', '01/04/2025', '30/04/2025', '3.000,00', '')],
      otherMeasures: [expense('', 'Samenwerking', '01/04/2025', '30/04/2025', '10,00')],
    });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [
        ['issue.required', 'error', 'preventive.0.beneficiaries'],
        ['issue.required', 'error', 'otherMeasures.0.category'],
      ],
    );
  });
});

describe('Gas- en elektriciteitsfonds: references', () => {
  it('counts last year’s compensation as already received, so it is not paid back (Villedemo)', () => {
    const refs = { class: 2, allocationArt6: 6_213_478, advancesPaid: 13_237_623, compensationFromPreviousYear: 412_655 };
    const e = run(
      { staffArt4: [staff({ grossCost: '37.184,00' }), staff({ lastName: 'Dubois', grossCost: '37.184,00' })], unpaidBills: [bill('both', '80', '62.134,78')] },
      refs,
    );
    assert.equal(e.computed.settlementAllocation, 13_650_278);
    assert.equal(e.computed.settlementAdvances, 13_650_278);
    assert.equal(e.computed.settlementToPay, 0);
    assert.equal(e.computed.settlementToReclaim, 0);
    assert.deepEqual(e.issues, []);
  });

  it('shows the FTE of the class table next to an entitlement kept by the one-year joker', () => {
    const e = run({}, { class: 2, fteEntitlement: 200 });
    assert.equal(e.computed.classTableFte, 100);
    assert.equal(run({}, { class: null }).computed.classTableFte, null);
    assert.equal(run({}, { class: 7 }).computed.classTableFte, null);
  });

  it('evaluates an empty form: nothing justified, everything reclaimed, and no alarm before anything is entered', () => {
    const e = run({});
    assert.equal(e.hasErrors, false);
    assert.equal(e.computed.settlementJustified, 0);
    assert.equal(e.computed.settlementToReclaim, 14_282_010);
    assert.equal(e.entered, false);
    assert.deepEqual(
      e.issues.map((i) => i.code),
      ['gas.warning_fte_below', 'gas.warning_unused'],
      'POD MI reads every warning',
    );
    assert.deepEqual(heldAlarms(e).issues, [], "the OCMW's pages hold them until something has been entered (issue 14, item 5)");
    const started = run({ unpaidBills: [bill('gas', '10', '1,00')] });
    assert.equal(started.entered, true);
    assert.deepEqual(
      heldAlarms(started).issues.map((i) => i.code),
      ['gas.warning_fte_below', 'gas.warning_unused'],
      'one bill typed: the OCMW sees the warnings',
    );
  });

  it('is edited one section per page', () => {
    assert.equal(gasElekV1.paged, true);
    assert.deepEqual(
      gasElekV1.sections.map((s) => s.key),
      ['reference', 'art4', 'art6Curative', 'art6Preventive', 'art5Other', 'summary', 'settlement'],
    );
  });

  it('fails loudly when the campaign misses the lump sum per FTE', () => {
    assert.throws(() => run({}, {}, { classTable: CLASS_TABLE }), /lumpSumPerFteCents/);
  });
});

const campaignYears = measureYears('GAS_ELEK');
const refKeys = gasElekV1.sections.flatMap((s) => s.items.filter((i) => i.kind === 'ref').map((i) => i.key));

describe('Gas- en elektriciteitsfonds: campaign years (src/seed/campaign-years/GAS_ELEK.json)', () => {
  it('covers report years 2016 to 2026 with version 1, opening early', () => {
    assert.equal(campaignYears.measure, 'GAS_ELEK');
    assert.equal(campaignYears.opens, 'early');
    assert.deepEqual(
      Object.keys(campaignYears.years),
      Array.from({ length: 11 }, (_, i) => String(2016 + i)),
    );
    for (const year of Object.values(campaignYears.years)) assert.equal(year.definitionVersion, 1);
  });

  it('gives every year an integer lump sum and a class table of six classes in hundredths', () => {
    for (const [year, { params }] of Object.entries(campaignYears.years)) {
      assert.ok(Number.isSafeInteger(params.lumpSumPerFteCents) && (params.lumpSumPerFteCents as number) > 0, year);
      const table = params.classTable as Record<string, number>;
      assert.deepEqual(Object.keys(table), ['1', '2', '3', '4', '5', '6'], year);
      assert.ok(
        Object.values(table).every((fte, i, all) => Number.isSafeInteger(fte) && (i === 0 || fte > all[i - 1])),
        year,
      );
    }
  });

  it('evaluates every year with each demo OCMW’s references without throwing', () => {
    for (const [year, { params }] of Object.entries(campaignYears.years)) {
      for (const refs of Object.values(campaignYears.demoReferences)) {
        const e = evaluate({
          definition: gasElekV1,
          raw: { fields: {}, tables: { staffArt4: [staff({ 'period.from': `01/01/${year}`, 'period.to': `31/12/${year}` })] } },
          refs,
          params,
          reportYear: Number(year),
        });
        assert.equal(e.hasErrors, false, year);
      }
    }
  });

  it('gives the demo OCMWs every reference value, as integers consistent with the 2026 lump sum', () => {
    const lumpSum = campaignYears.years['2026'].params.lumpSumPerFteCents as number;
    assert.deepEqual(Object.keys(campaignYears.demoReferences).sort(), ['demostad', 'villedemo']);
    for (const refs of Object.values(campaignYears.demoReferences)) {
      assert.deepEqual(Object.keys(refs).sort(), [...refKeys].sort());
      assert.ok(Object.values(refs).every(Number.isSafeInteger));
      assert.equal(refs.allocationArt4, (refs.fteEntitlement * lumpSum) / 100);
      assert.ok([0, 1].includes(refs.approvedDebtMediation));
    }
  });
});
