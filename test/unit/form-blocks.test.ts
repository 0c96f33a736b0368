import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulDiv, overlapDays } from '../../src/modules/forms/blocks/arithmetic.ts';
import { eligibleAmount, expenseTable } from '../../src/modules/forms/blocks/expenses.ts';
import { settle, settlementSection } from '../../src/modules/forms/blocks/settlement.ts';
import { chargedAmount, fteCharged, staffTable } from '../../src/modules/forms/blocks/staff-costs.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';

describe('shared blocks (forms.md §3)', () => {
  it('rounds half away from zero once (§2.6)', () => {
    assert.equal(mulDiv(1, 50, 100), 1); // 0,5 → 1
    assert.equal(mulDiv(-1, 50, 100), -1);
    assert.equal(mulDiv(3, 1, 3), 1);
    assert.equal(mulDiv(10_000_000_000_000, 9999, 10_000), 9_999_000_000_000);
  });

  it('charges min(round(gross × rate), gross − other funding) per worker (§3.1)', () => {
    assert.equal(chargedAmount(4_000_000, 5000, 0), 2_000_000); // 50 % of €40.000
    assert.equal(chargedAmount(4_000_000, 5000, 2_500_000), 1_500_000); // capped by the cost net of APE
    assert.equal(chargedAmount(333, 3333, 0), 111); // 110,9889 → 111
    assert.equal(chargedAmount(4_000_000, 10_000, 4_000_000), 0);
  });

  it('computes the FTE charged over the year, pro rata temporis', () => {
    assert.equal(fteCharged(100, 10_000, 365, 365), 100);
    assert.equal(fteCharged(80, 5000, 181, 365), 20); // 0,8 × 0,5 × 181/365 = 0,198… → 0,20
    assert.equal(fteCharged(50, 10_000, 366, 366), 50);
  });

  it('counts shared days of periods, both ends included', () => {
    assert.equal(overlapDays({ from: '2025-01-01', to: '2025-06-30' }, { from: '2025-06-30', to: '2025-12-31' }), 1);
    assert.equal(overlapDays({ from: '2025-01-01', to: '2025-06-29' }, { from: '2025-06-30', to: '2025-12-31' }), 0);
  });

  it('keeps the target-group share of a mixed public (PSA-R6: 6 of 20)', () => {
    assert.equal(eligibleAmount(100_000, 3000), 30_000);
    assert.equal(eligibleAmount(100_001, null), 100_001);
    assert.equal(eligibleAmount(1, 5000), 1);
  });

  it('settles: accepted = min(justified, allocation); balance = accepted − advances (§3.3)', () => {
    assert.deepEqual(settle({ allocation: 100_000, advancesPaid: 80_000, justified: 120_000 }), {
      allocation: 100_000,
      advancesPaid: 80_000,
      justified: 120_000,
      accepted: 100_000,
      balance: 20_000,
      toPayByPodMi: 20_000,
      toReclaim: 0,
      unused: 0,
    });
    const under = settle({ allocation: 100_000, advancesPaid: 100_000, justified: 70_000 }, 'reclaimOnly');
    assert.equal(under?.toReclaim, 30_000);
    assert.equal(under?.toPayByPodMi, 0);
    assert.equal(under?.unused, 30_000);
    assert.equal(settle({ allocation: null, advancesPaid: null, justified: 5_000 }, 'justifiedIsAllocation')?.toPayByPodMi, 5_000);
    assert.equal(settle({ allocation: 1, advancesPaid: 0, justified: null }), null);
  });

  const definition: FormDefinition = {
    measure: 'TEST',
    version: 1,
    titleKey: 'measure.PSA',
    sections: [
      {
        key: 'a',
        titleKey: 'settlement.title',
        items: [
          { kind: 'ref', key: 'allocation', type: 'money', labelKey: 'settlement.allocation' },
          staffTable({ key: 'staff', labelKey: 'settlement.title', functions: { name: 'psaFunction', values: ['socialWorker', 'other'] } }),
          expenseTable({ key: 'costs', labelKey: 'settlement.title', categories: { name: 'x', values: ['a'] }, mixedPublicShare: true, subcontracting: true }),
        ],
      },
      settlementSection({ justified: (ctx) => (ctx.totals.staff?.chargedAmount ?? 0) + (ctx.totals.costs?.eligibleAmount ?? 0) }),
    ],
  };
  const staffRow = {
    lastName: 'Peeters',
    firstName: 'Eva',
    staffId: '',
    function: 'socialWorker',
    status: 'contractual',
    'period.from': '01/01/2025',
    'period.to': '31/12/2025',
    fte: '1',
    allocationRate: '50',
    grossCost: '40.000,00',
    otherFunding: '0',
  };
  const run = (staff: Array<Record<string, string>>, costs: Array<Record<string, string>> = [], params: Record<string, unknown> = {}) =>
    evaluate({ definition, raw: { fields: {}, tables: { staff, costs } }, refs: { allocation: 2_500_000, advancesPaid: 0 }, params, reportYear: 2025 });

  it('evaluates staff and expense tables, totals and the settlement section', () => {
    const e = run(
      [staffRow],
      [
        {
          category: 'a',
          description: 'Uitstap',
          'period.from': '01/07/2025',
          'period.to': '01/07/2025',
          amount: '1.000,00',
          mixedPublicShare: '30',
          partner: '',
          overheadAmount: '',
        },
      ],
    );
    assert.deepEqual(e.issues, []);
    assert.equal(e.rowComputed.staff[0].chargedAmount, 2_000_000);
    assert.equal(e.rowComputed.staff[0].fteCharged, 50);
    assert.equal(e.totals.costs.eligibleAmount, 30_000);
    assert.equal(e.computed.settlementJustified, 2_030_000);
    assert.equal(e.computed.settlementAccepted, 2_030_000);
    assert.equal(e.computed.settlementToPay, 2_030_000);
    assert.equal(e.computed.settlementUnused, 470_000);
  });

  it('charges FTE against the report year, also when the subsidy period is shorter (forms.md §3.1; issue 14, item 21)', () => {
    // a subsidy period of 1/10–31/12 (GPMI TB 2023's kind): a full-time person over the whole period is 92/365 FTE
    const quarter = { periodFrom: '2025-10-01', periodTo: '2025-12-31' };
    const e = run([{ ...staffRow, 'period.from': '01/10/2025', allocationRate: '100' }], [], quarter);
    assert.equal(e.rowComputed.staff[0].fteCharged, 25); // 1,00 × 92/365 = 0,252… → 0,25, not 1,00
    assert.equal(e.totals.staff.fteCharged, 25);
  });

  it('rejects periods outside the subsidy period, other funding above the cost and bad national numbers', () => {
    const e = run([{ ...staffRow, 'period.to': '01/01/2026', otherFunding: '50.000', staffId: '85073003399' }]);
    assert.deepEqual(
      e.issues.map((i) => [i.code, i.path]),
      [
        ['issue.outside_period', 'staff.0.period'],
        ['staff.other_funding_above_cost', 'staff.0.otherFunding'],
        ['staff.insz_invalid', 'staff.0.staffId'],
      ],
    );
  });

  it('takes the subsidy period and enum lists from the campaign parameters', () => {
    const params = { periodFrom: '2025-10-01', enums: { psaFunction: ['other'] } };
    const e = run([staffRow], [], params);
    assert.deepEqual(
      e.issues.map((i) => [i.code, i.path]),
      [
        ['issue.enum_invalid', 'staff.0.function'],
        ['issue.outside_period', 'staff.0.period'],
      ],
    );
  });

  it('requires positive amounts and rates', () => {
    const e = run([{ ...staffRow, allocationRate: '0' }]);
    assert.deepEqual(
      e.issues.map((i) => [i.code, i.path]),
      [['issue.must_be_positive', 'staff.0.allocationRate']],
    );
  });
});
