import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Row, measureYears, staffRow } from '../support/measures.ts';
import { tablesOf } from '../../src/modules/forms/definition.ts';
import { overheadCap, overheadExcess } from '../../src/modules/forms/definitions/psa-activities.ts';
import { sameTitle } from '../../src/modules/forms/definitions/psa-modules.ts';
import { personnelCapOf, psaAccepted } from '../../src/modules/forms/definitions/psa-summary.ts';
import { psaV1 } from '../../src/modules/forms/definitions/psa.ts';
import { evaluate, heldAlarms } from '../../src/modules/forms/evaluate.ts';

type Tables = Partial<Record<'activitiesA' | 'staffA' | 'staffB' | 'modulesB' | 'activitiesC' | 'staffC', Row[]>>;

const PARAMS = { personnelCapHundredths: 1000, subcontractOverheadCapHundredths: 1000 };
const REFS = { allocation: 4_186_027, allocationPartC: 921_540, advancesPaid: 4_186_027 };

const activityA = (over: Row = {}): Row => ({
  category: 'holidayActivities',
  kind: 'collective',
  description: 'Zomerkamp aan zee',
  'period.from': '01/07/2025',
  'period.to': '05/07/2025',
  usersReached: '20',
  amount: '900,00',
  mixedPublicShare: '',
  partner: '',
  overheadAmount: '',
  ...over,
});
const activityC = (over: Row = {}): Row => ({
  category: 'schoolCosts',
  description: 'Schoolboeken',
  'period.from': '15/08/2025',
  'period.to': '30/09/2025',
  childrenReached: '25',
  amount: '4.800,00',
  mixedPublicShare: '',
  partner: '',
  overheadAmount: '',
  ...over,
});
const staff = (over: Row = {}): Row => staffRow({ ...over });
const module = (over: Row = {}): Row => ({
  title: 'Budgetbeheer',
  theme: 'budget',
  'period.from': '01/02/2025',
  'period.to': '30/06/2025',
  sessions: '10',
  participants: '12',
  participantsWithGpmi: '8',
  organiser: 'ownOcmw',
  partnerName: '',
  operatingCost: '1.200,00',
  ...over,
});

const run = (tables: Tables, refs: Record<string, number | null> = REFS, params: Record<string, unknown> = PARAMS, reportYear = 2025) =>
  evaluate({ definition: psaV1, raw: { fields: {}, tables }, refs, params, reportYear });
const codes = (e: ReturnType<typeof run>) => e.issues.map((i) => [i.code, i.severity, i.path]);

/** The worked example: the three parts of a town's PSA report, part C earmarked. */
const WORKED: Tables = {
  activitiesA: [
    activityA({ 'period.from': '01/07/2025', amount: '3.000,00', mixedPublicShare: '30' }),
    activityA({
      category: 'tripsTravel',
      kind: 'individual',
      description: 'Uitstap',
      'period.from': '01/01/2025',
      'period.to': '01/01/2025',
      usersReached: '12',
      amount: '1.250,00',
      partner: 'vzw Samen Op Stap',
      overheadAmount: '150,00',
    }),
    activityA({
      category: 'feesAllowances',
      description: 'Lidgeld sportclub',
      'period.from': '31/12/2025',
      'period.to': '31/12/2025',
      usersReached: '5',
      amount: '640,37',
    }),
  ],
  staffA: [staff({ allocationRate: '10', grossCost: '52.400,00' })],
  staffB: [
    staff({
      lastName: 'Janssens',
      function: 'pathwayCounsellor',
      fte: '0,8',
      allocationRate: '50',
      grossCost: '46.000,00',
      otherFunding: '6.000,00',
      module: 'Budgetbeheer',
    }),
    staff({
      lastName: 'Maes',
      function: 'administrativeWorker',
      'period.from': '01/03/2025',
      'period.to': '30/06/2025',
      fte: '0,5',
      allocationRate: '20',
      grossCost: '8.000,00',
      module: 'budgetbeheer ',
    }),
    staff({ lastName: 'Wouters', allocationRate: '25', grossCost: '50.000,00', otherFunding: '45.000,00', module: 'Digitaal  Vaardig' }),
  ],
  modulesB: [
    module(),
    module({
      title: 'Digitaal vaardig',
      theme: 'digitalSkills',
      'period.from': '01/09/2025',
      'period.to': '15/12/2025',
      sessions: '8',
      participants: '9',
      participantsWithGpmi: '9',
      organiser: 'partner',
      partnerName: 'Digidak vzw',
      operatingCost: '2.350,50',
    }),
  ],
  activitiesC: [
    activityC(),
    activityC({
      category: 'homeworkSupport',
      description: 'Huiswerkklas',
      'period.from': '01/10/2025',
      'period.to': '20/12/2025',
      childrenReached: '10',
      amount: '2.000,00',
      mixedPublicShare: '50',
      partner: 'Huiswerkklas vzw',
      overheadAmount: '200,00',
    }),
  ],
  staffC: [staff({ fte: '0,5', allocationRate: '10', grossCost: '24.000,00' })],
};

