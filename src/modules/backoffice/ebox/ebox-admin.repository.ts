import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

export const ADMIN_PAGE_SIZE = 50;

/**
 * POD MI's view of what it published (portal.md §4.5): per message the recipient, type, subject, when, by which
 * application, and whether and when the organisation first read it — never who read it.
 */
export async function listPublished(db: Db, filter: { q?: string; type?: string; batchId?: string }, page: number) {
  let query = db
    .selectFrom('ebox_messages as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('ebox_reads as r', 'r.message_id', 'm.id');
  if (filter.q) {
    const digits = filter.q.replace(/\D/g, '');
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('o.name_nl')} ILIKE ${pattern}`,
        sql<boolean>`${eb.ref('o.name_fr')} ILIKE ${pattern}`,
        ...(digits.length >= 4 ? [eb('o.kbo', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  if (filter.type) query = query.where('m.message_type', '=', filter.type);
  if (filter.batchId) query = query.where('m.batch_id', '=', filter.batchId);
  const [rows, count] = await Promise.all([
    query
      .select([
        'm.id',
        'm.message_type',
        'm.subject_nl',
        'm.subject_fr',
        'm.subject_de',
        'm.period',
        'm.published_at',
        'm.sender_application',
        'm.files_deleted_at',
        'o.kbo',
        'o.name_nl',
        'o.name_fr',
        'o.name_de',
        'o.language',
        'o.administration_language',
        'r.first_read_at',
      ])
      .orderBy('m.published_at', 'desc')
      .orderBy('m.id')
      .limit(ADMIN_PAGE_SIZE)
      .offset((page - 1) * ADMIN_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** One published message with its files and first read (not the reader), for POD MI. */
export async function findPublished(db: Db, messageId: string) {
  const message = await db
    .selectFrom('ebox_messages as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('ebox_reads as r', 'r.message_id', 'm.id')
    .leftJoin('persons as p', 'p.id', 'm.published_by_person')
    .leftJoin('api_clients as c', 'c.id', 'm.published_by_client')
    .selectAll('m')
    .select([
      'o.kbo',
      'o.name_nl',
      'o.name_fr',
      'o.name_de',
      'o.language',
      'o.administration_language',
      'r.first_read_at',
      'p.first_name',
      'p.last_name',
      'c.name as client_name',
    ])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!message) return undefined;
  const files = await db
    .selectFrom('ebox_attachments')
    .select(['position', 'file_name', 'sha256', 'size_bytes', 'is_main'])
    .where('message_id', '=', messageId)
    .orderBy('position')
    .execute();
  const visit = await db.selectFrom('ebox_visits').select('last_visit_at').where('organisation_id', '=', message.organisation_id).executeTakeFirst();
  return { ...message, files: files.map((f) => ({ ...f, size_bytes: Number(f.size_bytes) })), lastVisitAt: visit?.last_visit_at ?? null };
}

/** OCMWs whose name matches (recipient search by name), at most `limit`. */
export async function ocmwsNamed(db: Db, text: string, limit: number) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('organisations')
    .select(['id', 'kbo', 'name_nl', 'name_fr'])
    .where('type', '=', 'OCMW')
    .where((eb) => eb.or([sql<boolean>`${eb.ref('name_nl')} ILIKE ${pattern}`, sql<boolean>`${eb.ref('name_fr')} ILIKE ${pattern}`]))
    .orderBy('name_nl')
    .limit(limit)
    .execute();
}

export async function insertBatch(
  db: Db,
  batch: { id: string; fileName: string; sha256: string; rowCount: number; state: 'PUBLISHING' | 'REFUSED'; by: string; at: Date; report?: unknown },
) {
  await db
    .insertInto('ebox_batches')
    .values({
      id: batch.id,
      file_name: batch.fileName,
      sha256: batch.sha256,
      row_count: batch.rowCount,
      state: batch.state,
      uploaded_by: batch.by,
      uploaded_at: batch.at,
      finished_at: batch.state === 'REFUSED' ? batch.at : null,
      report: JSON.stringify(batch.report ?? []),
    })
    .execute();
}

export async function finishBatch(db: Db, id: string, report: unknown, at: Date) {
  await db
    .updateTable('ebox_batches')
    .set({ state: 'DONE', finished_at: at, report: JSON.stringify(report) })
    .where('id', '=', id)
    .execute();
}

export async function findBatch(db: Db, id: string) {
  return db.selectFrom('ebox_batches').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listBatches(db: Db, limit: number) {
  return db
    .selectFrom('ebox_batches as b')
    .innerJoin('persons as p', 'p.id', 'b.uploaded_by')
    .select(['b.id', 'b.file_name', 'b.row_count', 'b.state', 'b.uploaded_at', 'b.finished_at', 'p.first_name', 'p.last_name'])
    .orderBy('b.uploaded_at', 'desc')
    .limit(limit)
    .execute();
}
