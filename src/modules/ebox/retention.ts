import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.ts';
import { type Db, withTransaction } from '../../db/database.ts';
import type { FileStore } from './files/file-store.ts';

/**
 * Retention (EBX-6, portal.md §4.7): once a message's validity has passed, its files are deleted and the message stays
 * as a tombstone (id, type, dates, read state, file names) for the audit. A file is stored once per SHA-256 and may
 * belong to several messages: its bytes go only when no attachment refers to it any more.
 */

/** Messages expired per run (the worker runs again while runs come back full). */
export const RETENTION_BATCH = 500;
/**
 * A file nobody refers to is removed only once it is this old: a file staged for a publication's preview is not
 * referred to yet. Files released by an expiry are older than any validity (at least a month).
 */
export const UNREFERENCED_GRACE_MS = 24 * 3_600_000;

export interface RetentionRun {
  /** messages whose files were deleted in this run */
  expired: number;
  /** stored files removed (no attachment refers to them any more) */
  filesRemoved: number;
  /** files that could not be removed this time (tried again on the next run) */
  failedFiles: number;
  /** the batch was full: more may be due */
  more: boolean;
}

/** Expired messages with their files, oldest expiry first (no user: across organisations). */
async function unsafeListExpired(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('ebox_messages')
    .select('id')
    .where('files_deleted_at', 'is', null)
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * One message expired in one transaction: locked and checked again (another run may have done it), its attachments'
 * hashes cleared, the tombstone dated, an event in the organisation's audit trail with the file names and hashes.
 * Returns the hashes released, or null when there was nothing to do.
 */
async function expireMessage(db: Db, messageId: string, now: Date): Promise<string[] | null> {
  return withTransaction(db, async (tx) => {
    const message = await tx
      .selectFrom('ebox_messages')
      .select(['id', 'organisation_id', 'message_type', 'published_at', 'expires_at'])
      .where('id', '=', messageId)
      .where('files_deleted_at', 'is', null)
      .where('expires_at', '<=', now)
      .forUpdate()
      .executeTakeFirst();
    if (!message) return null;
    const files = await tx
      .selectFrom('ebox_attachments')
      .select(['position', 'file_name', 'sha256'])
      .where('message_id', '=', messageId)
      .orderBy('position')
      .execute();
    await tx.updateTable('ebox_attachments').set({ sha256: null }).where('message_id', '=', messageId).execute();
    await tx.updateTable('ebox_messages').set({ files_deleted_at: now }).where('id', '=', messageId).execute();
    await appendAudit(tx, {
      organisationId: message.organisation_id,
      actorPersonId: null,
      type: 'EBOX_FILES_EXPIRED',
      subjectId: messageId,
      payload: {
        messageType: message.message_type,
        publishedAt: new Date(message.published_at).toISOString(),
        expiresAt: new Date(message.expires_at).toISOString(),
        files: files.map((f) => ({ position: f.position, name: f.file_name, sha256: f.sha256 })),
      },
      at: now,
    });
    return files.flatMap((f) => (f.sha256 ? [f.sha256] : []));
  });
}

/**
 * Stored files no attachment refers to, old enough not to be a preview's: those an expiry just released, and those a
 * run that stopped between its transactions and the store left behind (so a rerun finishes it).
 */
async function unsafeListUnreferencedFiles(db: Db, released: string[], before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('ebox_files as f')
    .select('f.sha256')
    .where((eb) => eb.or([eb('f.created_at', '<', before), ...(released.length > 0 ? [eb('f.sha256', 'in', released)] : [])]))
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM ebox_attachments a WHERE a.sha256 = f.sha256)`)
    .orderBy('f.sha256')
    .limit(limit)
    .execute();
  return rows.map((r) => r.sha256);
}

/**
 * The retention job (no user: run by the outbox worker). Up to `batch` messages whose validity has passed lose their
 * files (each in its own transaction, audited); then every stored file no attachment refers to any more is removed
 * from the store, after those transactions committed (FileStore.remove deletes the row, then the bytes). A file a
 * live message shares stays. Idempotent: a message done is not selected again; a file a crashed run did not remove
 * is found again (unreferenced) by the next run. A file referred to again meanwhile cannot be removed (the foreign
 * key refuses the row's deletion before any byte goes): it is skipped.
 */
export async function expireEboxFiles(db: Db, store: FileStore, now: Date, options: { batch?: number } = {}): Promise<RetentionRun> {
  const batch = options.batch ?? RETENTION_BATCH;
  const run: RetentionRun = { expired: 0, filesRemoved: 0, failedFiles: 0, more: false };
  const due = await unsafeListExpired(db, now, batch);
  run.more = due.length === batch;
  const released = new Set<string>();
  for (const { id } of due) {
    const hashes = await expireMessage(db, id, now);
    if (hashes === null) continue;
    run.expired++;
    for (const h of hashes) released.add(h);
  }
  const unreferenced = await unsafeListUnreferencedFiles(db, [...released], new Date(now.getTime() - UNREFERENCED_GRACE_MS), batch * 6);
  for (const sha256 of unreferenced) {
    try {
      await store.remove(db, sha256);
      run.filesRemoved++;
    } catch {
      run.failedFiles++;
    }
  }
  if (unreferenced.length === batch * 6) run.more = true;
  return run;
}