describe('PSA worked example (forms.md §4.3.6)', () => {
  const e = run(WORKED);

  it('computes the eligible activities of parts A and C: target-group share, excess overheads removed', () => {
    assert.deepEqual(
      e.rowComputed.activitiesA.map((r) => r.eligibleAmount),
      [90_000, 122_500, 64_037],
    ); // 30 % of €3.000; €1.250 − €25 excess; 100 %
    assert.deepEqual(
      e.rowComputed.activitiesA.map((r) => r.overheadExcess),
      [0, 2_500, 0],
    ); // cap 10 % of €1.250 = €125
    assert.deepEqual(
      e.rowComputed.activitiesC.map((r) => r.eligibleAmount),
      [480_000, 100_000],
    ); // overheads exactly at the cap
    assert.equal(e.totals.activitiesA.usersReached, 37);
  });

  it('links part B staff to modules by title, ignoring case and spaces', () => {
    assert.deepEqual(
      e.rowComputed.staffB.map((r) => r.chargedAmount),
      [2_300_000, 160_000, 500_000],
    );
    assert.deepEqual(
      e.rowComputed.modulesB.map((r) => r.personnelCost),
      [2_460_000, 500_000],
    );
    assert.equal(e.totals.modulesB.operatingCost, 355_050);
  });

  it('sums, caps and justifies each part', () => {
    const c = e.computed;
    // part A without an allocation of its own: cap round(€2.765,37 / 9) = €307,26, so personnel is at most 10 % of what A justifies
    assert.deepEqual([c.activitiesA, c.personnelA, c.personnelCapA, c.personnelAcceptedA, c.justifiedA], [276_537, 524_000, 30_726, 30_726, 307_263]);
    assert.deepEqual([c.activitiesB, c.personnelB, c.personnelAcceptedB, c.justifiedB], [355_050, 2_960_000, 2_960_000, 3_315_050]);
    // part C: the cap is 10 % of the earmarked allocation of the part (€9.215,40)
    assert.deepEqual([c.activitiesC, c.personnelC, c.personnelCapC, c.personnelAcceptedC, c.justifiedC], [580_000, 240_000, 92_154, 92_154, 672_154]);
    assert.equal(c.personnelCapB, undefined, 'part B personnel is not capped');
    assert.equal(c.justifiedTotal, 4_294_467);
  });

  it('accepts part C within its earmark and parts A+B within the rest of the allocation', () => {
    assert.equal(e.computed.accepted, 672_154 + (4_186_027 - 921_540));
    assert.equal(run(WORKED, { ...REFS, allocationPartC: null }).computed.accepted, 4_186_027, 'without earmark: min(total, allocation)');
  });

  it('settles to the cent: paid in advance, reclaim only', () => {
    const c = e.computed;
    assert.deepEqual(
      [
        c.settlementAllocation,
        c.settlementAdvances,
        c.settlementJustified,
        c.settlementAccepted,
        c.settlementBalance,
        c.settlementToReclaim,
        c.settlementUnused,
      ],
      // "Verantwoord bedrag" is the justified total (issue 14, item 19); the accepted amount applies the part C earmark
      [4_186_027, 4_186_027, 4_294_467, 3_936_641, -249_386, 249_386, 249_386],
    );
    assert.equal('settlementToPay' in c, false);
  });

  it('computes the result indicators', () => {
    const c = e.computed;
    assert.deepEqual(
      [c.usersReachedA, c.activitiesCountA, c.modulesCount, c.moduleParticipants, c.participantsWithGpmi, c.childrenReachedC, c.activitiesCountC],
      [37, 3, 2, 21, 17, 35, 2],
    );
    assert.deepEqual([c.personnelShareA, c.personnelShareB, c.personnelShareC], [1000, 8929, 1371]); // 10,00 % (round(activities / 9)), 89,29 %, 13,71 % (part C: 10 % of its earmark)
  });

  it('warns, without blocking, about the capped overheads, both personnel caps and the reclaim', () => {
    assert.equal(e.hasErrors, false);
    assert.deepEqual(codes(e), [
      ['psa.overhead_capped', 'warning', 'activitiesA.1.overheadAmount'],
      ['psa.personnel_capped', 'warning', 'personnelAcceptedA'],
      ['psa.personnel_capped', 'warning', 'personnelAcceptedC'],
      ['psa.warning_reclaim', 'warning', 'settlementToReclaim'],
    ]);
    assert.deepEqual(e.issues[0].params, { capCents: 12_500, excessCents: 2_500 });
    assert.deepEqual(e.issues[1].params, { part: 'A', personnelCents: 524_000, capCents: 30_726 });
    assert.deepEqual(e.issues[3].params, { toReclaimCents: 249_386 });
  });
});

