import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SETTLEMENT_FIELDS } from '../../src/modules/forms/blocks/settlement.ts';
import { SOC_CULT_ACTIVITIES, recycledComputerCap, socCultV1 } from '../../src/modules/forms/definitions/soc-cult.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { measureYears } from '../support/measures.ts';

// ---------------------------------------------------------------- F6 Sociale en culturele participatie (forms.md §5.4)

type Row = Record<string, string>;
const codes = (e: ReturnType<typeof evaluate>) => e.issues.map((i) => [i.code, i.severity, i.path]);

const params = { recycledComputerCapCents: 10_000 };
const demostad = { allocation: 2_485_600, advancesPaid: 1_864_200 };

const activity = (over: Row = {}): Row => ({
  category: 'events',
  description: 'Theaterbezoek',
  'period.from': '14/03/2016',
  'period.to': '14/03/2016',
  beneficiaries: '18',
  amount: '1.234,56',
  ...over,
});
const activities: Row[] = [
  activity(), // 1.234,56
  activity({
    category: 'associations',
    description: 'Lidgeld voetbalclub en sportschoenen',
    'period.from': '01/09/2016',
    'period.to': '31/12/2016',
    beneficiaries: '6',
    amount: '845,30',
  }),
  activity({
    category: 'ictAccess',
    description: 'Internetcafé in het sociaal huis',
    'period.from': '01/01/2016',
    'period.to': '31/12/2016',
    beneficiaries: '40',
    amount: '2.500',
  }),
  // five laptops at exactly €100 each: the cap is reached, not exceeded
  activity({
    category: 'recycledComputer',
    description: 'Laptops via het kringloopcentrum',
    'period.from': '15/05/2016',
    'period.to': '15/05/2016',
    beneficiaries: '5',
    amount: '500,00',
  }),
];
const action = (over: Row = {}): Row => ({
  category: 'schoolCosts',
  description: 'Schoolmateriaal bij de start van het schooljaar',
  'period.from': '22/08/2016',
  'period.to': '30/09/2016',
  childrenReached: '35',
  amount: '3.150,75',
  ...over,
});
const actions: Row[] = [
  action(),
  action({
    category: 'homeworkSupport',
    description: 'Huiswerkklas',
    'period.from': '01/10/2016',
    'period.to': '20/12/2016',
    childrenReached: '12',
    amount: '1.980',
  }),
];

const socCult = (
  tables: { activities?: Row[]; childPoverty?: Row[] } = {},
  fields: Record<string, string> = { participates: 'yes', advanceRequested: 'yes' },
  refs: Record<string, number | null> = demostad,
  campaign: Record<string, unknown> = params,
) =>
  evaluate({
    definition: socCultV1,
    raw: { fields, tables: { activities, childPoverty: actions, ...tables } },
    refs,
    params: campaign,
    reportYear: 2016,
  });

