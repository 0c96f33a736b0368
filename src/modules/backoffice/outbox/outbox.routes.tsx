import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../access/access.ts';
import type { T } from '../../../i18n/i18n.ts';
import { createMailTransport } from '../../../jobs/mail-transport.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { sendPage } from '../../../views/render.ts';
import { outboxMessage, outboxOverview, retryFailedJob, sendDueNow } from './outbox.service.ts';
import { type OutboxFlash, OutboxPage } from './views/outbox.view.tsx';
import { OutboxMessagePage } from './views/outbox-message.view.tsx';

const BASE = '/backoffice/outbox';

function count(value: unknown): number {
  return typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : 0;
}

/** Messages after a redirect, by the code in ?m= (a closed list); counts come as numbers only. */
function flashOf(t: T, query: Record<string, unknown>): OutboxFlash | undefined {
  switch (query.m) {
    case 'sent':
      return {
        kind: count(query.failed) > 0 ? 'warning' : 'success',
        text: t('bo.outbox.flash_sent', { queued: count(query.queued), delivered: count(query.delivered), failed: count(query.failed) }),
      };
    case 'requeued':
      return { kind: 'success', text: t('bo.outbox.flash_requeued') };
    case 'not_failed':
      return { kind: 'info', text: t('bo.outbox.flash_not_failed') };
    default:
      return undefined;
  }
}

function param(request: FastifyRequest, name: string): unknown {
  return (request.params as Record<string, unknown>)[name];
}

/** The beheerder's outgoing e-mail (OutboxRead; the services check it). */
export async function outboxRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get(BASE, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const overview = await outboxOverview(serviceContext(request, deps), count(query.page) || 1);
    const ctx = pageContext(request);
    return sendPage(reply, <OutboxPage ctx={ctx} actor={request.actor as Actor} overview={overview} smtp={deps.config.smtpUrl !== undefined} flash={flashOf(ctx.t, query)} />);
  });

  app.post(`${BASE}/send-now`, async (request, reply) => {
    const transport = createMailTransport(deps.config);
    try {
      const result = await sendDueNow(serviceContext(request, deps), transport);
      return reply.redirect(`${BASE}?m=sent&queued=${result.queued}&delivered=${result.delivered}&failed=${result.failed}`, 303);
    } finally {
      if (transport.kind === 'smtp') transport.close();
    }
  });

  app.post(`${BASE}/jobs/:jobId/retry`, async (request, reply) => {
    const result = await retryFailedJob(serviceContext(request, deps), param(request, 'jobId'));
    return reply.redirect(`${BASE}?m=${result}`, 303);
  });

  app.get(`${BASE}/:messageId`, async (request, reply) => {
    const message = await outboxMessage(serviceContext(request, deps), param(request, 'messageId'));
    return sendPage(reply, <OutboxMessagePage ctx={pageContext(request)} actor={request.actor as Actor} message={message} />);
  });
}
