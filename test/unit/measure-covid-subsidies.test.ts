import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureYears, staffRow } from '../support/measures.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { covidToelageV1, jongerenStudentenV1, psyWelzijnV1, voedselhulpV1 } from '../../src/modules/forms/definitions/covid-subsidies.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';

type Row = Record<string, string>;
type Evaluation = ReturnType<typeof evaluate>;
const codes = (e: Evaluation) => e.issues.map((i) => [i.code, i.severity, i.path]);
const errors = (e: Evaluation) => codes(e).filter(([, s]) => s === 'error');
const SETTLEMENT = [
  'settlementAllocation',
  'settlementAdvances',
  'settlementJustified',
  'settlementAccepted',
  'settlementBalance',
  'settlementToReclaim',
  'settlementUnused',
];
const settlement = (e: Evaluation) => SETTLEMENT.map((k) => e.computed[k]);

/** The report's texts and counts, as an OCMW fills them. */
const REPORT = { personsHelped: '48', activities: 'Voedselpakketten en maaltijden aan huis.', controls: 'Sociaal onderzoek per dossier.' };

function aid(over: Row = {}): Row {
  return { date: '15/05/2020', kind: 'individual', beneficiaryRef: 'D-2020/0117', aidType: 'foodParcels', description: '', amount: '1.234,56', ...over };
}

function run(definition: FormDefinition, year: number, tables: Record<string, Row[]>, refs: Record<string, number | null>, fields: Row = REPORT) {
  const params = measureYears(definition.measure).years[String(year)].params;
  return evaluate({ definition, raw: { fields, tables }, refs, params, reportYear: year });
}

describe('Per-year data of the Covid-era subsidies (forms.md §1, §4.7)', () => {
  it('carries each measure in the report years of the chronology, with the periods and their extensions to 31/03/2022', () => {
    const periods = (measure: string) =>
      Object.fromEntries(Object.entries(measureYears(measure).years).map(([y, d]) => [y, [d.params.periodFrom, d.params.periodTo]]));
    assert.deepEqual(periods('VOEDSELHULP'), { 2020: ['2020-03-01', '2020-12-31'] });
    assert.deepEqual(periods('JONGEREN_STUDENTEN'), { 2021: ['2021-01-01', '2022-03-31'] });
    assert.deepEqual(periods('COVID_TOELAGE'), { 2020: ['2020-04-01', '2020-12-31'], 2021: ['2021-01-01', '2022-03-31'] });
    assert.deepEqual(periods('PSY_WELZIJN'), { 2021: ['2021-01-01', '2022-03-31'] });
  });

  it('closes the extended campaigns after the extension (opens 1/4/2022, closes 30/6/2022) and names what is assumed', () => {
    for (const measure of ['JONGEREN_STUDENTEN', 'PSY_WELZIJN', 'COVID_TOELAGE']) {
      const y = measureYears(measure).years['2021'];
      assert.deepEqual([y.opensOn, y.closesOn], ['2022-04-01', '2022-06-30'], measure);
    }
    assert.deepEqual(measureYears('VOEDSELHULP').years['2020'].params.assumedParams, ['periodFrom']);
    assert.equal(measureYears('COVID_TOELAGE').years['2020'].params.assumedParams, undefined, 'the KB gives 1/4/2020');
  });

  it('registers the four definitions, each with the spreadsheet route', () => {
    for (const d of [voedselhulpV1, jongerenStudentenV1, covidToelageV1, psyWelzijnV1]) {
      assert.equal(getDefinition(d.measure, 1), d);
      assert.deepEqual(d.workbook, { templateVersion: 1 });
    }
  });
});

