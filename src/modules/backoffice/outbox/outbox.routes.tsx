import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../access/access.ts';
import type { T } from '../../../i18n/i18n.ts';
import { createMailTransport } from '../../../jobs/mail-transport.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { Uuid, firstValue, oneOf } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { outboxMessage, outboxOverview, retryFailedJob, sendDueNow } from './outbox.service.ts';
import { type OutboxFlash, OutboxPage } from './views/outbox.view.tsx';
import { OutboxMessagePage } from './views/outbox-message.view.tsx';

const BASE = '/backoffice/outbox';

/** A count in the query (a page, the counts of a flash): up to 7 digits, anything else 0. */
const Count = z
  .preprocess(
    firstValue,
    z
      .string()
      .regex(/^\d{1,7}$/)
      .transform(Number),
  )
  .catch(0);
const OverviewQuery = z.object({ page: Count, m: oneOf(['sent', 'requeued', 'not_failed']), queued: Count, delivered: Count, failed: Count });
const JobParams = z.object({ jobId: Uuid });
const MessageParams = z.object({ messageId: Uuid });

/** Messages after a redirect, by the code in ?m= (a closed list); counts come as numbers only. */
function flashOf(t: T, query: z.output<typeof OverviewQuery>): OutboxFlash | undefined {
  switch (query.m) {
    case 'sent':
      return {
        kind: query.failed > 0 ? 'warning' : 'success',
        text: t('bo.outbox.flash_sent', { queued: query.queued, delivered: query.delivered, failed: query.failed }),
      };
    case 'requeued':
      return { kind: 'success', text: t('bo.outbox.flash_requeued') };
    case 'not_failed':
      return { kind: 'info', text: t('bo.outbox.flash_not_failed') };
    default:
      return undefined;
  }
}

/** The beheerder's outgoing e-mail (OutboxRead; the services check it). */
export async function outboxRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(BASE, { schema: { querystring: OverviewQuery } }, async (request, reply) => {
    const query = request.query;
    const overview = await outboxOverview(serviceContext(request, deps), query.page || 1);
    const ctx = pageContext(request);
    return sendPage(
      reply,
      <OutboxPage ctx={ctx} actor={request.actor as Actor} overview={overview} smtp={deps.config.smtpUrl !== undefined} flash={flashOf(ctx.t, query)} />,
    );
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

  app.post(`${BASE}/jobs/:jobId/retry`, { schema: { params: JobParams } }, async (request, reply) => {
    const result = await retryFailedJob(serviceContext(request, deps), request.params.jobId);
    return reply.redirect(`${BASE}?m=${result}`, 303);
  });

  app.get(`${BASE}/:messageId`, { schema: { params: MessageParams } }, async (request, reply) => {
    const message = await outboxMessage(serviceContext(request, deps), request.params.messageId);
    return sendPage(reply, <OutboxMessagePage ctx={pageContext(request)} actor={request.actor as Actor} message={message} />);
  });
}
