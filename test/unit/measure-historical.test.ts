import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureYears } from '../support/measures.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { clustersV1 } from '../../src/modules/forms/definitions/clusters.ts';
import { groteStedenV1 } from '../../src/modules/forms/definitions/grote-steden.ts';
import { huurwaarborgenV1, normaliseBeneficiaryRef } from '../../src/modules/forms/definitions/huurwaarborgen.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';

type Row = Record<string, string>;
const codes = (e: ReturnType<typeof evaluate>) => e.issues.map((i) => [i.code, i.severity, i.path]);

// ---------------------------------------------------------------- F1 Huurwaarborgen (forms.md §5.1)

const rentParams = { amountPerGuaranteeCents: 2500, maxRentMonths: { blockedAccount: 2, bankGuarantee: 3 } };
const guarantee = (over: Row = {}): Row => ({
  decisionDate: '15/03/2016',
  beneficiaryRef: 'D-2016/0012',
  guaranteeType: 'bankGuarantee',
  guaranteeAmount: '1.650,00',
  monthlyRent: '550,00',
  repaymentPlan: 'yes',
  ...over,
});
const threeGuarantees = [
  guarantee(), // bank guarantee of exactly 3 months' rent
  guarantee({ decisionDate: '02/06/2016', beneficiaryRef: '85.07.30-033.28', guaranteeType: 'blockedAccount', guaranteeAmount: '1.100,00' }), // exactly 2 months
  guarantee({ decisionDate: '30/12/2016', beneficiaryRef: 'D-2016/0257', guaranteeType: 'letterOfGuarantee', guaranteeAmount: '2.400,00', monthlyRent: '600' }),
];
const rent = (rows: Row[], params: Record<string, unknown> = rentParams, advancesPaid: number | null = 0) =>
  evaluate({ definition: huurwaarborgenV1, raw: { fields: {}, tables: { guarantees: rows } }, refs: { advancesPaid }, params, reportYear: 2016 });