describe('F11 Voedselhulp 2020 — worked example', () => {
  const rows = [
    aid(),
    aid({ date: '02/12/2020', kind: 'collective', beneficiaryRef: '', aidType: 'readyMeals', amount: '3.500,00' }),
    aid({ date: '31/12/2020', beneficiaryRef: 'D-2020/0342', aidType: 'foodVouchers', amount: '765,44' }),
  ];

  it('reclaims what is not justified of the envelope paid in full: 12.500,00 − 5.500,00 = 7.000,00', () => {
    const e = run(voedselhulpV1, 2020, { aid: rows }, { envelope: 1_250_000 });
    assert.equal(e.totals.aid.amount, 550_000);
    assert.deepEqual(settlement(e), [1_250_000, 1_250_000, 550_000, 550_000, -700_000, 700_000, 700_000]);
    assert.equal('settlementToPay' in e.computed, false, 'no payment by POD MI: the subsidy was paid in full beforehand');
    assert.deepEqual(codes(e), [['covidsub.warning_reclaim', 'warning', 'settlementToReclaim']]);
    assert.deepEqual(e.issues[0].params, { toReclaimCents: 700_000 });
  });

  it('reclaims nothing at exactly the envelope, and accepts no more than the envelope one cent over it', () => {
    const exact = run(voedselhulpV1, 2020, { aid: rows }, { envelope: 550_000 });
    assert.deepEqual(settlement(exact), [550_000, 550_000, 550_000, 550_000, 0, 0, 0]);
    assert.deepEqual(codes(exact), []);
    const over = run(voedselhulpV1, 2020, { aid: [...rows, aid({ beneficiaryRef: 'D-2020/0400', amount: '0,01' })] }, { envelope: 550_000 });
    assert.deepEqual(settlement(over), [550_000, 550_000, 550_001, 550_000, 0, 0, 0]);
    const short = run(voedselhulpV1, 2020, { aid: rows }, { envelope: 550_001 });
    assert.equal(short.computed.settlementToReclaim, 1);
  });

  it('keeps expenses within the subsidy period: 1/3/2020 and 31/12/2020 in, the days around out', () => {
    const e = run(
      voedselhulpV1,
      2020,
      { aid: [aid({ date: '01/03/2020' }), aid({ date: '29/02/2020' }), aid({ date: '01/01/2021' })] },
      { envelope: 1_250_000 },
    );
    assert.deepEqual(errors(e), [
      ['issue.outside_period', 'error', 'aid.1.date'],
      ['issue.outside_period', 'error', 'aid.2.date'],
    ]);
  });

  it('names a beneficiary by the file number: required for individual help, a national number refused', () => {
    const e = run(
      voedselhulpV1,
      2020,
      { aid: [aid({ beneficiaryRef: '' }), aid({ beneficiaryRef: '85.07.30-033.28' }), aid({ kind: 'collective', beneficiaryRef: '' })] },
      { envelope: 1_250_000 },
    );
    assert.deepEqual(errors(e), [
      ['covidsub.beneficiary_required', 'error', 'aid.0.beneficiaryRef'],
      ['covidsub.beneficiary_not_insz', 'error', 'aid.1.beneficiaryRef'],
    ]);
  });

  it('requires the report and waits for the envelope before settling', () => {
    const e = run(voedselhulpV1, 2020, { aid: rows }, { envelope: null }, {});
    assert.deepEqual(settlement(e), [null, null, null, null, null, null, null]);
    assert.deepEqual(
      errors(e).map(([c, , p]) => [c, p]),
      [
        ['issue.required', 'personsHelped'],
        ['issue.required', 'activities'],
        ['issue.required', 'controls'],
      ],
    );
  });
});

describe('F12 Jongeren en studenten 2021 — the extended period', () => {
  const youth = (over: Row = {}) => aid({ date: '15/09/2021', aidType: 'transportPass', amount: '499,00', beneficiaryRef: 'J-2021/0009', ...over });

  it('accepts help until 31/03/2022 and reclaims the rest of the envelope', () => {
    const rows = [
      youth(),
      youth({ date: '31/03/2022', aidType: 'rent', amount: '650,00' }),
      youth({ aidType: 'other', description: 'Laptop voor de studies', amount: '389,99' }),
    ];
    const e = run(jongerenStudentenV1, 2021, { aid: rows }, { envelope: 3_100_000 }, { ...REPORT, studentsHelped: '12' });
    assert.deepEqual(errors(e), []);
    assert.equal(e.totals.aid.amount, 153_899);
    assert.deepEqual(settlement(e), [3_100_000, 3_100_000, 153_899, 153_899, -2_946_101, 2_946_101, 2_946_101]);
  });

  it('refuses help after the extension, an "other" without description, and asks how many were students', () => {
    const e = run(jongerenStudentenV1, 2021, { aid: [youth({ date: '01/04/2022' }), youth({ aidType: 'other' })] }, { envelope: 3_100_000 });
    assert.deepEqual(errors(e), [
      ['issue.outside_period', 'error', 'aid.0.date'],
      ['issue.required', 'error', 'studentsHelped'],
      ['covidsub.description_required', 'error', 'aid.1.description'],
    ]);
  });
});

