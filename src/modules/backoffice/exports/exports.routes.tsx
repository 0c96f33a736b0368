import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { sendPage } from '../../../views/render.ts';
import { campaignCsv, campaignXlsx, exportsOverview } from './exports.service.ts';
import { ExportsPage } from './views/exports.view.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function campaignIdOf(request: FastifyRequest): unknown {
  return (request.params as { campaignId?: string }).campaignId;
}

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`;
}

/** POD MI: exports of the submitted data of a measure and year (XLSX, CSV per sheet). */
export async function exportRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/backoffice/exports', async (request, reply) => {
    const campaigns = await exportsOverview(serviceContext(request, deps));
    return sendPage(reply, <ExportsPage ctx={pageContext(request)} actor={request.actor as Actor} campaigns={campaigns} />);
  });

  app.get('/backoffice/exports/:campaignId.xlsx', async (request, reply) => {
    const file = await campaignXlsx(serviceContext(request, deps), campaignIdOf(request), request.t, request.lang);
    return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.content);
  });

  app.get('/backoffice/exports/:campaignId.csv', async (request, reply) => {
    const table = (request.query as Record<string, unknown>).table;
    const file = await campaignCsv(serviceContext(request, deps), campaignIdOf(request), table, request.t, request.lang);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(file.fileName)).send(file.content);
  });
}
