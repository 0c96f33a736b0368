import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { podmiGuard } from '../../access/podmi-guard.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { pageContext, serviceContext } from '../../platform/route-context.ts';
import { Uuid, keysOf, oneOf } from '../../platform/schemas.ts';
import { sendPage } from '../../views/render.ts';
import { commitReferenceImport, discardReferenceImport, getReferenceImport, referenceDataOverview, stageReferenceImport } from './reference-data.service.ts';
import { readReferenceUpload } from './upload.ts';
import { type Flash, ReferenceImportPage } from './views/reference-import.view.tsx';
import { ReferenceDataPage } from './views/reference-data.view.tsx';

const BASE = '/backoffice/reference-data';

/** Messages after a redirect, by the code in ?m=: a closed list. */
const FLASHES: Record<string, Flash> = {
  committed: { key: 'refdata.flash.committed', kind: 'success' },
  discarded: { key: 'refdata.flash.discarded', kind: 'info' },
  not_staged: { key: 'refdata.flash.not_staged', kind: 'warning' },
  has_problems: { key: 'refdata.flash.has_problems', kind: 'warning' },
  settled: { key: 'refdata.flash.settled', kind: 'warning' },
};

const ImportParams = z.object({ importId: Uuid });
const FlashQuery = z.object({ m: oneOf(keysOf(FLASHES)) });

/** POD MI back office: load reference values per OCMW × campaign from a CSV or XLSX file. */
export async function referenceDataRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  // Before the schemas are checked: whatever the URL says, the visitor logs in first and needs the permission.
  app.addHook('preValidation', podmiGuard(deps, 'ReferenceDataLoad'));

  app.get(BASE, async (request, reply) => {
    const overview = await referenceDataOverview(serviceContext(request, deps));
    return sendPage(reply, <ReferenceDataPage ctx={pageContext(request)} {...overview} selectedCampaignId="" errors={{}} />);
  });

  app.post(BASE, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const upload = await readReferenceUpload(request);
    const result = await stageReferenceImport(ctx, upload);
    if (result.kind === 'staged') return reply.redirect(`${BASE}/${result.importId}`, 303);
    const overview = await referenceDataOverview(ctx);
    return sendPage(reply, <ReferenceDataPage ctx={pageContext(request)} {...overview} selectedCampaignId={upload.campaignId} errors={result.errors} />, 422);
  });

  app.get(`${BASE}/:importId`, { schema: { params: ImportParams, querystring: FlashQuery } }, async (request, reply) => {
    const detail = await getReferenceImport(serviceContext(request, deps), request.params.importId);
    const { m } = request.query;
    return sendPage(reply, <ReferenceImportPage ctx={pageContext(request)} detail={detail} flash={m ? FLASHES[m] : undefined} />);
  });

  app.post(`${BASE}/:importId/commit`, { schema: { params: ImportParams } }, async (request, reply) => {
    const { importId } = request.params;
    const result = await commitReferenceImport(serviceContext(request, deps), importId);
    return reply.redirect(`${BASE}/${importId}?m=${result}`, 303);
  });

  app.post(`${BASE}/:importId/discard`, { schema: { params: ImportParams } }, async (request, reply) => {
    const { importId } = request.params;
    const result = await discardReferenceImport(serviceContext(request, deps), importId);
    return reply.redirect(`${BASE}/${importId}?m=${result}`, 303);
  });
}
