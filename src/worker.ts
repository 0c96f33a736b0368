import type { Config } from './config/config.ts';
import type { Db } from './db/database.ts';
import { queueDueReminders } from './modules/reminders/reminders.service.ts';
import { mailBaseUrl } from './config/config.ts';
import type { Clock } from './platform/clock.ts';
import { createMailTransport } from './jobs/mail-transport.ts';
import { runOutboxOnce } from './jobs/outbox.worker.ts';

/** The reminder scheduler is cheap and idempotent, but once a minute is plenty. */
export const REMINDER_INTERVAL_MS = 60_000;
/**
 * Jobs per pass; the worker keeps passing while passes come back full. SMTP passes are short so that the moment
 * a lease is computed from stays close to the real time.
 */
const BATCH = { local: 100, smtp: 10 };

interface Log {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OutboxWorker {
  /** Finishes the pass in progress, then stops; no new pass starts. */
  stop(): Promise<void>;
}

/**
 * Polls the outbox in this process: every `outboxPollMs` the reminder scheduler (at most once a minute) and
 * then the delivery of due jobs. Passes never overlap; an error is logged and the next pass tries again (jobs
 * stay in the database, so nothing is lost when the process dies).
 */
export function startOutboxWorker(deps: { db: Db; config: Config; clock: Clock; log: Log }): OutboxWorker {
  const transport = createMailTransport(deps.config);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let lastReminders = Number.NEGATIVE_INFINITY;

  async function pass(): Promise<void> {
    const now = deps.clock.now();
    if (now.getTime() - lastReminders >= REMINDER_INTERVAL_MS) {
      lastReminders = now.getTime();
      const reminders = await queueDueReminders(deps.db, now, { publicUrl: mailBaseUrl(deps.config) });
      if (reminders.queued > 0 || reminders.failedOcmws > 0) deps.log.info({ reminders }, 'reminders queued');
    }
    const limit = BATCH[transport.kind];
    for (;;) {
      const run = await runOutboxOnce({ db: deps.db, transport, now: deps.clock.now(), limit });
      const handled = run.delivered + run.retried + run.failed;
      if (handled > 0) deps.log.info({ outbox: run }, 'outbox pass');
      if (handled < limit || stopped) break;
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      current = pass()
        .catch((error: unknown) => deps.log.error({ err: error }, 'outbox pass failed'))
        .finally(schedule);
    }, deps.config.outboxPollMs);
    timer.unref();
  }

  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
      if (transport.kind === 'smtp') transport.close();
    },
  };
}
