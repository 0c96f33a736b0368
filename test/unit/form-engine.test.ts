import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, contentHash } from '../../src/modules/shared/canonical.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { covidPremieV1 } from '../../src/modules/forms/definitions/covid-premie.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';
import { parseDate } from '../../src/modules/forms/field-types.ts';

const params = { premiumCents: 2500, months: 3 };
const covid = (justifiedTotal: string, refs: Record<string, number | null> = { advance: 0, eligiblePersons: 10 }) =>
  evaluate({ definition: covidPremieV1, raw: { fields: { justifiedTotal }, tables: {} }, refs, params, reportYear: 2022 });

describe('Covid-19 premium (forms.md §4.6)', () => {
  it('computes the amount to be paid: justified total minus the advance', () => {
    const e = covid('1.250,00', { advance: 50_000, eligiblePersons: 10 });
    assert.equal(e.values.justifiedTotal, 125_000);
    assert.equal(e.computed.toPayByPodMi, 75_000);
    assert.equal(e.hasErrors, false);
  });

  it('gives a negative amount (to be repaid) when the advance exceeds the justified total', () => {
    assert.equal(covid('1000', { advance: 150_000, eligiblePersons: 100 }).computed.toPayByPodMi, -50_000);
  });

  it('requires the justified total', () => {
    const e = covid('');
    assert.deepEqual(
      e.issues.map((i) => [i.code, i.severity, i.path]),
      [['issue.required', 'error', 'justifiedTotal']],
    );
    assert.equal(e.computed.toPayByPodMi, null);
  });

  it('rejects more than two decimals instead of rounding', () => {
    const e = covid('12,345');
    assert.equal(e.hasErrors, true);
    assert.equal(e.issues[0].code, 'issue.decimals');
  });

  it('rejects negative amounts', () => {
    assert.equal(covid('-25').issues[0].code, 'issue.negative');
  });

  it('warns, without blocking, when the total is not a multiple of €25', () => {
    const e = covid('30,00');
    assert.equal(e.hasErrors, false);
    assert.deepEqual(
      e.issues.map((i) => i.code),
      ['covid.warning_not_multiple'],
    );
  });

  it('warns above 3 × €25 × eligible persons, and not at exactly that amount', () => {
    assert.deepEqual(covid('750,00').issues, []);
    assert.deepEqual(
      covid('775,00').issues.map((i) => i.code),
      ['covid.warning_above_eligible'],
    );
    assert.deepEqual(covid('775,00', { advance: 0, eligiblePersons: null }).issues, []);
  });
});

describe('field types', () => {
  it('parses dd/mm/yyyy and ISO dates and rejects impossible ones', () => {
    assert.equal(parseDate('01/03/2022'), '2022-03-01');
    assert.equal(parseDate('2022-03-01'), '2022-03-01');
    assert.equal(parseDate('31/02/2022'), null);
    assert.equal(parseDate('29/02/2024'), '2024-02-29');
    assert.equal(parseDate('1.3.2022'), '2022-03-01');
    assert.equal(parseDate('gisteren'), null);
    assert.equal(parseDate('01-02.2024'), null, 'one separator per date');
    assert.equal(parseDate('1/2/0100'), null, 'years outside 1900-2199');
  });

  const table: FormDefinition = {
    measure: 'TEST',
    version: 1,
    titleKey: 'x',
    sections: [
      {
        key: 's',
        titleKey: 's',
        items: [
          {
            kind: 'table',
            key: 'staff',
            labelKey: 'staff',
            maxRows: 3,
            minRows: 1,
            columns: [
              { kind: 'input', key: 'name', type: 'text', labelKey: 'n', required: true, maxLength: 5 },
              { kind: 'input', key: 'fte', type: 'fte', labelKey: 'f', required: true },
              { kind: 'input', key: 'period', type: 'period', labelKey: 'p' },
              { kind: 'input', key: 'cost', type: 'money', labelKey: 'c' },
            ],
            rowComputed: [{ key: 'half', type: 'money', labelKey: 'h', compute: (row) => (typeof row.cost === 'number' ? Math.round(row.cost / 2) : null) }],
            totals: ['cost', 'half'],
          },
        ],
      },
    ],
  };

  it('validates table rows cell by cell and totals the numeric columns', () => {
    const e = evaluate({
      definition: table,
      raw: {
        fields: {},
        tables: {
          staff: [
            { name: 'An', fte: '0,5', 'period.from': '01/01/2025', 'period.to': '31/12/2025', cost: '1.000,00' },
            { name: 'Jan Janssens', fte: '1,5', 'period.from': '31/12/2025', 'period.to': '01/01/2025', cost: '10,01' },
          ],
        },
      },
      refs: {},
      params: {},
      reportYear: 2025,
    });
    assert.deepEqual(
      e.issues.map((i) => [i.code, i.path]),
      [
        ['issue.text_too_long', 'staff.1.name'],
        ['issue.fte_range', 'staff.1.fte'],
        ['issue.period_order', 'staff.1.period'],
      ],
    );
    assert.deepEqual(e.tables.staff[0].period, { from: '2025-01-01', to: '2025-12-31' });
    assert.equal(e.tables.staff[0].fte, 50);
    assert.deepEqual(
      e.rowComputed.staff.map((r) => r.half),
      [50_000, 501],
    );
    assert.deepEqual(e.totals.staff, { cost: 101_001, half: 50_501 });
  });

  it('requires at least the minimum number of rows and refuses more than the maximum', () => {
    const none = evaluate({ definition: table, raw: { fields: {}, tables: {} }, refs: {}, params: {}, reportYear: 2025 });
    assert.deepEqual(
      none.issues.map((i) => i.code),
      ['issue.rows_missing'],
    );
    const many = evaluate({
      definition: table,
      raw: { fields: {}, tables: { staff: Array(4).fill({ name: 'a', fte: '1' }) } },
      refs: {},
      params: {},
      reportYear: 2025,
    });
    assert.ok(many.issues.some((i) => i.code === 'issue.too_many_rows'));
  });
});

describe('canonical content hash', () => {
  it('sorts keys, normalises strings to NFC and refuses non-integers', () => {
    assert.equal(canonicalJson({ b: 1, a: ['x', null, true] }), '{"a":["x",null,true],"b":1}');
    assert.equal(canonicalJson('Cafe\u0301'), canonicalJson('Café'));
    assert.throws(() => canonicalJson(1.5));
  });

  it('changes when any signed part changes', () => {
    const base = {
      measure: 'COVID_PREMIE',
      definitionVersion: 1,
      organisationKbo: '0212000131',
      payment: { iban: 'BE68539007547034', bic: 'GKCCBEBB' },
      reportYear: 2022,
      values: { justifiedTotal: 125000 },
      tables: {},
      refs: { advance: 0 },
    };
    const hash = contentHash(base);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(contentHash({ ...base, values: { justifiedTotal: 125000 } }), hash);
    for (const changed of [
      { ...base, values: { justifiedTotal: 125001 } },
      { ...base, definitionVersion: 2 },
      { ...base, organisationKbo: '0212000230' },
      { ...base, reportYear: 2023 },
      { ...base, refs: { advance: 1 } },
      { ...base, payment: { iban: 'BE71096123456769', bic: 'GKCCBEBB' } },
    ]) {
      assert.notEqual(contentHash(changed), hash);
    }
  });
});
