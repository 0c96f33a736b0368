import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, requireAccess } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { PostedId, Uuid, formBody, keysOf, oneOf } from '../../../platform/schemas.ts';
import { NotFound } from '../../shared/errors.ts';
import { sendPage } from '../../../views/render.ts';
import { PostedText, text } from '../../shared/posted-text.ts';
import { EMPTY_API_CLIENT, type ApiClientValues } from './api-client-input.ts';
import { apiClient, apiClientList, registerApiClient, revokeApiClient } from './api-clients.service.ts';
import { ApiClientFormPage, ApiClientsPage, type Flash, RevokeApiClientPage } from './views/api-clients.view.tsx';

const BASE = '/backoffice/api-clients';

/** Messages after a redirect, by the code in ?m=: a closed list. */
const FLASHES: Record<string, Flash> = {
  registered: { kind: 'success', key: 'bo.api_clients.flash.registered' },
  revoked: { kind: 'success', key: 'bo.api_clients.flash.revoked' },
  already_revoked: { kind: 'info', key: 'bo.api_clients.flash.already_revoked' },
};
const FlashQuery = z.object({ m: oneOf(keysOf(FLASHES)) });
/** The client to revoke, by its registration id (a query and a hidden field: no path parameter). */
const ClientQuery = z.object({ client: Uuid });
const RevokeBody = formBody({ client: PostedId });
/** The ticked checkboxes: one value per ticked box (none: absent). */
const PostedList = z
  .unknown()
  .optional()
  .transform((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).slice(0, 20).map(text));
const RegisterBody = formBody({
  name: PostedText,
  clientId: PostedText,
  senderApplication: PostedText,
  scopes: PostedList,
  language: PostedText,
  publicKey: PostedText,
  jwksUri: PostedText,
});

/**
 * The API's clients in the back office (issue 16, item 3): /backoffice/api-clients. Every POD MI staff member reads
 * the list (the back office's guard, BackofficeRead); only the beheerder (AccessAdminister) registers and revokes a
 * client: a scope of its own refuses anyone else with 403 before the schemas, and the services check again.
 */
export async function apiClientRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const actorOf = (request: FastifyRequest) => request.actor as Actor;

  app.get(BASE, { schema: { querystring: FlashQuery } }, async (request, reply) => {
    const clients = await apiClientList(serviceContext(request, deps));
    const { m } = request.query;
    return sendPage(reply, <ApiClientsPage ctx={pageContext(request)} actor={actorOf(request)} clients={clients} flash={m ? FLASHES[m] : undefined} />);
  });

  await scope.register(async (adminScope) => {
    adminScope.addHook('preValidation', async (request: FastifyRequest) => {
      if (request.actor) requireAccess(request.actor, 'AccessAdminister');
    });
    const admin = adminScope.withTypeProvider<ZodTypeProvider>();

    admin.get(`${BASE}/new`, async (request, reply) =>
      sendPage(reply, <ApiClientFormPage ctx={pageContext(request)} actor={actorOf(request)} values={EMPTY_API_CLIENT} errors={{}} />),
    );

    // "Registreren": the list with its message, or the form again with every error next to its field and nothing lost.
    admin.post(`${BASE}/new`, { schema: { body: RegisterBody } }, async (request, reply) => {
      const values: ApiClientValues = { ...request.body };
      const result = await registerApiClient(serviceContext(request, deps), values);
      if (result.kind === 'registered') return reply.redirect(`${BASE}?m=registered`, 303);
      return sendPage(reply, <ApiClientFormPage ctx={pageContext(request)} actor={actorOf(request)} values={values} errors={result.errors} />, 422);
    });

    admin.get(`${BASE}/revoke`, { schema: { querystring: ClientQuery } }, async (request, reply) => {
      const client = await apiClient(serviceContext(request, deps), request.query.client);
      return sendPage(reply, <RevokeApiClientPage ctx={pageContext(request)} actor={actorOf(request)} client={client} />);
    });

    admin.post(`${BASE}/revoke`, { schema: { body: RevokeBody } }, async (request, reply) => {
      const id = request.body.client;
      if (!id) throw new NotFound();
      const result = await revokeApiClient(serviceContext(request, deps), id);
      return reply.redirect(`${BASE}?m=${result}`, 303);
    });
  });
}
