import type { Config } from './config/config.ts';
import type { Db } from './db/database.ts';
import { queueDueReminders } from './modules/reminders/reminders.service.ts';
import { mailBaseUrl } from './config/config.ts';
import type { Clock } from './platform/clock.ts';
import { createMailTransport } from './jobs/mail-transport.ts';
import { runOutboxOnce } from './jobs/outbox.worker.ts';
import { queueEboxDigests } from './modules/ebox/digest.ts';
import { expireEboxFiles } from './modules/ebox/retention.ts';
import { fileStoreOf } from './modules/ebox/store-of.ts';

/** The reminder scheduler is cheap and idempotent, but once a minute is plenty. */
export const REMINDER_INTERVAL_MS = 60_000;
/** The e-Box digest is looked at once a minute: from 02:00 Brussels time it sends the night's digests, once each. */
export const EBOX_DIGEST_INTERVAL_MS = 60_000;
/** The e-Box's retention (expired files deleted) runs every quarter of an hour, batch after batch while there is more. */
export const EBOX_RETENTION_INTERVAL_MS = 15 * 60_000;
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
 * Polls the outbox in this process: every `outboxPollMs` the reminder scheduler (at most once a minute), the e-Box's
 * nightly digest (looked at once a minute, due from 02:00 Brussels time) and retention (every quarter of an hour), and
 * then the delivery of due jobs. Passes never overlap; an error is logged and the next pass tries again (jobs
 * stay in the database, so nothing is lost when the process dies).
 */
export function startOutboxWorker(deps: { db: Db; config: Config; clock: Clock; log: Log }): OutboxWorker {
  const transport = createMailTransport(deps.config);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let lastReminders = Number.NEGATIVE_INFINITY;
  let lastDigest = Number.NEGATIVE_INFINITY;
  let lastRetention = Number.NEGATIVE_INFINITY;

  /** The e-Box's jobs (issue 16): their failure is logged and does not hold up the delivery of mails. */
  async function eboxJobs(now: Date): Promise<void> {
    if (now.getTime() - lastDigest >= EBOX_DIGEST_INTERVAL_MS) {
      lastDigest = now.getTime();
      try {
        const digests = await queueEboxDigests(deps.db, now, { publicUrl: mailBaseUrl(deps.config) });
        if (digests.organisations > 0 || digests.failedOrganisations > 0) deps.log.info({ digests }, 'e-Box digests');
      } catch (error) {
        deps.log.error({ err: error }, 'e-Box digests failed');
      }
    }
    if (now.getTime() - lastRetention >= EBOX_RETENTION_INTERVAL_MS) {
      lastRetention = now.getTime();
      try {
        for (;;) {
          const retention = await expireEboxFiles(deps.db, fileStoreOf(deps.config), deps.clock.now());
          if (retention.expired > 0 || retention.filesRemoved > 0 || retention.failedFiles > 0) deps.log.info({ retention }, 'e-Box retention');
          if (!retention.more || stopped) break;
        }
      } catch (error) {
        deps.log.error({ err: error }, 'e-Box retention failed');
      }
    }
  }

  async function pass(): Promise<void> {
    const now = deps.clock.now();
    if (now.getTime() - lastReminders >= REMINDER_INTERVAL_MS) {
      lastReminders = now.getTime();
      const reminders = await queueDueReminders(deps.db, now, { publicUrl: mailBaseUrl(deps.config) });
      if (reminders.queued > 0 || reminders.failedOcmws > 0) deps.log.info({ reminders }, 'reminders queued');
    }
    await eboxJobs(now);
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
