import { eboxAdminRoutes } from './ebox/ebox-admin.routes.tsx';
import type { FastifyInstance } from 'fastify';
import { podmiGuard } from '../../access/podmi-guard.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { accessAdminRoutes } from './access-admin/access-admin.routes.tsx';
import { apiClientRoutes } from './api-clients/api-clients.routes.tsx';
import { campaignRoutes } from './campaigns/campaigns.routes.tsx';
import { configurationRoutes } from './configuration/configuration.routes.tsx';
import { eboxTypeRoutes } from './ebox-types/ebox-types.routes.tsx';
import { mergerRoutes } from './mergers/mergers.routes.tsx';
import { registryRoutes } from './registry/registry.routes.tsx';
import { followUpRoutes } from './follow-up/follow-up.routes.tsx';
import { outboxRoutes } from './outbox/outbox.routes.tsx';
import { settlementRoutes } from './settlement/settlement.routes.tsx';

/**
 * POD MI back office (issue 4): follow-up, campaigns, corrections, settlement, exports, outbox. Every route
 * needs BackofficeRead; the services check the finer permission (CampaignConfigure, FormReview, …) themselves.
 * Reference data has its own routes (modules/reference-data) under /backoffice/reference-data.
 */
export async function backofficeRoutes(app: FastifyInstance, deps: AppDeps) {
  // Before the routes' schemas are checked: the visitor logs in first, OCMW users get 403 whatever the URL (ADR 0027).
  app.addHook('preValidation', podmiGuard(deps, 'BackofficeRead'));
  await followUpRoutes(app, deps);
  await campaignRoutes(app, deps);
  await settlementRoutes(app, deps);
  await eboxAdminRoutes(app, deps);
  await outboxRoutes(app, deps);
  // The organisation registry and the mergers (issue 13): read by all POD MI staff, changed by the beheerder.
  await registryRoutes(app, deps);
  await mergerRoutes(app, deps);
  // Every OCMW's configuration (issue 18), read by POD MI staff holding OcmwConfigRead, with its export.
  await configurationRoutes(app, deps);
  // POD MI's access management (the beheerder only): a scope of its own adds its permission check.
  await app.register(async (scope) => accessAdminRoutes(scope, deps));
  // The API's clients (issue 16): read by all POD MI staff, registered and revoked by the beheerder.
  await app.register(async (scope) => apiClientRoutes(scope, deps));
  // The validity of the e-Box's document types (issue 16): read by all POD MI staff, changed by the beheerder.
  await eboxTypeRoutes(app, deps);
}