describe('Sociale en culturele participatie 2016 (forms.md §5.4)', () => {
  it('is registered as SOC_CULT version 1 with a standard settlement section last', () => {
    assert.equal(getDefinition('SOC_CULT', 1), socCultV1);
    assert.deepEqual(
      socCultV1.sections.map((s) => s.key),
      ['registration', 'activities', 'childPoverty', 'settlement'],
    );
    assert.equal(socCultV1.sections[3].introKey, 'settlement.intro_standard');
    assert.deepEqual([...SOC_CULT_ACTIVITIES], ['events', 'associations', 'targetGroupInitiatives', 'ictAccess', 'recycledComputer']);
  });

  it('justifies activities + child-poverty actions; advances above it are reclaimed, the rest of the allocation unused', () => {
    const e = socCult();
    assert.deepEqual(e.issues, []);
    assert.deepEqual(e.totals.activities, { beneficiaries: 69, amount: 507_986, eligibleAmount: 507_986 });
    assert.deepEqual(e.totals.childPoverty, { childrenReached: 47, amount: 513_075, eligibleAmount: 513_075 });
    assert.equal(e.computed.recycledComputerCap, 10_000);
    assert.equal(e.computed[SETTLEMENT_FIELDS.allocation], 2_485_600);
    assert.equal(e.computed[SETTLEMENT_FIELDS.advancesPaid], 1_864_200);
    assert.equal(e.computed.settlementJustified, 1_021_061);
    assert.equal(e.computed.settlementAccepted, 1_021_061);
    assert.equal(e.computed.settlementBalance, -843_139);
    assert.equal(e.computed.settlementToPay, 0);
    assert.equal(e.computed.settlementToReclaim, 843_139);
    assert.equal(e.computed.settlementUnused, 1_464_539);
  });

  it('pays the balance when the justified amount is above the advances, accepting at most the allocation', () => {
    const e = socCult({ activities: [...activities, activity({ amount: '20.000,00' })] });
    assert.equal(e.computed.settlementJustified, 3_021_061);
    assert.equal(e.computed.settlementAccepted, 2_485_600);
    assert.equal(e.computed.settlementBalance, 621_400);
    assert.equal(e.computed.settlementToPay, 621_400);
    assert.equal(e.computed.settlementToReclaim, 0);
    assert.equal(e.computed.settlementUnused, 0);
  });

  it('counts a recycled computer up to €100 per beneficiary: one cent over is a warning and is not accepted', () => {
    assert.equal(recycledComputerCap(10_000, 5), 50_000);
    assert.equal(recycledComputerCap(10_000, null), null);
    const over = socCult({ activities: [activities[3]].map((row) => ({ ...row, amount: '500,01' })), childPoverty: [] });
    assert.equal(over.hasErrors, false);
    assert.deepEqual(codes(over), [['soccult.recycled_computer_capped', 'warning', 'activities.0.amount']]);
    assert.deepEqual(over.issues[0].params, { capCents: 50_000, perBeneficiaryCents: 10_000, excessCents: 1 });
    assert.equal(over.rowComputed.activities[0].eligibleAmount, 50_000);
    assert.deepEqual(over.totals.activities, { beneficiaries: 5, amount: 50_001, eligibleAmount: 50_000 });
    assert.equal(over.computed.settlementJustified, 50_000);
    assert.equal(over.computed.settlementToReclaim, 1_814_200);
    // exactly €100 per beneficiary: no warning, all accepted
    const exact = socCult({ activities: [activities[3]], childPoverty: [] });
    assert.deepEqual(exact.issues, []);
    assert.equal(exact.computed.settlementJustified, 50_000);
  });

  it('caps only recycled computers: the same amount for one person in another category counts in full', () => {
    const e = socCult({ activities: [activity({ category: 'associations', beneficiaries: '1', amount: '500,01' })], childPoverty: [] });
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.settlementJustified, 50_001);
  });

  it('takes the cap per beneficiary from the campaign', () => {
    const e = socCult({ activities: [activity({ category: 'recycledComputer', beneficiaries: '2', amount: '300' })], childPoverty: [] }, undefined, demostad, {
      recycledComputerCapCents: 15_000,
    });
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.recycledComputerCap, 15_000);
    assert.equal(e.computed.settlementJustified, 30_000);
    const lower = socCult({ activities: [activity({ category: 'recycledComputer', beneficiaries: '2', amount: '300' })], childPoverty: [] });
    assert.equal(lower.computed.settlementJustified, 20_000);
    assert.deepEqual(lower.issues[0].params, { capCents: 20_000, perBeneficiaryCents: 10_000, excessCents: 10_000 });
  });

  it('refuses activities and child-poverty actions when the OCMW does not take part', () => {
    const e = socCult({}, { participates: 'no', advanceRequested: 'no' });
    assert.deepEqual(codes(e), [
      ['soccult.rows_without_participation', 'error', 'activities'],
      ['soccult.rows_without_participation', 'error', 'childPoverty'],
    ]);
    assert.deepEqual(e.issues[0].params, { rows: 4 });
    assert.deepEqual(e.issues[1].params, { rows: 2 });
    const one = socCult({ activities: [], childPoverty: [action()] }, { participates: 'no', advanceRequested: '' });
    assert.deepEqual(codes(one), [['soccult.rows_without_participation', 'error', 'childPoverty']]);
  });

  it('accepts a form of an OCMW that does not take part: nothing justified, every advance reclaimed', () => {
    const blank: Row = { category: '', description: '', 'period.from': '', 'period.to': '', beneficiaries: '', amount: '' };
    const e = socCult({ activities: [blank], childPoverty: [] }, { participates: 'no', advanceRequested: 'no' });
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.settlementJustified, 0);
    assert.equal(e.computed.settlementAccepted, 0);
    assert.equal(e.computed.settlementToReclaim, 1_864_200);
    assert.equal(e.computed.settlementUnused, 2_485_600);
  });

  it('refuses an advance asked by an OCMW that does not take part', () => {
    const e = socCult({ activities: [], childPoverty: [] }, { participates: 'no', advanceRequested: 'yes' });
    assert.deepEqual(codes(e), [['soccult.advance_without_participation', 'error', 'advanceRequested']]);
  });

  it('requires the answer on participation; the advance request is optional', () => {
    assert.deepEqual(codes(socCult({}, { participates: '', advanceRequested: '' })), [['issue.required', 'error', 'participates']]);
    assert.deepEqual(socCult({}, { participates: 'yes', advanceRequested: '' }).issues, []);
    assert.deepEqual(codes(socCult({}, { participates: 'maybe' })), [['issue.enum_invalid', 'error', 'participates']]);
  });

  it('requires a period within 2016, at least one beneficiary or child, and a known category', () => {
    const e = socCult({
      activities: [
        activity({ 'period.from': '28/12/2016', 'period.to': '02/01/2017' }),
        activity({ beneficiaries: '0' }),
        activity({ beneficiaries: '' }),
        activity({ category: 'investment' }),
      ],
      childPoverty: [action({ childrenReached: '0' }), action({ category: 'tripsTravel' })],
    });
    assert.deepEqual(codes(e), [
      ['issue.outside_period', 'error', 'activities.0.period'],
      ['issue.count_min', 'error', 'activities.1.beneficiaries'],
      ['issue.required', 'error', 'activities.2.beneficiaries'],
      ['issue.enum_invalid', 'error', 'activities.3.category'],
      ['issue.count_min', 'error', 'childPoverty.0.childrenReached'],
      ['issue.enum_invalid', 'error', 'childPoverty.1.category'],
    ]);
  });

  it('cannot compute a recycled computer without its beneficiaries: it counts for nothing until they are given', () => {
    const e = socCult({ activities: [activity({ category: 'recycledComputer', beneficiaries: '', amount: '100' })], childPoverty: [] });
    assert.deepEqual(codes(e), [['issue.required', 'error', 'activities.0.beneficiaries']]);
    assert.equal(e.rowComputed.activities[0].eligibleAmount, null);
    assert.equal(e.computed.settlementJustified, 0);
  });

  it('needs the cap of the campaign', () => {
    assert.throws(() => socCult({}, undefined, demostad, {}), /recycledComputerCapCents/);
  });
});

