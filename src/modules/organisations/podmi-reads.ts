import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../access/access.ts';
import { appendAudit } from '../../audit/audit.ts';
import { withTransaction } from '../../db/database.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { Uuid } from '../../platform/schemas.ts';
import { findCampaign } from '../campaigns/campaigns.repository.ts';

/** Which page of an OCMW was read, by the route pattern after /ocmw/:kbo (history-details.ts says it in words). */
const PAGES: Record<string, string> = {
  '': 'home',
  '/': 'home',
  '/details': 'details',
  '/details/history': 'details_history',
  '/ebox': 'ebox',
  '/ebox/:documentId': 'ebox_document',
  '/ebox/:documentId/files/:position': 'ebox_document',
  '/documents': 'ebox',
  '/documents/:documentId': 'ebox_document',
  '/forms/:campaignId': 'form',
  '/forms/:campaignId/edit': 'form_edit',
  '/forms/:campaignId/pdf': 'form_pdf',
  '/forms/:campaignId/history': 'form_history',
  '/forms/:campaignId/workbook': 'form_template',
  '/forms/:campaignId/workbook/file': 'form_workbook',
  '/forms/:campaignId/entry-mode': 'form_entry_mode',
};

/**
 * POD MI staff may read every page of an OCMW (drafts with national numbers, the e-Box, kept workbooks): each
 * such read is written in that OCMW's audit trail, which the OCMW reads under the history of its data — which
 * page, and for a form which measure and year. The path is kept without its query string (nothing typed is stored).
 */
export async function logPodMiRead(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor, organisationId: string, request: FastifyRequest): Promise<void> {
  const path = request.url.split('?')[0].slice(0, 300);
  const route = (request.routeOptions.url ?? '').replace(/^\/ocmw\/:kbo/, '');
  // Logged before the route's schemas run (ocmw-scope's preValidation): the campaign id is checked here.
  const campaignId = Uuid.safeParse((request.params as { campaignId?: unknown }).campaignId);
  const campaign = campaignId.success ? await findCampaign(deps.db, campaignId.data) : undefined;
  const payload = {
    path,
    method: request.method,
    page: PAGES[route] ?? 'other',
    ...(campaign ? { measure: campaign.measure, year: campaign.report_year } : {}),
  };
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, { organisationId, actorPersonId: actor.personId, type: 'PODMI_READ', subjectId: organisationId, payload, at: deps.clock.now() }),
  );
}
