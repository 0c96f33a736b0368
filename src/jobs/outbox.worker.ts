import { z } from 'zod';
import { type Db, type Tx, withTransaction } from '../db/database.ts';
import { failpoint } from '../platform/failpoints.ts';
import { type MailTransport, messageIdFor } from './mail-transport.ts';
import {
  type ClaimedJob,
  type MailCopy,
  claimDueJob,
  claimDueJobs,
  insertMailMessages,
  leaseJob,
  markJobDone,
  markJobsDone,
  recordJobFailure,
} from './outbox.repository.ts';

/** After this many attempts a job is FAILED for good (the beheerder sees it with its last error). */
export const MAX_ATTEMPTS = 8;
/** Jobs the local outbox delivers per transaction. */
const LOCAL_BATCH = 50;
/** How long an SMTP send may take before another worker may try the job again (far above the SMTP timeouts). */
export const LEASE_MS = 5 * 60_000;

/** Wait before attempt n + 1: 5 minutes, doubling, at most 6 hours (8 attempts span about ten hours). */
export function retryDelayMs(attempts: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

const emailPayload = z.object({
  to: z
    .string()
    .regex(/^[^\s@<>]+@[^\s@<>]+$/)
    .max(320),
  subject: z.string().min(1).max(500),
  body: z.string().max(100_000),
});

class InvalidPayload extends Error {
  constructor() {
    super('invalid e-mail payload');
  }
}

function emailOf(job: ClaimedJob) {
  const parsed = emailPayload.safeParse(typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload);
  if (job.kind !== 'EMAIL' || !parsed.success) throw new InvalidPayload();
  return parsed.data;
}

/** A short, secret-free description of why a delivery failed (no credentials of a connection URL, one line). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return message
    .replace(/\/\/[^\s/@]*@/g, '//***@')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export type DeliveryOutcome = 'delivered' | 'retried' | 'failed';
export type OutboxRun = Record<DeliveryOutcome, number>;

async function failAttempt(db: Db | Tx, job: ClaimedJob, attempts: number, error: unknown, now: Date): Promise<DeliveryOutcome> {
  const last = attempts >= MAX_ATTEMPTS;
  await recordJobFailure(db, { jobId: job.id, attempts, error: describeError(error), retryAt: last ? null : new Date(now.getTime() + retryDelayMs(attempts)) });
  return last ? 'failed' : 'retried';
}

/**
 * Local outbox: a batch claimed, written to mail_messages and marked done in one transaction — exactly once. A
 * job whose payload is not a valid e-mail counts a failed attempt in the same transaction.
 */
async function deliverBatchLocally(db: Db, now: Date, size: number): Promise<OutboxRun | null> {
  return withTransaction(db, async (tx) => {
    const jobs = await claimDueJobs(tx, now, size);
    if (jobs.length === 0) return null;
    const run: OutboxRun = { delivered: 0, retried: 0, failed: 0 };
    const mails: MailCopy[] = [];
    for (const job of jobs) {
      try {
        mails.push({ jobId: job.id, ...emailOf(job) });
      } catch (error) {
        run[await failAttempt(tx, job, job.attempts + 1, error, now)]++;
      }
    }
    await insertMailMessages(tx, mails, now);
    await markJobsDone(
      tx,
      mails.map((m) => m.jobId),
      now,
    );
    failpoint('outbox:before-commit');
    run.delivered += mails.length;
    return run;
  });
}

/** One job alone (after a batch failed for a reason of the database): its failure is recorded after the rollback. */
async function deliverOneLocally(db: Db, now: Date): Promise<DeliveryOutcome | null> {
  let claimed: ClaimedJob | undefined;
  try {
    return await withTransaction(db, async (tx) => {
      claimed = await claimDueJob(tx, now);
      if (!claimed) return null;
      const email = emailOf(claimed);
      await insertMailMessages(tx, [{ jobId: claimed.id, ...email }], now);
      await markJobDone(tx, claimed.id, now, claimed.attempts + 1);
      return 'delivered';
    });
  } catch (error) {
    if (!claimed) throw error;
    return failAttempt(db, claimed, claimed.attempts + 1, error, now);
  }
}

async function localStep(db: Db, now: Date, size: number): Promise<OutboxRun | null> {
  try {
    return await deliverBatchLocally(db, now, Math.min(size, LOCAL_BATCH));
  } catch {
    const outcome = await deliverOneLocally(db, now);
    return outcome ? { delivered: 0, retried: 0, failed: 0, [outcome]: 1 } : null;
  }
}

/**
 * SMTP: claim and lease the job (commit), send without holding a transaction, then record it done. A crash
 * after the send sends it again once the lease ran out — at least once, with the same Message-ID.
 */
async function deliverOneBySmtp(db: Db, transport: Extract<MailTransport, { kind: 'smtp' }>, now: Date): Promise<DeliveryOutcome | null> {
  const claimed = await withTransaction(db, async (tx) => {
    const job = await claimDueJob(tx, now);
    if (!job) return null;
    // A job whose last lease ran out after its last attempt (the worker died while sending) is given up.
    if (job.attempts >= MAX_ATTEMPTS) {
      await recordJobFailure(tx, { jobId: job.id, attempts: job.attempts, error: 'no confirmation of the last attempt', retryAt: null });
      return { job, attempts: job.attempts, exhausted: true };
    }
    return { job, attempts: await leaseJob(tx, job.id, new Date(now.getTime() + LEASE_MS)), exhausted: false };
  });
  if (!claimed) return null;
  if (claimed.exhausted) return 'failed';
  const { job, attempts } = claimed;
  let email: z.infer<typeof emailPayload>;
  try {
    email = emailOf(job);
    await transport.send({ from: transport.from, to: email.to, subject: email.subject, text: email.body, messageId: messageIdFor(job.id, transport.from) });
  } catch (error) {
    return failAttempt(db, job, attempts, error, now);
  }
  await withTransaction(db, async (tx) => {
    await insertMailMessages(tx, [{ jobId: job.id, ...email }], now);
    await markJobDone(tx, job.id, now);
  });
  return 'delivered';
}

/**
 * Delivers due outbox jobs, at most `limit`: what a worker does on each tick. Safe to run in several processes
 * at once (jobs are claimed with FOR UPDATE SKIP LOCKED) and after a restart.
 */
export async function runOutboxOnce(input: { db: Db; transport: MailTransport; now: Date; limit?: number }): Promise<OutboxRun> {
  const limit = input.limit ?? 100;
  const run: OutboxRun = { delivered: 0, retried: 0, failed: 0 };
  const handled = () => run.delivered + run.retried + run.failed;
  while (handled() < limit) {
    let step: OutboxRun | null;
    if (input.transport.kind === 'local') {
      step = await localStep(input.db, input.now, limit - handled());
    } else {
      const outcome = await deliverOneBySmtp(input.db, input.transport, input.now);
      step = outcome ? { delivered: 0, retried: 0, failed: 0, [outcome]: 1 } : null;
    }
    if (!step) break;
    run.delivered += step.delivered;
    run.retried += step.retried;
    run.failed += step.failed;
  }
  return run;
}