describe('campaign year of SOC_CULT (src/seed/campaign-years/SOC_CULT.json)', () => {
  const file = measureYears('SOC_CULT');

  it('has report year 2016 only, opening early on 31 January 2017 with the €100 cap', () => {
    assert.equal(file.opens, 'early');
    assert.deepEqual(Object.keys(file.years), ['2016']);
    assert.deepEqual(file.years['2016'], { definitionVersion: 1, params: { recycledComputerCapCents: 10_000 }, opensOn: '2017-01-31' });
  });

  it('gives both demo OCMWs an allocation and advances paid', () => {
    assert.deepEqual(file.demoReferences, {
      demostad: { allocation: 2_485_600, advancesPaid: 1_864_200 },
      villedemo: { allocation: 1_243_300, advancesPaid: 932_475 },
    });
  });

  it('settles the worked example with Villedemo’s references: €885,86 to pay', () => {
    const { params: campaign } = file.years['2016'];
    const e = socCult({}, undefined, file.demoReferences.villedemo, campaign);
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.settlementJustified, 1_021_061);
    assert.equal(e.computed.settlementAccepted, 1_021_061);
    assert.equal(e.computed.settlementBalance, 88_586);
    assert.equal(e.computed.settlementToPay, 88_586);
    assert.equal(e.computed.settlementUnused, 222_239);
  });

  it('evaluates an empty form with each demo OCMW: every advance reclaimed', () => {
    for (const refs of Object.values(file.demoReferences)) {
      const e = evaluate({ definition: socCultV1, raw: { fields: {}, tables: {} }, refs, params: file.years['2016'].params, reportYear: 2016 });
      assert.equal(e.computed.settlementToReclaim, refs.advancesPaid);
    }
  });
});
