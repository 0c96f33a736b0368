import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.ts';
import { pageContext, serviceContext } from '../../platform/route-context.ts';
import { formBody, keysOf, oneOf } from '../../platform/schemas.ts';
import { sendPage } from '../../views/render.ts';
import { ocmwRoutes } from '../organisations/ocmw-scope.ts';
import { PostedText } from '../shared/posted-text.ts';
import { getNotificationAddress, saveNotificationAddress } from './ebox-settings.service.ts';
import { EboxSettingsPage } from './views/ebox-settings.view.tsx';

/** Messages after "Bewaren" (?m=): a closed list. */
const FLASH = {
  saved: 'ebox_settings.flash.saved',
  removed: 'ebox_settings.flash.removed',
  unchanged: 'ebox_settings.flash.unchanged',
} as const;

const AddressBody = formBody({ email: PostedText });

/** "Beheer e-Box" (EBX-5, portal.md §4.6): /ocmw/{kbo}/ebox-settings, the notification address, for the access managers. */
export async function eboxSettingsRoutes(app: FastifyInstance, deps: AppDeps) {
  await ocmwRoutes(app, deps, (scope) => ocmwEboxSettingsRoutes(scope, deps));
}

async function ocmwEboxSettingsRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/ebox-settings', { schema: { querystring: z.object({ m: oneOf(keysOf(FLASH)) }) } }, async (request, reply) => {
    const address = await getNotificationAddress(serviceContext(request, deps));
    const flash = request.query.m ? FLASH[request.query.m as keyof typeof FLASH] : undefined;
    return sendPage(reply, <EboxSettingsPage ctx={pageContext(request)} address={address} value={address?.email ?? ''} flash={flash} />);
  });

  // "Bewaren": back to the page with its message, or the page again with what was typed and the message next to it.
  app.post('/ebox-settings', { schema: { body: AddressBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const result = await saveNotificationAddress(ctx, request.body.email);
    if (result.kind !== 'invalid') return reply.redirect(`${request.ocmw?.base}/ebox-settings?m=${result.kind}`, 303);
    const address = await getNotificationAddress(ctx);
    return sendPage(reply, <EboxSettingsPage ctx={pageContext(request)} address={address} value={request.body.email} error={result.error} />, 422);
  });
}
