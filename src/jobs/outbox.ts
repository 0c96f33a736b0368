import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/database.ts';

/** An e-mail to send after the transaction that caused it commits. */
export interface EmailJob {
  to: string;
  subject: string;
  body: string;
}

/**
 * Queues an e-mail in the caller's transaction (outbox pattern): it is sent only if the cause commits, and
 * exactly once per dedupe key (a second enqueue with the same key does nothing). Returns whether it was queued.
 */
export async function enqueueEmail(tx: Tx, input: { dedupeKey: string; email: EmailJob; now: Date }): Promise<boolean> {
  const result = await tx
    .insertInto('outbox_jobs')
    .values({
      id: randomUUID(),
      kind: 'EMAIL',
      dedupe_key: input.dedupeKey,
      payload: JSON.stringify(input.email),
      state: 'PENDING',
      run_after: input.now,
      last_error: null,
      created_at: input.now,
      done_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
