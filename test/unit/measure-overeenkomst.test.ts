import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONVENTION_SUBSIDIES, overeenkomstV1 } from '../../src/modules/forms/definitions/overeenkomst.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { measureYears } from '../support/measures.ts';

// ---------------------------------------------------------------- F15 Formulier overeenkomst (forms.md §5.5)

type Row = Record<string, string>;
const codes = (e: ReturnType<typeof evaluate>) => e.issues.map((i) => [i.code, i.severity, i.path]);

const params = { clusterAmountCents: 1_000_000 };
const cityFields: Record<string, string> = {
  subsidy: 'groteSteden',
  memberOcmws: '',
  'conventionPeriod.from': '01/01/2016',
  'conventionPeriod.to': '31/12/2016',
};
const objective = (over: Row = {}): Row => ({
  objective: '20 jongeren met een leefloon begeleiden naar werk of opleiding',
  indicator: 'Aantal jongeren dat werk vond of een opleiding begon',
  'plannedPeriod.from': '01/01/2016',
  'plannedPeriod.to': '31/12/2016',
  ...over,
});
const objectives: Row[] = [
  objective(),
  // a single date: the same day twice
  objective({ objective: 'Taalcafé openen', indicator: 'Het taalcafé is open', 'plannedPeriod.from': '01/09/2016', 'plannedPeriod.to': '01/09/2016' }),
];
const line = (category: string, description: string, amount: string): Row => ({ category, description, amount });
const budget: Row[] = [
  line('personnel', 'Twee trajectbegeleiders (halftijds)', '68.250,40'),
  line('operating', 'Huur van het lokaal en materiaal', '12.300,00'),
  line('activities', 'Uitstappen en opleidingen', '4.849,35'),
];

const convention = (
  fields: Record<string, string> = cityFields,
  tables: { objectives?: Row[]; budget?: Row[] } = {},
  campaign: Record<string, unknown> = params,
  refs: Record<string, number | null> = { conventionNumber: 12 },
) => evaluate({ definition: overeenkomstV1, raw: { fields, tables: { objectives, budget, ...tables } }, refs, params: campaign, reportYear: 2016 });

