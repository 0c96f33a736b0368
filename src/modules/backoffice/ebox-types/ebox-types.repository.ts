import type { Db, Tx } from '../../../db/database.ts';
import type { EboxTypeRow } from './ebox-types.model.ts';

/** The e-Box's document types in POD MI's order, with who changed their validity last. */
export async function listEboxTypes(db: Db | Tx): Promise<EboxTypeRow[]> {
  const rows = await db
    .selectFrom('ebox_message_types as t')
    .leftJoin('persons as p', 'p.id', 't.changed_by')
    .select(['t.code', 't.legislations', 't.validity_months', 't.changed_at', 'p.first_name', 'p.last_name'])
    .orderBy('t.position')
    .orderBy('t.code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    legislations: r.legislations,
    validityMonths: r.validity_months,
    changedAt: r.changed_at,
    changedBy: r.first_name || r.last_name ? [r.first_name, r.last_name].filter(Boolean).join(' ') : null,
  }));
}

/** The validities as they are now, locked for the transaction that changes them. */
export async function lockValidities(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx.selectFrom('ebox_message_types').select(['code', 'validity_months']).forUpdate().execute();
  return new Map(rows.map((r) => [r.code, r.validity_months]));
}

export async function updateValidity(tx: Tx, input: { code: string; months: number; personId: string; at: Date }): Promise<void> {
  await tx
    .updateTable('ebox_message_types')
    .set({ validity_months: input.months, changed_by: input.personId, changed_at: input.at })
    .where('code', '=', input.code)
    .execute();
}
