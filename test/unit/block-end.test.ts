import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlockEnd } from '../../src/modules/access-management/block-end.ts';

describe('the last day of a block, as typed', () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it('lifts at the start of the next day in Brussels, typed either way', () => {
    assert.deepEqual(parseBlockEnd('31/12/2026', now), new Date('2026-12-31T23:00:00Z'));
    assert.deepEqual(parseBlockEnd('2026-12-31', now), new Date('2026-12-31T23:00:00Z'));
  });

  it('takes today (blocked for the rest of the day), refuses a day that is over and an impossible date', () => {
    assert.ok(parseBlockEnd('23/11/2026', now) instanceof Date);
    assert.equal(parseBlockEnd('22/11/2026', now), 'past');
    assert.equal(parseBlockEnd('2026-02-31', now), 'invalid');
    assert.equal(parseBlockEnd('morgen', now), 'invalid');
    assert.equal(parseBlockEnd('  ', now), null);
  });
});
