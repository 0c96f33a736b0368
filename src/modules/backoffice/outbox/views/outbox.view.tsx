import type { Actor } from '../../../../access/access.ts';
import { Notice, TableRegion } from '../../../../views/components.tsx';
import { formatDateTime } from '../../../../i18n/format.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { OutboxOverview } from '../outbox.model.ts';
import { Pager } from './pager.tsx';

export interface OutboxFlash {
  kind: 'success' | 'info' | 'warning';
  text: string;
}

function Queue({ ctx, counts }: { ctx: PageContext; counts: OutboxOverview['counts'] }) {
  const { t } = ctx;
  const rows: Array<[string, number]> = [
    [t('bo.outbox.state_pending'), counts.PENDING],
    [t('bo.outbox.state_failed'), counts.FAILED],
    [t('bo.outbox.state_done'), counts.DONE],
  ];
  return (
    <table class="data-table outbox-queue">
      <caption>{t('bo.outbox.queue_title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('bo.outbox.col_state')}</th>
          <th scope="col" class="num">
            {t('bo.outbox.col_count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, n]) => (
          <tr>
            <th scope="row">{label}</th>
            <td class="num">{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FailedJobs({ ctx, failed }: { ctx: PageContext; failed: OutboxOverview['failed'] }) {
  const { t } = ctx;
  if (failed.length === 0) return null;
  return (
    <section>
      <h2 id="outbox-failed">{t('bo.outbox.failed_title')}</h2>
      <TableRegion labelledBy="outbox-failed">
        <table class="data-table">
          <caption class="visually-hidden">{t('bo.outbox.failed_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bo.outbox.col_created')}</th>
              <th scope="col">{t('bo.outbox.col_to')}</th>
              <th scope="col">{t('bo.outbox.col_subject')}</th>
              <th scope="col" class="num">
                {t('bo.outbox.col_attempts')}
              </th>
              <th scope="col">{t('bo.outbox.col_error')}</th>
              <th scope="col">{t('bo.outbox.col_state')}</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((job) => (
              <tr>
                <td>{formatDateTime(job.createdAt, ctx.lang)}</td>
                <td>{job.to}</td>
                <td>{job.subject}</td>
                <td class="num">{job.attempts}</td>
                <td class="outbox-error">{job.lastError}</td>
                <td>
                  {job.nextAttempt ? (
                    t('bo.outbox.next_attempt', { time: formatDateTime(job.nextAttempt, ctx.lang) })
                  ) : (
                    <form method="post" action={`/backoffice/outbox/jobs/${job.id}/retry`} class="inline-form">
                      {t('bo.outbox.state_failed')}{' '}
                      <button type="submit" class="button button--secondary button--small">
                        {t('bo.outbox.retry')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function Messages({ ctx, overview }: { ctx: PageContext; overview: OutboxOverview }) {
  const { t } = ctx;
  const title = t('bo.outbox.messages_title');
  return (
    <section>
      <h2 id="outbox-messages">{title}</h2>
      {overview.messages.length === 0 ? (
        <p>{t('bo.outbox.messages_empty')}</p>
      ) : (
        <>
          <TableRegion labelledBy="outbox-messages">
            <table class="data-table">
              <caption class="visually-hidden">{`${title} — ${t('bo.outbox.page_of', { page: overview.page, pages: overview.pages })}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bo.outbox.col_sent')}</th>
                  <th scope="col">{t('bo.outbox.col_to')}</th>
                  <th scope="col">{t('bo.outbox.col_subject')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.messages.map((m) => (
                  <tr>
                    <td>{formatDateTime(m.sentAt, ctx.lang)}</td>
                    <td>{m.to}</td>
                    <td>
                      <a href={`/backoffice/outbox/${m.id}`}>{m.subject}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <Pager t={t} page={overview.page} pages={overview.pages} />
        </>
      )}
    </section>
  );
}

/** The beheerder's outgoing e-mail: queue state, failed jobs, "send due reminders now", sent messages. */
export function OutboxPage({
  ctx,
  actor,
  overview,
  smtp,
  flash,
}: {
  ctx: PageContext;
  actor: Actor;
  overview: OutboxOverview;
  smtp: boolean;
  flash?: OutboxFlash;
}) {
  const { t } = ctx;
  const title = t('bo.outbox.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="outbox" />
      <h1>{title}</h1>
      {flash && <Notice kind={flash.kind}>{flash.text}</Notice>}
      <p>{smtp ? t('bo.outbox.intro_smtp') : t('bo.outbox.intro_local')}</p>
      <Queue ctx={ctx} counts={overview.counts} />
      <form method="post" action="/backoffice/outbox/send-now" class="button-bar">
        <button type="submit" class="button" aria-describedby="outbox-send-now-hint">
          {t('bo.outbox.send_now')}
        </button>
        <span id="outbox-send-now-hint" class="field__hint">
          {t('bo.outbox.send_now_hint')}
        </span>
      </form>
      <FailedJobs ctx={ctx} failed={overview.failed} />
      <Messages ctx={ctx} overview={overview} />
    </Layout>
  );
}
