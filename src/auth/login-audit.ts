import { loadPodMiRights, PODMI_ORGANISATION_ID } from '../access/grants.repository.ts';
import { type AuditEventType, appendAudit } from '../audit/audit.ts';
import { type Db, withTransaction } from '../db/database.ts';
import { listChoosableOrganisations } from '../modules/organisations/organisations.repository.ts';

/**
 * A login or a logout is written in the audit trail of every OCMW the person holds rights in (their history shows
 * who came in, when, and how), and in POD MI's own chain for POD MI staff (portal.md §3.7: POD MI's access events
 * have a chain of their own). POD MI's reads of an OCMW's pages are written there one by one (PODMI_READ).
 */
export async function auditSessionEvent(
  db: Db,
  personId: string,
  type: Extract<AuditEventType, 'LOGGED_IN' | 'LOGGED_OUT'>,
  payload: Record<string, unknown>,
  at: Date,
) {
  const ocmws = (await listChoosableOrganisations(db, personId, at)).map((o) => o.id);
  const podmi = (await loadPodMiRights(db, personId, at)).length > 0 ? [PODMI_ORGANISATION_ID] : [];
  // In one order (by id), so that two events of the same person take the audit heads in the same order.
  const organisations = [...ocmws, ...podmi].sort((a, b) => a.localeCompare(b));
  await withTransaction(db, async (tx) => {
    for (const organisationId of organisations) {
      await appendAudit(tx, { organisationId, actorPersonId: personId, type, subjectId: organisationId, payload, at });
    }
  });
}

export function auditLogin(db: Db, personId: string, authMethod: string, at: Date): Promise<void> {
  return auditSessionEvent(db, personId, 'LOGGED_IN', { method: authMethod }, at);
}
