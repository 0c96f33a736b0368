import { appendAudit } from '../audit/audit.ts';
import { type Db, withTransaction } from '../db/database.ts';

/**
 * A login is written in the audit trail of every OCMW the person works for (their history shows who came in,
 * when, and how). POD MI staff have no OCMW of their own: their reads of an OCMW's pages are written there
 * one by one instead (PODMI_READ).
 */
export async function auditLogin(db: Db, personId: string, authMethod: string, at: Date): Promise<void> {
  const memberships = await db
    .selectFrom('memberships')
    .select('organisation_id')
    .distinct()
    .where('person_id', '=', personId)
    .orderBy('organisation_id')
    .execute();
  await withTransaction(db, async (tx) => {
    for (const m of memberships) {
      await appendAudit(tx, {
        organisationId: m.organisation_id,
        actorPersonId: personId,
        type: 'LOGGED_IN',
        subjectId: m.organisation_id,
        payload: { method: authMethod },
        at,
      });
    }
  });
}
