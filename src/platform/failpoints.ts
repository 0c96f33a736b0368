/**
 * Named failure points for the crash-consistency suite (issue 5, test/reliability/crash-consistency.test.ts).
 *
 * Unarmed — always, unless the FAILPOINTS setting names some — a failure point costs one Map lookup. Armed, the
 * n-th time the process passes it (`name@n`, default the first) it reports `FAILPOINT <name>` on stderr and freezes
 * the whole process (event loop included, so no timer, worker pass or open transaction moves on) until the test
 * kills it with SIGKILL. Should nobody do so within a minute, it kills itself the same way: a failure point never
 * lets the process go on after it fired.
 */
import { writeSync } from 'node:fs';

export const FAILPOINTS = [
  /** the submission's transaction has written everything (signature, snapshot, audit, receipt job) but not committed */
  'submission:before-commit',
  /** the submission committed; its receipt e-mail waits in the outbox, no worker has seen it */
  'submission:after-commit',
  /** a PDF is being written (its first bytes produced): settlement letters, inside the settlement's transaction */
  'pdf:writing',
  /** the local outbox wrote the messages of a batch and marked it done, not committed */
  'outbox:before-commit',
  /** a bulk e-Box publication wrote one row's message (files, message, audit), not committed */
  'ebox:bulk-row-before-commit',
] as const;

export type FailpointName = (typeof FAILPOINTS)[number];

const FREEZE_MS = 60_000;
const armed = new Map<string, number>();

/** Arms the failure points of the configuration (`name` or `name@n`); an unknown name is a configuration error. */
export function armFailpoints(specs: readonly string[]): void {
  armed.clear();
  for (const spec of specs) {
    const [name, nth = '1'] = spec.split('@');
    const n = Number.parseInt(nth, 10);
    if (!(FAILPOINTS as readonly string[]).includes(name) || !(n >= 1)) throw new Error(`Unknown failure point: ${spec}`);
    armed.set(name, n);
  }
}

export function failpoint(name: FailpointName): void {
  const left = armed.get(name);
  if (left === undefined) return;
  if (left > 1) {
    armed.set(name, left - 1);
    return;
  }
  writeSync(2, `FAILPOINT ${name}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, FREEZE_MS);
  process.kill(process.pid, 'SIGKILL');
}