describe('Formulier overeenkomst 2016 (forms.md §5.5)', () => {
  it('is registered as OVEREENKOMST version 1, without a settlement: it justifies no money', () => {
    assert.equal(getDefinition('OVEREENKOMST', 1), overeenkomstV1);
    assert.deepEqual(
      overeenkomstV1.sections.map((s) => s.key),
      ['convention', 'objectives', 'budget'],
    );
    assert.deepEqual([...CONVENTION_SUBSIDIES], ['groteSteden', 'clusters']);
    const e = convention();
    assert.deepEqual(
      Object.keys(e.computed).filter((k) => k.startsWith('settlement')),
      [],
    );
  });

  it('computes the total budget and the duration of the convention for a large city', () => {
    const e = convention();
    assert.deepEqual(e.issues, []);
    assert.equal(e.refs.conventionNumber, 12);
    assert.deepEqual(e.values.conventionPeriod, { from: '2016-01-01', to: '2016-12-31' });
    assert.equal(e.values.subsidy, 'groteSteden');
    assert.equal(e.computed.durationDays, 366); // 2016 is a leap year
    assert.deepEqual(e.totals.budget, { amount: 8_539_975 });
    assert.equal(e.totals.budget.amount, 8_539_975);
  });

  it('computes a convention of half a year and an empty budget as 0', () => {
    const e = convention(
      { ...cityFields, 'conventionPeriod.from': '01/07/2016' },
      { objectives: [objective({ 'plannedPeriod.from': '01/07/2016' })], budget: [] },
    );
    assert.equal(e.computed.durationDays, 184);
    assert.equal(e.totals.budget.amount, 0);
    assert.deepEqual(codes(e), [['issue.rows_missing', 'error', 'budget']]);
  });

  it('requires the subsidy, the period, at least one objective and one budget line', () => {
    const e = convention({ subsidy: '', memberOcmws: '', 'conventionPeriod.from': '', 'conventionPeriod.to': '' }, { objectives: [], budget: [] });
    assert.deepEqual(codes(e), [
      ['issue.required', 'error', 'subsidy'],
      ['issue.required', 'error', 'conventionPeriod'],
      ['issue.rows_missing', 'error', 'objectives'],
      ['issue.rows_missing', 'error', 'budget'],
    ]);
    assert.equal(e.computed.durationDays, null);
    assert.deepEqual(codes(convention({ ...cityFields, subsidy: 'psa' })), [['issue.enum_invalid', 'error', 'subsidy']]);
  });

  it('keeps the convention within the report year and each objective within the convention', () => {
    assert.deepEqual(codes(convention({ ...cityFields, 'conventionPeriod.to': '31/01/2017' })), [['issue.outside_period', 'error', 'conventionPeriod']]);
    const e = convention(
      { ...cityFields, 'conventionPeriod.from': '01/07/2016' },
      {
        objectives: [
          objective({ 'plannedPeriod.from': '01/03/2016', 'plannedPeriod.to': '30/06/2016' }),
          objective({ 'plannedPeriod.from': '01/07/2016', 'plannedPeriod.to': '01/07/2016' }),
          objective({ 'plannedPeriod.from': '30/06/2016', 'plannedPeriod.to': '31/12/2016' }),
        ],
      },
    );
    assert.deepEqual(codes(e), [
      ['convention.objective_outside_convention', 'error', 'objectives.0.plannedPeriod'],
      ['convention.objective_outside_convention', 'error', 'objectives.2.plannedPeriod'],
    ]);
    assert.deepEqual(e.issues[0].params, { fromDate: '2016-07-01', toDate: '2016-12-31' });
  });

  it('requires the objective, its indicator and a positive amount per budget line', () => {
    const e = convention(cityFields, {
      objectives: [objective({ indicator: '' })],
      budget: [line('operating', 'Huur', '0'), line('investment', 'Bestelwagen', '15.000'), line('other', 'Drukwerk', '250,00')],
    });
    assert.deepEqual(codes(e), [
      ['issue.required', 'error', 'objectives.0.indicator'],
      ['issue.must_be_positive', 'error', 'budget.0.amount'],
      ['issue.enum_invalid', 'error', 'budget.1.category'],
    ]);
    assert.equal(e.totals.budget.amount, 1_525_000);
  });

  it('a cluster names its OCMWs', () => {
    const cluster = { ...cityFields, subsidy: 'clusters' };
    const small = [line('personnel', 'Trajectbegeleider', '9.000'), line('activities', 'Activiteiten', '1.000')];
    assert.deepEqual(codes(convention(cluster, { budget: small })), [['convention.members_required', 'error', 'memberOcmws']]);
    assert.deepEqual(convention({ ...cluster, memberOcmws: 'Demostad, Villedemo, Voorbeeldegem' }, { budget: small }).issues, []);
  });

  it('warns when a cluster’s budget is above the amount of a cluster, one cent over', () => {
    const cluster = { ...cityFields, subsidy: 'clusters', memberOcmws: 'Demostad, Villedemo, Voorbeeldegem' };
    const exact = convention(cluster, { budget: [line('personnel', 'Trajectbegeleider', '9.000'), line('activities', 'Activiteiten', '1.000')] });
    assert.equal(exact.totals.budget.amount, 1_000_000);
    assert.deepEqual(exact.issues, []);
    const over = convention(cluster, { budget: [line('personnel', 'Trajectbegeleider', '9.000'), line('activities', 'Activiteiten', '1.000,01')] });
    assert.equal(over.hasErrors, false);
    assert.deepEqual(codes(over), [['convention.budget_above_cluster_amount', 'warning', 'budget']]);
    assert.deepEqual(over.issues[0].params, { totalCents: 1_000_001, amountCents: 1_000_000 });
    // a large city has no such amount; a campaign without it does not check
    assert.deepEqual(convention({ ...cluster, subsidy: 'groteSteden' }).issues, []);
    assert.deepEqual(convention(cluster, { budget: [line('personnel', 'Trajectbegeleider', '20.000')] }, {}).issues, []);
  });

  it('shows a convention number POD MI did not load as not given yet', () => {
    const e = convention(cityFields, {}, params, {});
    assert.equal(e.refs.conventionNumber, null);
    assert.deepEqual(e.issues, []);
  });
});

describe('campaign year of OVEREENKOMST (src/seed/campaign-years/OVEREENKOMST.json)', () => {
  const file = measureYears('OVEREENKOMST');

  it('has report year 2016 only, opening early, with the amount of a cluster', () => {
    assert.equal(file.opens, 'early');
    assert.deepEqual(Object.keys(file.years), ['2016']);
    assert.deepEqual(file.years['2016'], { definitionVersion: 1, params: { clusterAmountCents: 1_000_000 }, opensOn: '2017-01-31' });
  });

  it('gives both demo OCMWs their convention number (those of the large-city subsidy)', () => {
    assert.deepEqual(file.demoReferences, { demostad: { conventionNumber: 12 }, villedemo: { conventionNumber: 27 } });
    const cities = measureYears('GROTE_STEDEN').demoReferences;
    for (const ocmw of ['demostad', 'villedemo'] as const) assert.equal(file.demoReferences[ocmw].conventionNumber, cities[ocmw].conventionNumber);
  });

  it('evaluates the worked example with the year’s parameters and each demo OCMW', () => {
    for (const refs of Object.values(file.demoReferences)) {
      const e = convention(cityFields, {}, file.years['2016'].params, refs);
      assert.deepEqual(e.issues, []);
      assert.equal(e.totals.budget.amount, 8_539_975);
    }
  });
});