describe('PSA personnel cap (PSA-R1)', () => {
  const partA = (grossCost: string, refs: Record<string, number | null> = { allocation: 10_000_000, advancesPaid: 0 }) =>
    run({ activitiesA: [activityA()], staffA: [staff({ grossCost })] }, refs);

  it('accepts personnel exactly at 10 % of activities + personnel (personnel = activities / 9)', () => {
    const e = partA('100,00');
    assert.deepEqual([e.computed.personnelCapA, e.computed.personnelAcceptedA, e.computed.justifiedA], [10_000, 10_000, 100_000]);
    assert.deepEqual(codes(e), []);
  });

  it('caps one cent above and warns', () => {
    const e = partA('100,01');
    assert.deepEqual([e.computed.personnelA, e.computed.personnelCapA, e.computed.personnelAcceptedA], [10_001, 10_000, 10_000]);
    assert.deepEqual(codes(e), [['psa.personnel_capped', 'warning', 'personnelAcceptedA']]);
  });

  it('takes 10 % of the part A allocation as the base when POD MI loaded one', () => {
    const e = partA('500,00', { allocation: 10_000_000, allocationPartA: 500_000, advancesPaid: 0 });
    assert.deepEqual([e.computed.personnelCapA, e.computed.personnelAcceptedA], [50_000, 50_000]);
    assert.deepEqual(codes(e), []);
    assert.equal(partA('500,01', { allocation: 10_000_000, allocationPartA: 500_000, advancesPaid: 0 }).computed.personnelAcceptedA, 50_000);
  });

  it('takes the cap from the campaign parameter', () => {
    const e = run({ activitiesA: [activityA()], staffA: [staff({ grossCost: '225,00' })] }, REFS, { ...PARAMS, personnelCapHundredths: 2000 });
    assert.equal(e.computed.personnelCapA, 22_500); // 20 % of €1.125
    assert.equal(e.computed.personnelAcceptedA, 22_500);
  });

  it('does not cap part B, even with personnel only', () => {
    const e = run({ staffB: [staff({ grossCost: '5.000,00' })] }, { allocation: 1_000_000, advancesPaid: 1_000_000 });
    assert.deepEqual([e.computed.personnelAcceptedB, e.computed.justifiedB, e.computed.personnelShareB], [500_000, 500_000, 10_000]);
    assert.equal(
      e.issues.some((i) => i.code === 'psa.personnel_capped'),
      false,
    );
  });

  it('accepts no part C personnel without activities when there is no earmark (personnel would be 100 % of the part)', () => {
    const e = run({ staffC: [staff()] }, { allocation: 1_000_000, advancesPaid: 0 });
    assert.deepEqual([e.computed.personnelCapC, e.computed.personnelAcceptedC], [0, 0]); // round(0 / 9)
  });

  it('keeps accepted personnel at most 10 % of the justified total, whatever the personnel typed (forms.md §4.3.6)', () => {
    // activities 9.000,00 (one activity of €900 ten times), personnel 5.000,00
    const e = run(
      { activitiesA: Array.from({ length: 10 }, () => activityA()), staffA: [staff({ grossCost: '5.000,00' })] },
      { allocation: 10_000_000, advancesPaid: 0 },
    );
    assert.deepEqual(
      [e.computed.activitiesA, e.computed.personnelA, e.computed.personnelCapA, e.computed.personnelAcceptedA, e.computed.justifiedA],
      [900_000, 500_000, 100_000, 100_000, 1_000_000],
    );
    assert.equal(e.computed.personnelShareA, 1000, 'exactly 10,00 %');
  });

  it('computes the base and accepted amount per the §4.3.6 formulas', () => {
    // forms.md §4.3.6's example: activities 9.000,00 and personnel 5.000,00 → cap 1.000,00, justified 10.000,00 (10 %),
    // not 0,10 × 14.000,00 = 1.400,00 (13,46 % of the justified total)
    assert.equal(personnelCapOf(null, 900_000, 1000), 100_000);
    assert.equal(personnelCapOf(null, 100, 1000), 11, 'round(100 / 9) = 11 cents');
    assert.equal(personnelCapOf(null, 900_000, 2000), 225_000, '20 %: activities / 4');
    assert.equal(personnelCapOf(500_000, 900_000, 1000), 50_000, '10 % of the part allocation when POD MI loaded one');
    assert.equal(personnelCapOf(0, 900, 1000), 0, 'an allocation of 0 is a known allocation');
    assert.equal(personnelCapOf(null, 900, 10_000), null, 'a share of 100 % caps nothing');
    assert.equal(psaAccepted({ A: 100, B: 200, C: 300 }, 1000, null), 600);
    assert.equal(psaAccepted({ A: 100, B: 200, C: 300 }, 500, null), 500);
    assert.equal(psaAccepted({ A: 100, B: 200, C: 300 }, 500, 250), 250 + 250);
    assert.equal(psaAccepted({ A: 900, B: 0, C: 100 }, 1000, 400), 100 + 600, 'unused part C money does not fund A+B');
    assert.equal(psaAccepted({ A: 100, B: 0, C: 900 }, 800, 1000), 800, 'an earmark above the allocation leaves nothing for A+B');
  });
});

