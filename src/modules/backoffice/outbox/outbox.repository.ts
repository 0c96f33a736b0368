import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { OutboxJobState } from '../../../db/types.ts';

/** Back office: the outbox belongs to no OCMW; these reads span all OCMWs and are for the beheerder only. */

export async function countJobsByState(db: Db): Promise<Record<OutboxJobState, number>> {
  const rows = await db
    .selectFrom('outbox_jobs')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('state')
    .execute();
  const counts: Record<OutboxJobState, number> = { PENDING: 0, DONE: 0, FAILED: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

/** Jobs given up on or waiting for a new attempt after an error, most recent first, with their last error. */
export async function listTroubledJobs(db: Db, limit: number) {
  return db
    .selectFrom('outbox_jobs')
    .select([
      'id',
      'state',
      'attempts',
      'last_error',
      'run_after',
      'created_at',
      sql<string | null>`payload->>'to'`.as('to'),
      sql<string | null>`payload->>'subject'`.as('subject'),
    ])
    .where((eb) => eb.or([eb('state', '=', 'FAILED'), eb.and([eb('state', '=', 'PENDING'), eb('last_error', 'is not', null)])]))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A failed job back in the queue, due now, with fresh attempts; false when it is not (or no longer) FAILED. */
export async function requeueFailedJob(db: Db, jobId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox_jobs')
    .set({ state: 'PENDING', attempts: 0, run_after: now })
    .where('id', '=', jobId)
    .where('state', '=', 'FAILED')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function jobExists(db: Db, jobId: string): Promise<boolean> {
  return (await db.selectFrom('outbox_jobs').select('id').where('id', '=', jobId).executeTakeFirst()) !== undefined;
}

export async function countMailMessages(db: Db): Promise<number> {
  const row = await db
    .selectFrom('mail_messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of sent messages, newest first. */
export async function listMailMessages(db: Db, offset: number, limit: number) {
  return db
    .selectFrom('mail_messages')
    .select(['id', 'to_address', 'subject', 'sent_at'])
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function findMailMessage(db: Db, messageId: string) {
  return db.selectFrom('mail_messages').select(['id', 'to_address', 'subject', 'body', 'sent_at']).where('id', '=', messageId).executeTakeFirst();
}
