import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Row, measureYears, staffRow } from '../support/measures.ts';
import { OTHER_DESCRIPTION_MIN_LENGTH, personeelskostenV1, personeelskostenV2 } from '../../src/modules/forms/definitions/personeelskosten.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { type Evaluation, evaluate, heldAlarms } from '../../src/modules/forms/evaluate.ts';

type Tables = Partial<Record<'staffNorms' | 'reception', Row[]>>;

const PARAMS = { amountPerFileCents: 51_800 };
/** Demostad: 350 files × €518 = €181.300, 90 % paid in advance. */
const REFS = { fileCount: 350, allocation: 18_130_000, advancesPaid: 16_317_000 };

const staff = (over: Row = {}): Row => staffRow({ lastName: 'Vermeulen', firstName: 'Lies', grossCost: '62.340,00', ...over });
const expense = (category: string, description: string, from: string, to: string, amount: string): Row => ({
  category,
  description,
  'period.from': from,
  'period.to': to,
  amount,
});

const run = (tables: Tables, refs: Record<string, number | null> = {}, params: Record<string, unknown> = PARAMS, reportYear = 2025): Evaluation =>
  evaluate({ definition: personeelskostenV1, raw: { fields: {}, tables }, refs: { ...REFS, ...refs }, params, reportYear });
const codes = (e: Evaluation) => e.issues.map((i) => [i.code, i.severity, i.path]);

describe('Personeelskosten art. 40 (forms.md §4.1): worked example of Demostad', () => {
  const e = run({
    staffNorms: [
      staff(),
      staff({ lastName: 'Goossens', firstName: 'Bart', function: 'headSocialWorker', status: 'statutory', allocationRate: '50', grossCost: '78.500,00' }),
      // gone on 30/06: not counted at 31/12; Maribel limits the charge to 26.800 − 6.000
      staff({ lastName: 'Dewulf', firstName: 'Sara', 'period.to': '30/06/2025', fte: '0,8', grossCost: '26.800,00', otherFunding: '6.000,00' }),
      staff({ lastName: 'Aerts', firstName: 'Nele', function: 'receptionAgent', fte: '0,5', grossCost: '24.650,00' }),
    ],
    reception: [
      expense('training', 'Vorming gespreksvaardigheden', '12/03/2025', '14/03/2025', '1.850,00'),
      expense('interpreting', 'Tolkdiensten via het tolkenagentschap', '01/01/2025', '31/12/2025', '2.375,50'),
      expense('other', 'Kinderhoek in de wachtzaal met speelgoed', '05/05/2025', '05/05/2025', '689,99'),
    ],
  });

  it('computes part A per §3.1 and part B per §3.2', () => {
    assert.deepEqual(
      e.rowComputed.staffNorms.map((r) => r.chargedAmount),
      [6_234_000, 3_925_000, 2_080_000, 2_465_000],
    );
    assert.equal(e.totals.staffNorms.chargedAmount, 14_704_000);
    assert.equal(e.totals.reception.eligibleAmount, 491_549);
  });

  it('shows the amount per file and the staffing indicator', () => {
    assert.equal(e.computed.amountPerFile, 51_800);
    assert.equal(e.computed.socialWorkersFteAt31Dec, 200, 'Vermeulen and Goossens; Dewulf left on 30/06, Aerts is not a social worker');
    assert.equal(e.computed.averageFilesPerSocialWorker, 17_500, '350 files / 2,00 FTE = 175,00');
  });

  it('settles to the cent: justified A + B, the advance above it is reclaimed', () => {
    assert.equal(e.computed.settlementAllocation, 18_130_000);
    assert.equal(e.computed.settlementAdvances, 16_317_000);
    assert.equal(e.computed.settlementJustified, 15_195_549);
    assert.equal(e.computed.settlementAccepted, 15_195_549);
    assert.equal(e.computed.settlementBalance, -1_121_451);
    assert.equal(e.computed.settlementToPay, 0);
    assert.equal(e.computed.settlementToReclaim, 1_121_451);
    assert.equal(e.computed.settlementUnused, 2_934_451);
  });

  it('warns, without blocking, that the difference with the allocation may be reclaimed (F5-3)', () => {
    assert.equal(e.hasErrors, false);
    assert.deepEqual(codes(e), [['personeelskosten.warning_below_allocation', 'warning', 'settlementJustified']]);
    assert.deepEqual(e.issues[0].params, { differenceCents: 2_934_451 });
  });
});

