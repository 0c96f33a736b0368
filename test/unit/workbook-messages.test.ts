import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../src/i18n/i18n.ts';
import { cellValue } from '../../src/modules/reports/workbook.service.ts';
import { problemMessages } from '../../src/modules/reports/views/entry-mode.tsx';

describe('workbook messages people can act on (issue 14, item 8)', () => {
  it('names the measures of a workbook of another measure, never their codes', () => {
    const [message] = problemMessages(translator('nl'), 'nl', [
      { kind: 'file', error: { code: 'workbook.error.wrong_measure', params: { expected: 'PSA', found: 'GPMI' } } },
    ]);
    assert.ok(message.includes(translator('nl')('measure.GPMI')), message);
    assert.ok(message.includes(translator('nl')('measure.PSA')), message);
    assert.doesNotMatch(message, /: GPMI\.|maatregel PSA/, 'no code where the name belongs');
  });

  it('quotes the value found in the cell, a period as its two dates', () => {
    const tables: Record<string, Array<Record<string, string>>> = { staff: [{ fte: '1,5', 'period.from': '01/01/2026', 'period.to': '' }, { fte: ' ' }] };
    assert.equal(cellValue(tables, 'staff.0.fte'), '1,5');
    assert.equal(cellValue(tables, 'staff.0.period'), '01/01/2026');
    assert.equal(cellValue(tables, 'staff.1.fte'), undefined, 'an empty cell is not quoted');
    assert.equal(cellValue(tables, 'staff.0'), undefined, 'a whole row is no cell');
    const [message] = problemMessages(translator('fr'), 'fr', [
      { kind: 'row', at: null, issue: { code: 'issue.fte_range', severity: 'error', path: 'staff.0.fte' }, found: '1,5' },
    ]);
    assert.match(message, /valeur trouvée : « 1,5 »/);
  });
});
