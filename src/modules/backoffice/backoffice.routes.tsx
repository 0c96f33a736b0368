import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccess } from '../../access/access.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { campaignRoutes } from './campaigns/campaigns.routes.tsx';
import { followUpRoutes } from './follow-up/follow-up.routes.tsx';
import { outboxRoutes } from './outbox/outbox.routes.tsx';
import { settlementRoutes } from './settlement/settlement.routes.tsx';

/** Anonymous visitors go to the login; everyone else needs the back office (OCMW users get the 403 page). */
export async function requireBackoffice(request: FastifyRequest, reply: FastifyReply) {
  if (!request.actor) return reply.redirect('/login', 303);
  requireAccess(request.actor, 'BackofficeRead');
}

/**
 * POD MI back office (issue 4): follow-up, campaigns, corrections, settlement, exports, outbox. Every route
 * needs BackofficeRead; the services check the finer permission (CampaignConfigure, FormReview, …) themselves.
 * Reference data has its own routes (modules/reference-data) under /backoffice/reference-data.
 */
export async function backofficeRoutes(app: FastifyInstance, deps: AppDeps) {
  // Before the routes' schemas are checked: the visitor logs in first, OCMW users get 403 whatever the URL (ADR 0027).
  app.addHook('preValidation', requireBackoffice);
  await followUpRoutes(app, deps);
  await campaignRoutes(app, deps);
  await settlementRoutes(app, deps);
  await outboxRoutes(app, deps);
}
