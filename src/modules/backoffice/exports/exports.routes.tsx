import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { PostedString, ReportYear, Uuid, firstValue } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { campaignCsv, campaignXlsx, exportsOverview } from './exports.service.ts';
import { ExportsPage } from './views/exports.view.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CampaignParams = z.object({ campaignId: Uuid });
/** The page's choice (a GET form): a report year and a measure; anything else is the default year, every measure. */
const OverviewQuery = z.object({
  year: ReportYear,
  measure: z
    .preprocess(firstValue, z.string().regex(/^[A-Z_]{1,40}$/))
    .optional()
    .catch(undefined),
});
/** The sheet to export as CSV (absent: the summary); a sheet the export does not have answers 404 (the service). */
const CsvQuery = z.object({ table: PostedString });

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`;
}

/** POD MI: exports of the submitted data of a measure and year (XLSX, CSV per sheet). */
export async function exportRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/backoffice/exports', { schema: { querystring: OverviewQuery } }, async (request, reply) => {
    const { year, measure } = request.query;
    const overview = await exportsOverview(serviceContext(request, deps), { year, measure: measure ?? null });
    return sendPage(reply, <ExportsPage ctx={pageContext(request)} actor={request.actor as Actor} overview={overview} />);
  });

  app.get('/backoffice/exports/:campaignId.xlsx', { schema: { params: CampaignParams } }, async (request, reply) => {
    const file = await campaignXlsx(serviceContext(request, deps), request.params.campaignId, request.t, request.lang);
    return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.content);
  });

  app.get('/backoffice/exports/:campaignId.csv', { schema: { params: CampaignParams, querystring: CsvQuery } }, async (request, reply) => {
    const file = await campaignCsv(serviceContext(request, deps), request.params.campaignId, request.query.table, request.t, request.lang);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(file.fileName)).send(file.content);
  });
}
