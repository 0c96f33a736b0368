import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { armFailpoints, failpoint } from '../../src/platform/failpoints.ts';

/** The failure points of the crash suite (their freeze and SIGKILL are proven there, on a real server process). */
describe('failure points', () => {
  afterEach(() => armFailpoints([]));

  it('refuses unknown names and counts below one, so a typo in FAILPOINTS stops the start', () => {
    assert.throws(() => armFailpoints(['submission.befor-commit']), /Unknown failure point: submission.befor-commit/);
    assert.throws(() => armFailpoints(['pdf:writing@0']), /Unknown failure point/);
    assert.throws(() => armFailpoints(['pdf:writing@x']), /Unknown failure point/);
  });

  it('does nothing unarmed, and lets an armed point pass n - 1 times', () => {
    failpoint('submission:before-commit');
    armFailpoints(['pdf:writing@3', 'outbox:before-commit@2']);
    failpoint('pdf:writing');
    failpoint('pdf:writing');
    failpoint('outbox:before-commit');
    failpoint('submission:after-commit');
    // a third pdf:writing or a second outbox:before-commit would freeze this process: not called here
  });
});
