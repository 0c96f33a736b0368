import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormDefinition, Issue } from '../../src/modules/forms/definition.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';
import type { RawInput } from '../../src/modules/forms/field-types.ts';
import { inPageOrder } from '../../src/modules/forms/issue-order.ts';
import { formParts, nextPart } from '../../src/modules/reports/part-states.ts';

/** A long form of three parts: a required amount, an optional staff table, a summary without inputs. */
const definition: FormDefinition = {
  measure: 'TEST',
  version: 1,
  titleKey: 'x',
  paged: true,
  sections: [
    {
      key: 'first',
      titleKey: 'first',
      items: [
        { kind: 'input', key: 'amount', type: 'money', labelKey: 'a', required: true },
        { kind: 'input', key: 'note', type: 'text', labelKey: 'n', maxLength: 5 },
      ],
    },
    {
      key: 'second',
      titleKey: 'second',
      items: [
        {
          kind: 'table',
          key: 'staff',
          labelKey: 'staff',
          maxRows: 10,
          columns: [
            { kind: 'input', key: 'name', type: 'text', labelKey: 'n', required: true, maxLength: 5 },
            { kind: 'input', key: 'fte', type: 'fte', labelKey: 'f', required: true },
          ],
        },
      ],
    },
    { key: 'summary', titleKey: 'summary', items: [{ kind: 'computed', key: 'total', type: 'money', labelKey: 't', compute: () => 0 }] },
  ],
};

function states(raw: RawInput, savedParts: string[] = ['first', 'second']) {
  const evaluation = evaluate({ definition, raw, refs: {}, params: {}, reportYear: 2025 });
  return formParts(definition, raw, evaluation, savedParts).map((p) => [p.section.key, p.state]);
}

describe('the task list of a long form (issue 14, item 4)', () => {
  it('lists only the parts the OCMW types in, each "not started" on a form never saved', () => {
    assert.deepEqual(states({ fields: {}, tables: {} }, []), [
      ['first', { kind: 'not_started' }],
      ['second', { kind: 'not_started' }],
    ]);
  });

  it('calls a part with nothing required and nothing typed completed once that part was saved, one with a required value not started', () => {
    assert.deepEqual(states({ fields: {}, tables: {} }), [
      ['first', { kind: 'not_started' }],
      ['second', { kind: 'completed' }],
    ]);
    assert.deepEqual(states({ fields: {}, tables: {} }, ['first'])[1], ['second', { kind: 'not_started' }], 'the other part was never saved');
    assert.deepEqual(states({ fields: {}, tables: {} }, ['*'])[1], ['second', { kind: 'completed' }], 'the whole form was saved at once');
  });

  it('says "in progress" while only required values are missing, "errors (n)" when a typed value is refused, "completed" when none is left', () => {
    assert.deepEqual(states({ fields: { note: 'ok' }, tables: { staff: [{ name: 'An', fte: '' }] } }), [
      ['first', { kind: 'in_progress', errors: 1 }],
      ['second', { kind: 'in_progress', errors: 1 }],
    ]);
    assert.deepEqual(states({ fields: { amount: 'veel', note: 'te lang' }, tables: { staff: [{ name: 'An', fte: '0,5' }] } }), [
      ['first', { kind: 'errors', errors: 2 }],
      ['second', { kind: 'completed' }],
    ]);
    assert.deepEqual(states({ fields: { amount: '1.000,00' }, tables: {} })[0], ['first', { kind: 'completed' }]);
  });

  it('leads "Opslaan en verder" to the next part the OCMW types in, and nowhere after the last', () => {
    assert.equal(nextPart(definition, 'first'), 'second');
    assert.equal(nextPart(definition, 'second'), undefined, 'the summary is no part to edit');
    assert.equal(nextPart(definition, 'nonsense'), undefined);
  });
});

describe('the error summary in the order of the page (issue 14, item 4)', () => {
  it('puts whole-form issues first, then fields and cells in the order they stand on the page', () => {
    const issue = (path: string): Issue => ({ code: 'c', severity: 'error', path });
    const ordered = inPageOrder(definition, [issue('staff.1.name'), issue('staff.0.fte'), issue('amount'), issue(''), issue('staff.0.name'), issue('note')]);
    assert.deepEqual(
      ordered.map((i) => i.path),
      ['', 'amount', 'note', 'staff.0.name', 'staff.0.fte', 'staff.1.name'],
    );
  });
});
