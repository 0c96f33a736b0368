import { requireAccess } from '../access/access.ts';
import { type ServiceContext, currentOrganisationId } from '../access/service-context.ts';
import { listAuditForSubject, verifyAuditChain } from './audit.ts';

/**
 * The audit events of one subject (a form instance or the OCMW itself) of the actor's OCMW, with the result
 * of verifying the OCMW's whole chain. Scoped to the OCMW of the session: a foreign subject has no events.
 */
export async function subjectHistory(ctx: ServiceContext, subjectId: string) {
  requireAccess(ctx.actor, 'FormRead');
  const organisationId = currentOrganisationId(ctx);
  const [events, chain] = await Promise.all([listAuditForSubject(ctx.db, organisationId, subjectId), verifyAuditChain(ctx.db, organisationId)]);
  return {
    chain,
    events: events.map((e) => ({
      occurredAt: new Date(e.occurred_at),
      type: e.type,
      actor: `${e.first_name ?? ''} ${e.last_name ?? ''}`.trim(),
      payload: e.payload as Record<string, unknown>,
    })),
  };
}