describe('PSA subcontracting overheads (PSA-R2)', () => {
  it('caps the overheads at 10 % of the subcontracted amount', () => {
    assert.equal(overheadCap(100_000, 1000), 10_000);
    assert.equal(overheadCap(5, 1000), 1); // 0,5 cent → 1
    assert.equal(overheadExcess(100_000, 10_000, 1000), 0);
    assert.equal(overheadExcess(100_000, 10_001, 1000), 1);
    assert.equal(overheadExcess(100_000, null, 1000), 0);
  });

  const one = (over: Row, params: Record<string, unknown> = PARAMS) =>
    run({ activitiesA: [activityA({ amount: '1.000,00', partner: 'vzw Partner', ...over })] }, REFS, params);

  it('accepts overheads exactly at the cap, removes one cent above with a warning', () => {
    const at = one({ overheadAmount: '100,00' });
    assert.equal(at.rowComputed.activitiesA[0].eligibleAmount, 100_000);
    assert.equal(
      at.issues.some((i) => i.code === 'psa.overhead_capped'),
      false,
    );
    const above = one({ overheadAmount: '100,01' });
    assert.equal(above.rowComputed.activitiesA[0].eligibleAmount, 99_999);
    assert.deepEqual(above.issues[0], {
      code: 'psa.overhead_capped',
      severity: 'warning',
      path: 'activitiesA.0.overheadAmount',
      params: { capCents: 10_000, excessCents: 1 },
    });
  });

  it('removes the excess before applying the target-group share', () => {
    assert.equal(one({ overheadAmount: '150,00', mixedPublicShare: '30' }).rowComputed.activitiesA[0].eligibleAmount, 28_500);
  });

  it('takes the cap from the campaign parameter', () => {
    assert.equal(one({ overheadAmount: '150,00' }, { ...PARAMS, subcontractOverheadCapHundredths: 1500 }).rowComputed.activitiesA[0].overheadExcess, 0);
  });

  it('requires the partner for overheads and refuses overheads above the amount (parts A and C)', () => {
    const e = run({
      activitiesA: [activityA({ amount: '1.000,00', overheadAmount: '50,00' })],
      activitiesC: [activityC({ amount: '100,00', partner: 'vzw', overheadAmount: '100,01' })],
    });
    assert.deepEqual(
      codes(e).filter(([, severity]) => severity === 'error'),
      [
        ['psa.partner_required', 'error', 'activitiesA.0.partner'],
        ['expense.overhead_above_amount', 'error', 'activitiesC.0.overheadAmount'],
      ],
    );
    assert.equal(run({ activitiesA: [activityA({ overheadAmount: '0' })] }).hasErrors, false, 'no overheads, no partner needed');
  });
});