describe('Personeelskosten art. 40: settlement at the allocation', () => {
  const refs = { allocation: 5_000_000, advancesPaid: 4_000_000 };

  it('accepts exactly the allocation without warning and pays the balance', () => {
    const e = run({ staffNorms: [staff({ grossCost: '50.000,00' })] }, refs);
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.settlementAccepted, 5_000_000);
    assert.equal(e.computed.settlementToPay, 1_000_000);
    assert.equal(e.computed.settlementUnused, 0);
  });

  it('warns one cent below the allocation', () => {
    const e = run({ staffNorms: [staff({ grossCost: '49.999,99' })] }, refs);
    assert.deepEqual(
      e.issues.map((i) => [i.code, i.params]),
      [['personeelskosten.warning_below_allocation', { differenceCents: 1 }]],
    );
    assert.equal(e.computed.settlementToPay, 999_999);
  });

  it('caps one cent above the allocation, without warning', () => {
    const e = run({ staffNorms: [staff({ grossCost: '50.000,01' })] }, refs);
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.settlementJustified, 5_000_001);
    assert.equal(e.computed.settlementAccepted, 5_000_000);
    assert.equal(e.computed.settlementToPay, 1_000_000);
  });

  it('does not warn while POD MI has not loaded the allocation', () => {
    assert.deepEqual(run({ staffNorms: [staff()] }, { allocation: null }).issues, []);
  });
});

describe('Personeelskosten art. 40: rows (F5-1, F5-2, Q-ART40-4)', () => {
  it('requires at least one row in part A or part B (F5-1)', () => {
    const e = run({});
    assert.deepEqual(codes(e), [
      ['personeelskosten.no_rows', 'error', ''],
      ['personeelskosten.warning_below_allocation', 'warning', 'settlementJustified'],
    ]);
    // on the OCMW's pages the error stays; the warning waits until something has been entered (issue 14, item 5)
    assert.deepEqual(codes(heldAlarms(e)), [['personeelskosten.no_rows', 'error', '']]);
    assert.equal(e.computed.settlementToReclaim, 16_317_000);
    assert.equal(
      run({ reception: [expense('training', 'Vorming', '01/02/2025', '01/02/2025', '100,00')] }).issues.some((i) => i.code === 'personeelskosten.no_rows'),
      false,
    );
    assert.equal(
      run({ staffNorms: [staff()] }).issues.some((i) => i.code === 'personeelskosten.no_rows'),
      false,
    );
  });

  it('accepts the first and last day of the report year and refuses one day outside (F5-2)', () => {
    const errors = (from: string, to: string) =>
      run({ staffNorms: [staff({ 'period.from': from, 'period.to': to })], reception: [expense('premises', 'Nieuwe stoelen wachtzaal', from, to, '500,00')] })
        .issues.filter((i) => i.severity === 'error')
        .map((i) => [i.code, i.path]);
    assert.deepEqual(errors('01/01/2025', '31/12/2025'), []);
    const outside = [
      ['issue.outside_period', 'staffNorms.0.period'],
      ['issue.outside_period', 'reception.0.period'],
    ];
    assert.deepEqual(errors('31/12/2024', '31/12/2025'), outside);
    assert.deepEqual(errors('01/01/2025', '01/01/2026'), outside);
  });

  it('accepts an FTE of 1,00 and refuses 1,01', () => {
    assert.deepEqual(
      run({ staffNorms: [staff({ fte: '1,00' })] }).issues.filter((i) => i.severity === 'error'),
      [],
    );
    assert.deepEqual(
      run({ staffNorms: [staff({ fte: '1,01' })] })
        .issues.filter((i) => i.severity === 'error')
        .map((i) => [i.code, i.path]),
      [['issue.fte_range', 'staffNorms.0.fte']],
    );
  });

  it(`requires ${OTHER_DESCRIPTION_MIN_LENGTH} characters to describe an "other" expense (Q-ART40-4)`, () => {
    const errors = (category: string, description: string) =>
      run({ reception: [expense(category, description, '01/06/2025', '01/06/2025', '80,00')] })
        .issues.filter((i) => i.severity === 'error')
        .map((i) => [i.code, i.path, i.params]);
    assert.deepEqual(errors('other', 'Koffie voor wachtend'), []); // 20 characters
    assert.deepEqual(errors('other', 'Koffie voor wachten'), [['personeelskosten.other_description_short', 'reception.0.description', { min: 20 }]]); // 19
    assert.deepEqual(
      errors('other', '   Koffie voor wachten   '),
      [['personeelskosten.other_description_short', 'reception.0.description', { min: 20 }]],
      'spaces around do not count',
    );
    assert.deepEqual(errors('training', 'Vorming'), []);
    assert.deepEqual(errors('other', ''), [['issue.required', 'reception.0.description', undefined]]);
  });

  it('rejects a function or category outside the lists', () => {
    const e = run({ staffNorms: [staff({ function: 'debtMediator' })], reception: [expense('heating', 'Verwarming', '01/06/2025', '01/06/2025', '1,00')] });
    assert.deepEqual(
      e.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path]),
      [
        ['issue.enum_invalid', 'staffNorms.0.function'],
        ['issue.enum_invalid', 'reception.0.category'],
      ],
    );
  });
});

