import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { psaV1 } from '../../src/modules/forms/definitions/psa.ts';
import { issueLink } from '../../src/modules/reports/form-links.ts';

const BASE = '/ocmw/0212000131/forms/c';

describe('where a message of the summary leads (issue 14, item 6)', () => {
  it('leads a computed figure of a long form (the settlement) to the form page, never to a part that does not exist', () => {
    assert.equal(issueLink(BASE, psaV1, 'settlementToReclaim', { kind: 'edit', part: 'partA' }), `${BASE}#field-settlementToReclaim`);
    assert.equal(issueLink(BASE, psaV1, 'settlementToReclaim', { kind: 'view', canEdit: true }), undefined, 'on the form page: the anchor there');
  });

  it('leads a typed field to the edit page of its part', () => {
    assert.equal(issueLink(BASE, psaV1, 'staffA.0.lastName', { kind: 'edit', part: 'partB' }), `${BASE}/edit?part=partA#field-staffA-0-lastName`);
    assert.equal(issueLink(BASE, psaV1, 'staffA.0.lastName', { kind: 'edit', part: 'partA' }), undefined, 'already on that part');
    assert.equal(issueLink(BASE, psaV1, 'staffA.0.lastName', { kind: 'view', canEdit: false }), '#row-staffA-0');
  });
});