describe('PSA rows and periods', () => {
  it('accepts the first and last day of the subsidy period and refuses one day outside', () => {
    const e = run({
      activitiesA: [
        activityA({ 'period.from': '01/01/2025', 'period.to': '31/12/2025' }),
        activityA({ 'period.from': '31/12/2024', 'period.to': '05/01/2025' }),
      ],
      modulesB: [module({ 'period.to': '01/01/2026' })],
      activitiesC: [activityC({ 'period.from': '31/12/2025', 'period.to': '01/01/2026' })],
    });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [
        ['issue.outside_period', 'error', 'activitiesA.1.period'],
        ['issue.outside_period', 'error', 'modulesB.0.period'],
        ['issue.outside_period', 'error', 'activitiesC.0.period'],
      ],
    );
  });

  it('requires at least one user or child reached and a kind of activity', () => {
    const e = run({ activitiesA: [activityA({ usersReached: '0', kind: 'group' })], activitiesC: [activityC({ childrenReached: '' })] });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [
        ['issue.enum_invalid', 'error', 'activitiesA.0.kind'],
        ['issue.count_min', 'error', 'activitiesA.0.usersReached'],
        ['issue.required', 'error', 'activitiesC.0.childrenReached'],
      ],
    );
    assert.equal(run({ activitiesA: [activityA({ usersReached: '1' })] }).hasErrors, false);
  });

  it('checks the modules: sessions and participants, GPMI participants, partner name, unique titles', () => {
    const e = run({
      modulesB: [
        module({ sessions: '0', participants: '1', participantsWithGpmi: '2' }),
        module({ title: 'Taal', participants: '5', participantsWithGpmi: '5', organiser: 'partner' }),
        module({ title: ' BUDGETBEHEER', participants: '' }),
      ],
    });
    assert.deepEqual(
      codes(e).filter(([, s]) => s === 'error'),
      [
        ['issue.count_min', 'error', 'modulesB.0.sessions'],
        ['issue.required', 'error', 'modulesB.2.participants'],
        ['psa.gpmi_above_participants', 'error', 'modulesB.0.participantsWithGpmi'],
        ['psa.partner_name_required', 'error', 'modulesB.1.partnerName'],
        ['psa.module_title_duplicate', 'error', 'modulesB.0.title'],
        ['psa.module_title_duplicate', 'error', 'modulesB.2.title'],
      ],
    );
  });

  it('warns about a staff row naming no existing module and still counts it in part B', () => {
    const e = run({ staffB: [staff({ module: 'Budget' }), staff({ module: '' })], modulesB: [module()] }, { allocation: 1_000_000, advancesPaid: 0 });
    assert.deepEqual(codes(e), [['psa.module_unknown', 'warning', 'staffB.0.module']]);
    assert.equal(e.rowComputed.modulesB[0].personnelCost, 0);
    assert.equal(e.computed.personnelB, 20_000);
  });

  it('matches module titles without regard to case or spaces, never empty ones', () => {
    assert.equal(sameTitle(' Digitaal  vaardig', 'digitaal vaardig'), true);
    assert.equal(sameTitle('Budget', 'Budgetbeheer'), false);
    assert.equal(sameTitle('', ''), false);
    assert.equal(sameTitle(null, null), false);
  });
});

