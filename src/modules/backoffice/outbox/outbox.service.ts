import { requireAccess } from '../../../access/access.ts';
import type { MailTransport } from '../../../jobs/mail-transport.ts';
import { runOutboxOnce } from '../../../jobs/outbox.worker.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { queueDueReminders } from '../../reminders/reminders.service.ts';
import { NotFound } from '../../shared/errors.ts';
import { countJobsByState, countMailMessages, findMailMessage, jobExists, listTroubledJobs, listMailMessages, requeueFailedJob } from './outbox.repository.ts';

/** Sent messages per page. */
export const PAGE_SIZE = 50;
/** Failed and retrying jobs listed (they are rare; the counts show them all). */
const FAILED_LIMIT = 100;
/** Jobs delivered by one "send now" click (SMTP is slower: a short request); the worker delivers the rest. */
const SEND_NOW_LIMIT = { local: 500, smtp: 20 };

/** The beheerder's view of outgoing e-mail: the queue's state, the failed jobs and one page of sent messages. */
export async function outboxOverview(ctx: ServiceContext, requestedPage: number) {
  requireAccess(ctx.actor, 'OutboxRead');
  const [counts, failed, total] = await Promise.all([countJobsByState(ctx.db), listTroubledJobs(ctx.db, FAILED_LIMIT), countMailMessages(ctx.db)]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const messages = await listMailMessages(ctx.db, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  return {
    counts,
    failed: failed.map((j) => ({
      id: j.id,
      failed: j.state === 'FAILED',
      to: j.to ?? '',
      subject: j.subject ?? '',
      attempts: j.attempts,
      lastError: j.last_error ?? '',
      nextAttempt: j.state === 'FAILED' ? null : new Date(j.run_after),
      createdAt: new Date(j.created_at),
    })),
    messages: messages.map((m) => ({ id: m.id, to: m.to_address, subject: m.subject, sentAt: new Date(m.sent_at) })),
    page,
    pages,
    total,
  };
}

export type { OutboxOverview } from './outbox.model.ts';

/** One sent message with its body; foreign, missing and malformed ids answer alike (404). */
export async function outboxMessage(ctx: ServiceContext, messageId: string) {
  requireAccess(ctx.actor, 'OutboxRead');
  const message = await findMailMessage(ctx.db, messageId);
  if (!message) throw new NotFound();
  return { id: message.id, to: message.to_address, subject: message.subject, body: message.body, sentAt: new Date(message.sent_at) };
}

/**
 * "Send due reminders now": the reminder scheduler, then one delivery pass — what the worker does on its next
 * tick. Idempotent: reminders already queued are not queued again, delivered jobs are not delivered again.
 */
export async function sendDueNow(ctx: ServiceContext, transport: MailTransport) {
  requireAccess(ctx.actor, 'OutboxRead');
  const reminders = await queueDueReminders(ctx.db, ctx.now, { publicUrl: ctx.publicUrl });
  const run = await runOutboxOnce({ db: ctx.db, transport, now: ctx.now, limit: SEND_NOW_LIMIT[transport.kind] });
  return { queued: reminders.queued, delivered: run.delivered, failed: run.failed + run.retried };
}

/** A failed job back in the queue (e.g. after the SMTP server was repaired). */
export async function retryFailedJob(ctx: ServiceContext, jobId: string): Promise<'requeued' | 'not_failed'> {
  requireAccess(ctx.actor, 'OutboxRead');
  if (await requeueFailedJob(ctx.db, jobId, ctx.now)) return 'requeued';
  if (!(await jobExists(ctx.db, jobId))) throw new NotFound();
  return 'not_failed';
}