describe('Huurwaarborgen (forms.md §5.1)', () => {
  it('pays €25 per guarantee: 3 guarantees → €75, no advance, all to be paid', () => {
    const e = rent(threeGuarantees);
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.guaranteesCount, 3);
    assert.equal(e.computed.amountPerGuarantee, 2500);
    assert.equal(e.computed.subsidy, 7500);
    assert.equal(e.totals.guarantees.guaranteeAmount, 515_000);
    assert.equal(e.computed.settlementAllocation, 7500);
    assert.equal(e.computed.settlementJustified, 7500);
    assert.equal(e.computed.settlementAccepted, 7500);
    assert.equal(e.computed.settlementAdvances, 0);
    assert.equal(e.computed.settlementToPay, 7500);
    assert.equal(e.computed.settlementToReclaim, 0);
    assert.equal('settlementUnused' in e.computed, false);
  });

  it('reclaims an advance above the subsidy', () => {
    const e = rent(threeGuarantees, rentParams, 10_000);
    assert.equal(e.computed.settlementBalance, -2500);
    assert.equal(e.computed.settlementToPay, 0);
    assert.equal(e.computed.settlementToReclaim, 2500);
  });

  it('takes the amount per guarantee from the campaign', () => {
    assert.equal(rent(threeGuarantees, { ...rentParams, amountPerGuaranteeCents: 3000 }).computed.subsidy, 9000);
  });

  it('accepts a form without guarantees: subsidy 0', () => {
    const e = rent([]);
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.guaranteesCount, 0);
    assert.equal(e.computed.settlementToPay, 0);
  });

  it('caps the subsidy by the yearly envelope when the campaign sets one, with a warning', () => {
    const capped = rent(threeGuarantees, { ...rentParams, envelopeCents: 5000 });
    assert.equal(capped.computed.subsidy, 5000);
    assert.equal(capped.computed.settlementToPay, 5000);
    assert.equal(capped.hasErrors, false);
    assert.deepEqual(capped.issues, [
      { code: 'rent.warning_envelope', severity: 'warning', path: 'subsidy', params: { amountCents: 7500, envelopeCents: 5000 } },
    ]);
    const exact = rent(threeGuarantees, { ...rentParams, envelopeCents: 7500 });
    assert.equal(exact.computed.subsidy, 7500);
    assert.deepEqual(exact.issues, []);
  });

  it('requires a decision date within the report year', () => {
    const e = rent([
      guarantee({ decisionDate: '31/12/2015' }),
      guarantee({ decisionDate: '01/01/2016', beneficiaryRef: 'A1' }),
      guarantee({ decisionDate: '01/01/2017', beneficiaryRef: 'A2' }),
    ]);
    assert.deepEqual(codes(e), [
      ['issue.outside_period', 'error', 'guarantees.0.decisionDate'],
      ['issue.outside_period', 'error', 'guarantees.2.decisionDate'],
    ]);
  });

  it('refuses a second guarantee for the same beneficiary, on the later rows only', () => {
    const e = rent([
      guarantee(),
      guarantee({ beneficiaryRef: 'OTHER' }),
      guarantee({ beneficiaryRef: ' d 2016/0012 ' }),
      guarantee({ beneficiaryRef: 'D.2016/0012' }),
    ]);
    assert.deepEqual(codes(e), [
      ['rent.duplicate_beneficiary', 'error', 'guarantees.2.beneficiaryRef'],
      ['rent.duplicate_beneficiary', 'error', 'guarantees.3.beneficiaryRef'],
    ]);
    assert.deepEqual(e.issues[0].params, { row: 1 });
    assert.equal(normaliseBeneficiaryRef('85.07.30-033.28'), normaliseBeneficiaryRef('85073003328'));
  });

  it('checks an 11-digit reference as a national number, and leaves file numbers alone', () => {
    const e = rent([guarantee({ beneficiaryRef: '85073003399' }), guarantee({ beneficiaryRef: '85073003328' }), guarantee({ beneficiaryRef: '8507300332' })]);
    assert.deepEqual(codes(e), [['rent.insz_invalid', 'error', 'guarantees.0.beneficiaryRef']]);
  });

  it('requires the beneficiary and refuses a reference above 20 characters', () => {
    const e = rent([guarantee({ beneficiaryRef: '' }), guarantee({ beneficiaryRef: 'X'.repeat(21) })]);
    assert.deepEqual(codes(e), [
      ['issue.required', 'error', 'guarantees.0.beneficiaryRef'],
      ['issue.text_too_long', 'error', 'guarantees.1.beneficiaryRef'],
    ]);
  });

  it('refuses a guarantee without an agreed repayment plan', () => {
    const e = rent([guarantee({ repaymentPlan: 'no' }), guarantee({ beneficiaryRef: 'B', repaymentPlan: '' })]);
    assert.deepEqual(codes(e), [
      ['issue.required', 'error', 'guarantees.1.repaymentPlan'],
      ['rent.repayment_plan_required', 'error', 'guarantees.0.repaymentPlan'],
    ]);
  });

  it('requires a positive guarantee and a known guarantee type; the rent is optional', () => {
    const e = rent([
      guarantee({ guaranteeAmount: '0' }),
      guarantee({ beneficiaryRef: 'B', guaranteeType: 'cash' }),
      guarantee({ beneficiaryRef: 'C', monthlyRent: '' }),
    ]);
    assert.deepEqual(codes(e), [
      ['issue.must_be_positive', 'error', 'guarantees.0.guaranteeAmount'],
      ['issue.enum_invalid', 'error', 'guarantees.1.guaranteeType'],
    ]);
  });

  it('warns above 2 months of rent on a blocked account and above 3 months for a bank guarantee', () => {
    const e = rent([
      guarantee({ guaranteeType: 'blockedAccount', guaranteeAmount: '1.100,01' }),
      guarantee({ beneficiaryRef: 'B', guaranteeAmount: '1.650,01' }),
      guarantee({ beneficiaryRef: 'C', guaranteeType: 'letterOfGuarantee', guaranteeAmount: '5.000' }),
    ]);
    assert.equal(e.hasErrors, false);
    assert.deepEqual(codes(e), [
      ['rent.warning_above_rent', 'warning', 'guarantees.0.guaranteeAmount'],
      ['rent.warning_above_rent', 'warning', 'guarantees.1.guaranteeAmount'],
    ]);
    assert.deepEqual(e.issues[0].params, { months: 2, maximumCents: 110_000 });
    assert.deepEqual(e.issues[1].params, { months: 3, maximumCents: 165_000 });
    assert.equal(e.computed.subsidy, 7500);
  });

  it('takes the months of rent from the campaign: none set, no warning', () => {
    const e = rent([guarantee({ guaranteeAmount: '9.999' })], { amountPerGuaranteeCents: 2500 });
    assert.deepEqual(e.issues, []);
  });

  it('offers only the guarantee types the campaign lists', () => {
    const e = rent([guarantee()], { ...rentParams, enums: { rentGuaranteeType: ['blockedAccount'] } });
    assert.deepEqual(codes(e), [['issue.enum_invalid', 'error', 'guarantees.0.guaranteeType']]);
  });
});

