import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { PositiveInt, oneOf } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { PostedText } from '../../shared/posted-text.ts';
import { type ConfigurationFilter, STATES, configurationFile, configurationList } from './configuration.service.ts';
import { ConfigurationListPage } from './views/configuration-list.view.tsx';
import { CONFIGURATION_BASE } from './views/configuration-href.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A text in the query: posted-text's rules, at most `max` characters. */
const QueryText = (max: number) => PostedText.transform((v) => v.slice(0, max).trim());

/** The list's query; the supplier is checked against the registry by the service (an unknown one is no filter). */
const ListQuery = z.object({
  q: QueryText(100),
  supplier: QueryText(20),
  state: oneOf(STATES),
  merged: oneOf(['1']),
  page: PositiveInt,
});

function filterOf(q: z.output<typeof ListQuery>): ConfigurationFilter {
  return { search: q.q, supplier: q.supplier || null, state: q.state ?? null, newMerged: q.merged === '1', page: q.page ?? 1 };
}

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`;
}

/**
 * POD MI reads every OCMW's configuration (issue 18): /backoffice/configuration and its export of the filtered list
 * (.csv, .xlsx). Behind the back office's guard (BackofficeRead); the service also checks OcmwConfigRead.
 */
export async function configurationRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get(CONFIGURATION_BASE, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const list = await configurationList(serviceContext(request, deps), filterOf(request.query), request.lang);
    return sendPage(reply, <ConfigurationListPage ctx={pageContext(request)} actor={request.actor as Actor} list={list} />);
  });

  app.get(`${CONFIGURATION_BASE}.csv`, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const { fileName, content } = await configurationFile(serviceContext(request, deps), filterOf(request.query), 'csv', request.t, request.lang);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(fileName)).send(content);
  });

  app.get(`${CONFIGURATION_BASE}.xlsx`, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const { fileName, content } = await configurationFile(serviceContext(request, deps), filterOf(request.query), 'xlsx', request.t, request.lang);
    return reply.type(XLSX).header('content-disposition', attachment(fileName)).send(content);
  });
}