describe('F13 Toelage COVID-19 2021 — two subsidies in one form', () => {
  const covidAid = (over: Row = {}) => aid({ date: '10/02/2022', aidType: 'energy', amount: '20.000,00', beneficiaryRef: 'C-2021/0001', ...over });
  const staff = (over: Row = {}) =>
    staffRow({
      function: 'socialWorker',
      'period.from': '01/01/2021',
      'period.to': '31/03/2022',
      fte: '0,5',
      allocationRate: '50',
      grossCost: '30.000,01',
      ...over,
    });
  const cost = { category: 'operating', description: 'Huur spreekruimte', 'period.from': '01/01/2021', 'period.to': '31/03/2022', amount: '2.499,99' };
  const refs = { socialAidEnvelope: 4_500_000, personnelEnvelope: 1_500_000 };

  it('justifies each part up to its own envelope: social aid 40.000,00 of 45.000,00, personnel 17.500,00 capped at 15.000,00', () => {
    const tables = { aid: [covidAid(), covidAid({ beneficiaryRef: 'C-2021/0002' })], staff: [staff()], costs: [cost] };
    const e = run(covidToelageV1, 2021, tables, refs);
    assert.deepEqual(errors(e), []);
    assert.equal(e.computed.aidJustified, 4_000_000);
    assert.equal(e.computed.aidAccepted, 4_000_000);
    assert.equal(e.totals.staff.chargedAmount, 1_500_001, '30.000,01 × 50 % = 15.000,005 → 15.000,01');
    assert.equal(e.computed.personnelJustified, 1_750_000);
    assert.equal(e.computed.personnelAccepted, 1_500_000);
    // allocation 60.000, paid 60.000, justified 57.500, accepted 40.000 + 15.000 = 55.000: 5.000 reclaimed.
    assert.deepEqual(settlement(e), [6_000_000, 6_000_000, 5_750_000, 5_500_000, -500_000, 500_000, 500_000]);
  });

  it('does not let personnel costs above their envelope cover unspent social aid (one cent over stays over)', () => {
    const tables = { aid: [covidAid({ amount: '45.000,00' })], staff: [staff({ grossCost: '30.000,02' })], costs: [] };
    const e = run(covidToelageV1, 2021, tables, { socialAidEnvelope: 4_500_000, personnelEnvelope: 1_500_000 });
    assert.equal(e.computed.personnelJustified, 1_500_001);
    assert.deepEqual(settlement(e), [6_000_000, 6_000_000, 6_000_001, 6_000_000, 0, 0, 0]);
    const short = run(covidToelageV1, 2021, { ...tables, aid: [covidAid({ amount: '44.999,99' })] }, refs);
    assert.equal(short.computed.settlementToReclaim, 1);
  });

  it('waits for both envelopes; 2020 is the original period from 1/4/2020', () => {
    assert.equal(run(covidToelageV1, 2021, { aid: [covidAid()] }, { socialAidEnvelope: 4_500_000, personnelEnvelope: null }).computed.settlementAccepted, null);
    const e = run(covidToelageV1, 2020, { aid: [covidAid({ date: '31/03/2020' }), covidAid({ date: '01/04/2020', beneficiaryRef: 'C-2020/9' })] }, refs);
    assert.deepEqual(errors(e), [['issue.outside_period', 'error', 'aid.0.date']]);
  });
});

describe('F14 Psychologisch welzijn 2021 — one envelope for every cost', () => {
  it('counts social aid, personnel and operating costs together up to the envelope', () => {
    const tables = {
      aid: [aid({ date: '20/10/2021', kind: 'collective', beneficiaryRef: '', aidType: 'againstIsolation', amount: '4.000,00' })],
      staff: [
        staffRow({ function: 'psychologist', 'period.from': '01/01/2021', 'period.to': '31/12/2021', fte: '1', allocationRate: '20', grossCost: '60.000,00' }),
      ],
      costs: [{ category: 'publicity', description: 'Folders', 'period.from': '01/01/2022', 'period.to': '31/03/2022', amount: '350,50' }],
    };
    const e = run(psyWelzijnV1, 2021, tables, { envelope: 1_320_000 });
    assert.deepEqual(errors(e), []);
    assert.equal(e.computed.aidJustified, 400_000);
    assert.equal(e.computed.personnelJustified, 1_235_050);
    assert.equal('aidAccepted' in e.computed, false);
    assert.deepEqual(settlement(e), [1_320_000, 1_320_000, 1_635_050, 1_320_000, 0, 0, 0]);
    const under = run(psyWelzijnV1, 2021, { ...tables, staff: [] }, { envelope: 1_320_000 });
    assert.deepEqual(settlement(under), [1_320_000, 1_320_000, 435_050, 435_050, -884_950, 884_950, 884_950]);
  });
});