describe('Personeelskosten art. 40: staffing indicator', () => {
  it('has no average without social workers at 31/12 or without a file count', () => {
    const e = run({ staffNorms: [staff({ 'period.to': '30/12/2025' }), staff({ function: 'receptionAgent' })] });
    assert.equal(e.computed.socialWorkersFteAt31Dec, 0);
    assert.equal(e.computed.averageFilesPerSocialWorker, null);
    assert.equal(run({ staffNorms: [staff()] }, { fileCount: null }).computed.averageFilesPerSocialWorker, null);
  });

  it('rounds the files per FTE half away from zero to hundredths', () => {
    const e = run({ staffNorms: [staff(), staff({ lastName: 'B' }), staff({ lastName: 'C' })] });
    assert.equal(e.computed.socialWorkersFteAt31Dec, 300);
    assert.equal(e.computed.averageFilesPerSocialWorker, 11_667, '350 / 3 = 116,666… → 116,67');
  });
});

const campaignYears = measureYears('PERSONEELSKOSTEN');

describe('Personeelskosten art. 40: campaign years (src/seed/campaign-years/PERSONEELSKOSTEN.json)', () => {
  it('covers report years 2016 to 2026 with version 1, opening late', () => {
    assert.equal(campaignYears.measure, 'PERSONEELSKOSTEN');
    assert.equal(campaignYears.opens, 'late');
    assert.deepEqual(
      Object.keys(campaignYears.years),
      Array.from({ length: 11 }, (_, i) => String(2016 + i)),
    );
    // 2018 has two rates (€470 until 30/06, €515 from 1/07): the form of that year shows both (definition 2)
    for (const [year, data] of Object.entries(campaignYears.years)) assert.equal(data.definitionVersion, year === '2018' ? 2 : 1, year);
  });

  it('carries the amount per file of §4.1.3 for every year', () => {
    const amounts = Object.fromEntries(Object.entries(campaignYears.years).map(([year, { params }]) => [year, params.amountPerFileCents]));
    assert.deepEqual(amounts, {
      2016: 47_000,
      2017: 47_000,
      2018: 51_500,
      2019: 51_500,
      2020: 51_500,
      2021: 56_000,
      2022: 51_800,
      2023: 51_800,
      2024: 51_800,
      2025: 51_800,
      2026: 51_800,
    });
  });

  it('evaluates every year with each demo OCMW’s references without throwing', () => {
    for (const [year, { params }] of Object.entries(campaignYears.years)) {
      for (const refs of Object.values(campaignYears.demoReferences)) {
        const e = evaluate({
          definition: personeelskostenV1,
          raw: { fields: {}, tables: { staffNorms: [staff({ 'period.from': `01/01/${year}`, 'period.to': `31/12/${year}` })] } },
          refs,
          params,
          reportYear: Number(year),
        });
        assert.equal(e.hasErrors, false, year);
        assert.equal(e.computed.amountPerFile, params.amountPerFileCents);
      }
    }
  });

  it('gives the demo OCMWs integer references, the allocation being files × the 2026 amount', () => {
    const perFile = campaignYears.years['2026'].params.amountPerFileCents as number;
    assert.deepEqual(Object.keys(campaignYears.demoReferences).sort(), ['demostad', 'villedemo']);
    for (const refs of Object.values(campaignYears.demoReferences)) {
      assert.deepEqual(Object.keys(refs).sort(), ['advancesPaid', 'allocation', 'fileCount']);
      assert.ok(Object.values(refs).every(Number.isSafeInteger));
      assert.equal(refs.allocation, refs.fileCount * perFile);
      assert.ok(refs.advancesPaid <= refs.allocation);
    }
  });

  it('fails loudly when the campaign misses the amount per file', () => {
    assert.throws(() => run({ staffNorms: [staff()] }, {}, {}), /amountPerFileCents/);
  });

  it('shows report year 2018 with its two rates and their periods (issue 14, item 20)', () => {
    const { params } = campaignYears.years['2018'];
    const e = evaluate({ definition: personeelskostenV2, raw: { fields: {}, tables: { staffNorms: [staff()] } }, refs: {}, params, reportYear: 2018 });
    assert.equal(e.computed.amountPerFileUntilJune, 47_000);
    assert.equal(e.computed.amountPerFile, 51_500);
    const labels = personeelskostenV2.sections[0].items.map((i) => i.labelKey);
    assert.ok(labels.includes('personeelskosten.amount_per_file_until_june') && labels.includes('personeelskosten.amount_per_file_from_july'));
    assert.equal(getDefinition('PERSONEELSKOSTEN', 2), personeelskostenV2);
  });
});
