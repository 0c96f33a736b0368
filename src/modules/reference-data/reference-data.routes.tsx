import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccess } from '../../access/access.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { isUuid, pageContext, serviceContext } from '../../platform/route-context.ts';
import { sendPage } from '../../views/render.ts';
import { NotFound } from '../shared/errors.ts';
import {
  commitReferenceImport,
  discardReferenceImport,
  getReferenceImport,
  referenceDataOverview,
  stageReferenceImport,
} from './reference-data.service.ts';
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

/** Anonymous visitors go to the login; everyone else needs the permission (OCMW users get the 403 page). */
async function requireReferenceDataAccess(request: FastifyRequest, reply: FastifyReply) {
  if (!request.actor) return reply.redirect('/login', 303);
  requireAccess(request.actor, 'ReferenceDataLoad');
}

function importIdOf(request: FastifyRequest): string {
  const id = (request.params as { importId?: string }).importId;
  if (!isUuid(id)) throw new NotFound();
  return id;
}

/** POD MI back office: load reference values per OCMW × campaign from a CSV or XLSX file. */
export async function referenceDataRoutes(app: FastifyInstance, deps: AppDeps) {
  app.addHook('preHandler', requireReferenceDataAccess);

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

  app.get(`${BASE}/:importId`, async (request, reply) => {
    const detail = await getReferenceImport(serviceContext(request, deps), importIdOf(request));
    const m = (request.query as Record<string, unknown>).m;
    return sendPage(reply, <ReferenceImportPage ctx={pageContext(request)} detail={detail} flash={typeof m === 'string' ? FLASHES[m] : undefined} />);
  });

  app.post(`${BASE}/:importId/commit`, async (request, reply) => {
    const importId = importIdOf(request);
    const result = await commitReferenceImport(serviceContext(request, deps), importId);
    return reply.redirect(`${BASE}/${importId}?m=${result}`, 303);
  });

  app.post(`${BASE}/:importId/discard`, async (request, reply) => {
    const importId = importIdOf(request);
    const result = await discardReferenceImport(serviceContext(request, deps), importId);
    return reply.redirect(`${BASE}/${importId}?m=${result}`, 303);
  });
}
