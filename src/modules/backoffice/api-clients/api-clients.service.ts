import { randomUUID } from 'node:crypto';
import { requireAccess } from '../../../access/access.ts';
import { PODMI_ORGANISATION_ID } from '../../../access/grants.repository.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { appendAudit } from '../../../audit/audit.ts';
import { withTransaction } from '../../../db/database.ts';
import { NotFound } from '../../shared/errors.ts';
import { type ApiClientErrors, type ApiClientValues, validateApiClient } from './api-client-input.ts';
import type { ApiClientRow } from './api-clients.model.ts';
import { clientIdTaken, insertApiClient, listApiClients, revokeApiClientRow } from './api-clients.repository.ts';

/** The API's clients (issue 16): every POD MI staff member reads the list; only the beheerder registers and revokes. */
export async function apiClientList(ctx: ServiceContext): Promise<ApiClientRow[]> {
  requireAccess(ctx.actor, 'BackofficeRead');
  return listApiClients(ctx.db);
}

export async function apiClient(ctx: ServiceContext, id: string): Promise<ApiClientRow> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const [row] = await listApiClients(ctx.db, id);
  if (!row) throw new NotFound();
  return row;
}

/** "Registreren": the form checked (every field at once), then the client stored and audited in POD MI's chain. */
export async function registerApiClient(
  ctx: ServiceContext,
  values: ApiClientValues,
): Promise<{ kind: 'invalid'; errors: ApiClientErrors } | { kind: 'registered'; id: string }> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const result = await validateApiClient(values);
  if (result.kind === 'invalid') {
    if (!result.errors.clientId && values.clientId.trim() !== '' && (await clientIdTaken(ctx.db, values.clientId.trim())))
      result.errors.clientId = 'client_id_taken';
    return result;
  }
  const { record } = result;
  const id = randomUUID();
  const registered = await withTransaction(ctx.db, async (tx) => {
    if (await clientIdTaken(tx, record.clientId)) return false;
    await insertApiClient(tx, id, record, ctx.actor.personId, ctx.now);
    await appendAudit(tx, {
      organisationId: PODMI_ORGANISATION_ID,
      actorPersonId: ctx.actor.personId,
      type: 'API_CLIENT_REGISTERED',
      subjectId: id,
      payload: {
        clientId: record.clientId,
        name: record.name,
        senderApplication: record.senderApplication,
        scopes: record.scopes,
        language: record.language,
        ...(record.jwks ? { keys: record.jwks.keys.map((k) => k.kid) } : { jwksUri: record.jwksUri }),
      },
      at: ctx.now,
    });
    return true;
  });
  if (!registered) return { kind: 'invalid', errors: { clientId: 'client_id_taken' } };
  return { kind: 'registered', id };
}

/** "Intrekken", confirmed: the client gets no token any more and its tokens stop at once. */
export async function revokeApiClient(ctx: ServiceContext, id: string): Promise<'revoked' | 'already_revoked'> {
  const client = await apiClient(ctx, id);
  return withTransaction(ctx.db, async (tx) => {
    if (!(await revokeApiClientRow(tx, id, ctx.actor.personId, ctx.now))) return 'already_revoked';
    await appendAudit(tx, {
      organisationId: PODMI_ORGANISATION_ID,
      actorPersonId: ctx.actor.personId,
      type: 'API_CLIENT_REVOKED',
      subjectId: id,
      payload: { clientId: client.clientId, name: client.name },
      at: ctx.now,
    });
    return 'revoked';
  });
}
