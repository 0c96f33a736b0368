import type { Db, Tx } from '../../db/database.ts';
import type { NotificationAddress } from './ebox-settings.model.ts';

/** The organisation's notification address with who saved it last; none when it has none. */
export async function findNotificationAddress(db: Db | Tx, organisationId: string): Promise<NotificationAddress | undefined> {
  const row = await db
    .selectFrom('ebox_notification_addresses as a')
    .innerJoin('persons as p', 'p.id', 'a.changed_by')
    .select(['a.email', 'a.changed_at', 'p.first_name', 'p.last_name'])
    .where('a.organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { email: row.email, changedAt: row.changed_at, changedBy: [row.first_name, row.last_name].filter(Boolean).join(' ') };
}

/** The address as it is now, locked for the transaction that changes it. */
export async function lockNotificationAddress(tx: Tx, organisationId: string): Promise<string | undefined> {
  const row = await tx.selectFrom('ebox_notification_addresses').select('email').where('organisation_id', '=', organisationId).forUpdate().executeTakeFirst();
  return row?.email;
}

export async function upsertNotificationAddress(tx: Tx, input: { organisationId: string; email: string; personId: string; at: Date }): Promise<void> {
  await tx
    .insertInto('ebox_notification_addresses')
    .values({ organisation_id: input.organisationId, email: input.email, changed_by: input.personId, changed_at: input.at })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ email: input.email, changed_by: input.personId, changed_at: input.at }))
    .execute();
}

export async function deleteNotificationAddress(tx: Tx, organisationId: string): Promise<void> {
  await tx.deleteFrom('ebox_notification_addresses').where('organisation_id', '=', organisationId).execute();
}
