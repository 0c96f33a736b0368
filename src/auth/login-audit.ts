import { appendAudit } from '../audit/audit.ts';
import { type Db, withTransaction } from '../db/database.ts';
import { listChoosableOrganisations } from '../modules/organisations/organisations.repository.ts';

/**
 * A login is written in the audit trail of every OCMW the person works for (their history shows who came in,
 * when, and how). POD MI staff have no OCMW of their own: their reads of an OCMW's pages are written there
 * one by one instead (PODMI_READ).
 */
export async function auditLogin(db: Db, personId: string, authMethod: string, at: Date): Promise<void> {
  // In one order (by id), so that two logins of the same person take the OCMWs' audit heads in the same order.
  const organisations = (await listChoosableOrganisations(db, personId, at)).sort((a, b) => a.id.localeCompare(b.id));
  await withTransaction(db, async (tx) => {
    for (const o of organisations) {
      await appendAudit(tx, {
        organisationId: o.id,
        actorPersonId: personId,
        type: 'LOGGED_IN',
        subjectId: o.id,
        payload: { method: authMethod },
        at,
      });
    }
  });
}