// ---------------------------------------------------------------- F2 Grote steden (forms.md §5.2)

const cityRefs = { conventionNumber: 12, envelope: 12_450_000, advancesPaid: 9_337_500 };
const initiative = (over: Row = {}): Row => ({
  title: 'Jobcoaching jongeren',
  targetGroup: 'Jongeren met een leefloon',
  'period.from': '01/01/2016',
  'period.to': '31/12/2016',
  participants: '42',
  movedOnToWorkOrTraining: '17',
  personnelCost: '68.250,40',
  operatingCost: '12.300,00',
  ...over,
});
const twoInitiatives = [
  initiative(),
  initiative({
    title: 'Taalcafé',
    'period.from': '01/09/2016',
    'period.to': '20/12/2016',
    participants: '25',
    movedOnToWorkOrTraining: '0',
    personnelCost: '21.000',
    operatingCost: '4.849,35',
  }),
];
const cities = (rows: Row[], report = 'Twee initiatieven liepen zoals gepland.', refs: Record<string, number | null> = cityRefs) =>
  evaluate({ definition: groteStedenV1, raw: { fields: { activityReport: report }, tables: { initiatives: rows } }, refs, params: {}, reportYear: 2016 });

describe('Toelage sociale activering grote steden (forms.md §5.2)', () => {
  it('justifies Σ personnel + Σ operating costs and settles against the envelope', () => {
    const e = cities(twoInitiatives);
    assert.deepEqual(e.issues, []);
    assert.deepEqual(e.totals.initiatives, { participants: 67, movedOnToWorkOrTraining: 17, personnelCost: 8_925_040, operatingCost: 1_714_935 });
    assert.equal(e.computed.settlementAllocation, 12_450_000);
    assert.equal(e.computed.settlementJustified, 10_639_975);
    assert.equal(e.computed.settlementAccepted, 10_639_975);
    assert.equal(e.computed.settlementBalance, 1_302_475);
    assert.equal(e.computed.settlementToPay, 1_302_475);
    assert.equal(e.computed.settlementToReclaim, 0);
    assert.equal(e.computed.settlementUnused, 1_810_025);
  });

  it('accepts at most the envelope', () => {
    const e = cities([initiative({ personnelCost: '150.000' })]);
    assert.equal(e.computed.settlementJustified, 16_230_000);
    assert.equal(e.computed.settlementAccepted, 12_450_000);
    assert.equal(e.computed.settlementToPay, 3_112_500);
    assert.equal(e.computed.settlementUnused, 0);
  });

  it('reclaims advances above the justified costs', () => {
    const e = cities([initiative({ personnelCost: '40.000', operatingCost: '10.000' })]);
    assert.equal(e.computed.settlementAccepted, 5_000_000);
    assert.equal(e.computed.settlementToPay, 0);
    assert.equal(e.computed.settlementToReclaim, 4_337_500);
  });

  it('allows as many people moving on as participants, not more', () => {
    assert.deepEqual(cities([initiative({ movedOnToWorkOrTraining: '42' })]).issues, []);
    const e = cities([initiative({ movedOnToWorkOrTraining: '43' })]);
    assert.deepEqual(codes(e), [['cities.moved_on_above_participants', 'error', 'initiatives.0.movedOnToWorkOrTraining']]);
    assert.deepEqual(e.issues[0].params, { participants: 42 });
  });

  it('requires at least one participant per initiative', () => {
    const e = cities([initiative({ participants: '0', movedOnToWorkOrTraining: '0' }), initiative({ participants: '1', movedOnToWorkOrTraining: '1' })]);
    assert.deepEqual(codes(e), [['issue.count_min', 'error', 'initiatives.0.participants']]);
    assert.deepEqual(e.issues[0].params, { min: 1 });
  });

  it('requires the period of an initiative within the report year', () => {
    const e = cities([initiative({ 'period.from': '01/12/2016', 'period.to': '05/01/2017' })]);
    assert.deepEqual(codes(e), [['issue.outside_period', 'error', 'initiatives.0.period']]);
  });

  it('requires at least one initiative and the activity report, of at most 4000 characters', () => {
    assert.deepEqual(codes(cities([], '')), [
      ['issue.rows_missing', 'error', 'initiatives'],
      ['issue.required', 'error', 'activityReport'],
    ]);
    assert.deepEqual(cities(twoInitiatives, 'x'.repeat(4000)).issues, []);
    assert.deepEqual(codes(cities(twoInitiatives, 'x'.repeat(4001))), [['issue.text_too_long', 'error', 'activityReport']]);
  });

  it('requires the costs, zero allowed', () => {
    const e = cities([initiative({ personnelCost: '0', operatingCost: '' })]);
    assert.deepEqual(codes(e), [['issue.required', 'error', 'initiatives.0.operatingCost']]);
  });
});

