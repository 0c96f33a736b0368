import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { SubmittedSnapshot } from '../../../db/types.ts';

/**
 * Back office: reads the submitted forms of a campaign across OCMWs on purpose (POD MI's exports, behind
 * BackofficeRead), a batch at a time (keyset on the form id: stable, no OFFSET).
 */
export async function unsafeListSubmittedFormsBatch(db: Db, campaignId: string, afterId: string | null, limit: number) {
  let query = db
    .selectFrom('form_instances as f')
    .innerJoin('organisations as o', 'o.id', 'f.organisation_id')
    .select([
      'f.id',
      'f.definition_version',
      'f.input',
      'f.submitted_snapshot',
      'f.submitted_at',
      'f.review_state',
      'o.kbo',
      'o.nis',
      'o.name_nl',
      'o.name_fr',
      'o.name_de',
      sql<Array<{
        role: string;
        name: string;
      }> | null>`(SELECT json_agg(json_build_object('role', s.role, 'name', p.first_name || ' ' || p.last_name) ORDER BY s.signed_at)
        FROM signatures s JOIN persons p ON p.id = s.person_id WHERE s.form_instance_id = f.id)`.as('signers'),
    ])
    .where('f.campaign_id', '=', campaignId)
    .where('f.submitted_at', 'is not', null)
    .orderBy('f.id')
    .limit(limit);
  if (afterId) query = query.where('f.id', '>', afterId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, snapshot: r.submitted_snapshot as SubmittedSnapshot | null }));
}

export type SubmittedFormRow = Awaited<ReturnType<typeof unsafeListSubmittedFormsBatch>>[number];

/** How many forms of each campaign were submitted (the exports page). */
export async function unsafeCountSubmitted(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('form_instances')
    .select(['campaign_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('submitted_at', 'is not', null)
    .groupBy('campaign_id')
    .execute();
  return new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));
}
