import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';

/**
 * The outbox belongs to no OCMW: these queries read and write jobs of every OCMW (the worker and the
 * beheerder's outbox screen), never on behalf of an OCMW user.
 */

export type ClaimedJob = Awaited<ReturnType<typeof claimDueJobs>>[number];

/**
 * The oldest due PENDING job, locked for this transaction; jobs locked by another worker are skipped
 * (FOR UPDATE SKIP LOCKED), so two workers never hold the same job.
 */
export async function claimDueJob(tx: Tx, now: Date): Promise<ClaimedJob | undefined> {
  const [job] = await claimDueJobs(tx, now, 1);
  return job;
}

/** Up to `limit` due PENDING jobs, oldest first, locked for this transaction, skipping those another worker holds. */
export async function claimDueJobs(tx: Tx, now: Date, limit: number) {
  return tx
    .selectFrom('outbox_jobs')
    .select(['id', 'kind', 'payload', 'attempts', 'run_after'])
    .where('state', '=', 'PENDING')
    .where('run_after', '<=', now)
    .orderBy('run_after')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Done (with the attempt counted, if not leased before): only a job still pending changes. */
export async function markJobDone(db: Db | Tx, jobId: string, now: Date, attempts?: number): Promise<boolean> {
  const result = await db
    .updateTable('outbox_jobs')
    .set({ state: 'DONE', done_at: now, last_error: null, ...(attempts === undefined ? {} : { attempts }) })
    .where('id', '=', jobId)
    .where('state', '=', 'PENDING')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts an attempt and leases the job: no other worker takes it before `until` (a crashed send is retried then). */
export async function leaseJob(tx: Tx, jobId: string, until: Date): Promise<number> {
  const row = await tx
    .updateTable('outbox_jobs')
    .set({ attempts: sql`attempts + 1`, run_after: until })
    .where('id', '=', jobId)
    .where('state', '=', 'PENDING')
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

/** A failed attempt: retried after `retryAt`, or FAILED for good when no attempt is left. */
export async function recordJobFailure(db: Db | Tx, input: { jobId: string; attempts: number; error: string; retryAt: Date | null }): Promise<void> {
  await db
    .updateTable('outbox_jobs')
    .set({
      attempts: input.attempts,
      last_error: input.error,
      state: input.retryAt ? 'PENDING' : 'FAILED',
      ...(input.retryAt ? { run_after: input.retryAt } : {}),
    })
    .where('id', '=', input.jobId)
    .where('state', '=', 'PENDING')
    .execute();
}

/** Several jobs done at once (local delivery of a batch), each attempt counted. */
export async function markJobsDone(tx: Tx, jobIds: string[], now: Date): Promise<void> {
  if (jobIds.length === 0) return;
  await tx
    .updateTable('outbox_jobs')
    .set({ state: 'DONE', done_at: now, last_error: null, attempts: sql`attempts + 1` })
    .where('id', 'in', jobIds)
    .where('state', '=', 'PENDING')
    .execute();
}

export interface MailCopy {
  jobId: string;
  to: string;
  subject: string;
  body: string;
}

/** The copy of sent e-mail (the local outbox; with SMTP the record of what went out). Once per job. */
export async function insertMailMessages(tx: Tx, mails: MailCopy[], now: Date): Promise<void> {
  if (mails.length === 0) return;
  await tx
    .insertInto('mail_messages')
    .values(mails.map((m) => ({ id: randomUUID(), job_id: m.jobId, to_address: m.to, subject: m.subject, body: m.body, sent_at: now })))
    .onConflict((oc) => oc.column('job_id').doNothing())
    .execute();
}