// ---------------------------------------------------------------- F3 Clusters (forms.md §5.3)

const clusterRefs = { clusterAmount: 1_000_000, memberOcmwCount: 4, advancesPaid: 750_000 };
const clusterParams = { amountPerClusterCents: 1_000_000 };
const objectives: Row[] = [
  { objective: 'Gezamenlijke vrijwilligerswerking', status: 'reached', explanation: '' },
  { objective: 'Fietslessen voor nieuwkomers', status: 'partial', explanation: 'De lesgever viel twee maanden uit.' },
];
const coach: Row = {
  lastName: 'Janssens',
  firstName: 'Lies',
  staffId: 'P-0042',
  function: 'pathwayCounsellor',
  status: 'contractual',
  'period.from': '01/01/2016',
  'period.to': '31/12/2016',
  fte: '0,50',
  allocationRate: '20',
  grossCost: '45.000,00',
  otherFunding: '0',
};
const expenses: Row[] = [
  { category: 'activities', description: 'Uitstap naar Brussel', 'period.from': '12/05/2016', 'period.to': '12/05/2016', amount: '1.234,56' },
  { category: 'transport', description: 'Busvervoer naar de activiteiten', 'period.from': '01/01/2016', 'period.to': '31/12/2016', amount: '345,67' },
];
const cluster = (
  tables: { objectives?: Row[]; staff?: Row[]; expenses?: Row[] } = {},
  refs: Record<string, number | null> = clusterRefs,
  participants = '37',
) =>
  evaluate({
    definition: clustersV1,
    raw: { fields: { participants }, tables: { objectives, staff: [coach], expenses, ...tables } },
    refs,
    params: clusterParams,
    reportYear: 2016,
  });