describe('PSA empty form and settlement boundaries', () => {
  it('justifies nothing with empty tables: the whole advance is reclaimed', () => {
    const e = run({});
    assert.equal(e.hasErrors, false);
    assert.deepEqual([e.computed.justifiedTotal, e.computed.accepted, e.computed.settlementToReclaim], [0, 0, 4_186_027]);
    assert.deepEqual([e.computed.personnelShareA, e.computed.usersReachedA, e.computed.modulesCount], [null, 0, 0]);
    assert.deepEqual(codes(e), [['psa.warning_reclaim', 'warning', 'settlementToReclaim']], 'POD MI reads the reclaim');
    assert.deepEqual(codes(heldAlarms(e)), [], "no alarm on the OCMW's pages of a blank form (issue 14, item 5)");
  });

  it('cannot settle before POD MI loaded the allocation', () => {
    const e = run({ activitiesA: [activityA()] }, {});
    assert.equal(e.computed.accepted, null);
    assert.equal(e.computed.settlementBalance, null);
    assert.deepEqual(codes(e), []);
  });

  it('reclaims nothing when exactly the advance is justified, one cent when one cent is missing', () => {
    const exact = run({ activitiesA: [activityA({ amount: '900,00' })] }, { allocation: 90_000, advancesPaid: 90_000 });
    assert.deepEqual([exact.computed.settlementToReclaim, exact.computed.settlementUnused], [0, 0]);
    assert.deepEqual(codes(exact), []);
    const short = run({ activitiesA: [activityA({ amount: '899,99' })] }, { allocation: 90_000, advancesPaid: 90_000 });
    assert.equal(short.computed.settlementToReclaim, 1);
  });

  it('accepts no more than the allocation when more is justified', () => {
    const e = run({ activitiesA: [activityA({ amount: '2.000,00' })] }, { allocation: 90_000, advancesPaid: 90_000 });
    assert.deepEqual([e.computed.justifiedTotal, e.computed.accepted, e.computed.settlementToReclaim, e.computed.settlementBalance], [200_000, 90_000, 0, 0]);
  });
});

describe('PSA definition and campaign years', () => {
  it('is paged, has a workbook and the agreed table keys, sheets and row limits', () => {
    assert.equal(psaV1.paged, true);
    assert.deepEqual(psaV1.workbook, { templateVersion: 1 });
    assert.deepEqual(
      psaV1.sections.map((s) => s.key),
      ['partA', 'partB', 'partC', 'summary', 'settlement'],
    );
    assert.deepEqual(
      tablesOf(psaV1).map((t) => [t.key, t.workbookSheet, t.maxRows]),
      [
        ['activitiesA', 'A_Participatie', 2000],
        ['staffA', undefined, 500],
        ['staffB', undefined, 500],
        ['modulesB', 'B_Modules', 2000],
        ['activitiesC', 'C_Kinderarmoede', 2000],
        ['staffC', undefined, 500],
      ],
    );
    assert.equal(tablesOf(psaV1)[2].columns.at(-1)?.key, 'module');
  });

  const file = measureYears('PSA');
  const refKeys = psaV1.sections.flatMap((s) => s.items.filter((i) => i.kind === 'ref').map((i) => i.key));

  it('lists report years 2016 to 2026, opening early, with integer demo references of known keys', () => {
    assert.equal(file.measure, 'PSA');
    assert.equal(file.opens, 'early');
    assert.deepEqual(Object.keys(file.years), ['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
    assert.deepEqual(Object.keys(file.demoReferences), ['demostad', 'villedemo']);
    for (const refs of Object.values(file.demoReferences)) {
      for (const [key, value] of Object.entries(refs)) {
        assert.ok(refKeys.includes(key), key);
        assert.ok(Number.isSafeInteger(value) && value >= 0, key);
      }
    }
  });

  it("evaluates the worked example with every year's parameters", () => {
    for (const [year, entry] of Object.entries(file.years)) {
      assert.equal(entry.definitionVersion, psaV1.version);
      const tables = JSON.parse(JSON.stringify(WORKED).replaceAll('/2025', `/${year}`));
      const e = evaluate({
        definition: psaV1,
        raw: { fields: {}, tables },
        refs: file.demoReferences.demostad,
        params: entry.params,
        reportYear: Number(year),
      });
      assert.equal(e.hasErrors, false, year);
      assert.equal(e.computed.justifiedTotal, 4_294_467, year);
    }
  });
});