describe('Toelage sociale activering clusters (forms.md §5.3)', () => {
  it('justifies staff charged + eligible expenses, accepted up to the cluster amount', () => {
    const e = cluster();
    assert.deepEqual(e.issues, []);
    assert.equal(e.computed.amountPerCluster, 1_000_000);
    assert.equal(e.rowComputed.staff[0].chargedAmount, 900_000); // 20 % of €45.000
    assert.equal(e.rowComputed.staff[0].fteCharged, 10); // 0,50 × 20 % over the whole (leap) year
    assert.equal(e.totals.expenses.eligibleAmount, 158_023);
    assert.equal(e.computed.settlementJustified, 1_058_023);
    assert.equal(e.computed.settlementAccepted, 1_000_000);
    assert.equal(e.computed.settlementBalance, 250_000);
    assert.equal(e.computed.settlementToPay, 250_000);
    assert.equal(e.computed.settlementUnused, 0);
  });

  it('leaves the unjustified part unused', () => {
    const e = cluster({ expenses: [] });
    assert.equal(e.computed.settlementJustified, 900_000);
    assert.equal(e.computed.settlementToPay, 150_000);
    assert.equal(e.computed.settlementUnused, 100_000);
    const low = cluster({ staff: [], expenses: [expenses[0]] });
    assert.equal(low.computed.settlementToReclaim, 750_000 - 123_456);
  });

  it('charges staff net of other funding', () => {
    const e = cluster({ staff: [{ ...coach, allocationRate: '100', otherFunding: '40.000' }], expenses: [] });
    assert.equal(e.rowComputed.staff[0].chargedAmount, 500_000);
  });

  it('refuses a cluster of fewer than 3 OCMWs, telling to contact POD MI', () => {
    const e = cluster({}, { ...clusterRefs, memberOcmwCount: 2 });
    assert.deepEqual(codes(e), [['cluster.too_few_members', 'error', 'memberOcmwCount']]);
    assert.deepEqual(e.issues[0].params, { count: 2, min: 3 });
    assert.deepEqual(cluster({}, { ...clusterRefs, memberOcmwCount: 3 }).issues, []);
    assert.deepEqual(cluster({}, { ...clusterRefs, memberOcmwCount: null }).issues, []);
  });

  it('asks an explanation for an objective not fully reached', () => {
    const e = cluster({
      objectives: [
        { objective: 'A', status: 'reached', explanation: '' },
        { objective: 'B', status: 'partial', explanation: '' },
        { objective: 'C', status: 'notReached', explanation: ' ' },
        { objective: 'D', status: 'notReached', explanation: 'Geen lokaal gevonden.' },
      ],
    });
    assert.deepEqual(codes(e), [
      ['cluster.explanation_required', 'error', 'objectives.1.explanation'],
      ['cluster.explanation_required', 'error', 'objectives.2.explanation'],
    ]);
  });

  it('requires objectives, a known status and the number of participants', () => {
    assert.deepEqual(codes(cluster({ objectives: [] })), [['issue.rows_missing', 'error', 'objectives']]);
    assert.deepEqual(codes(cluster({ objectives: [{ objective: 'A', status: 'done', explanation: '' }] })), [
      ['issue.enum_invalid', 'error', 'objectives.0.status'],
    ]);
    assert.deepEqual(codes(cluster({}, clusterRefs, '')), [['issue.required', 'error', 'participants']]);
  });

  it('offers the cluster functions and expense categories', () => {
    assert.deepEqual(cluster({ staff: [{ ...coach, function: 'startbaner' }], expenses: [{ ...expenses[0], category: 'coordination' }] }).issues, []);
    assert.deepEqual(codes(cluster({ staff: [{ ...coach, function: 'debtMediator' }] })), [['issue.enum_invalid', 'error', 'staff.0.function']]);
    assert.deepEqual(codes(cluster({ expenses: [{ ...expenses[0], category: 'investment' }] })), [['issue.enum_invalid', 'error', 'expenses.0.category']]);
  });

  it('needs the amount per cluster of the campaign', () => {
    assert.throws(
      () => evaluate({ definition: clustersV1, raw: { fields: {}, tables: {} }, refs: clusterRefs, params: {}, reportYear: 2016 }),
      /amountPerClusterCents/,
    );
  });
});

// ---------------------------------------------------------------- per-year campaign files

const files: Array<[FormDefinition, string[]]> = [
  [huurwaarborgenV1, ['2016', '2017', '2018', '2019', '2020', '2021']],
  [groteStedenV1, ['2016']],
  [clustersV1, ['2016']],
];

const refKeys = (definition: FormDefinition) => definition.sections.flatMap((s) => s.items.filter((i) => i.kind === 'ref').map((i) => i.key)).sort();

describe('campaign years of the historical measures', () => {
  for (const [definition, years] of files) {
    const file = measureYears(definition.measure);

    it(`${definition.measure}: lists its report years, opening early`, () => {
      assert.equal(file.measure, definition.measure);
      assert.equal(file.opens, 'early');
      assert.deepEqual(Object.keys(file.years), years);
    });

    it(`${definition.measure}: gives both demo OCMWs every reference value, as integers`, () => {
      assert.deepEqual(Object.keys(file.demoReferences).sort(), ['demostad', 'villedemo']);
      for (const refs of Object.values(file.demoReferences)) {
        assert.deepEqual(Object.keys(refs).sort(), refKeys(definition));
        for (const value of Object.values(refs)) assert.ok(Number.isSafeInteger(value) && value >= 0);
      }
    });

    it(`${definition.measure}: evaluates every year with its parameters and the demo references`, () => {
      for (const [year, campaign] of Object.entries(file.years)) {
        assert.equal(campaign.definitionVersion, definition.version);
        for (const refs of Object.values(file.demoReferences)) {
          const e = evaluate({ definition, raw: { fields: {}, tables: {} }, refs, params: campaign.params, reportYear: Number(year) });
          assert.equal(typeof e.computed.settlementToReclaim, 'number');
        }
      }
    });
  }
});
