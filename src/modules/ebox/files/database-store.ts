import { Readable } from 'node:stream';
import type { Db, Tx } from '../../../db/database.ts';
import { assertContent, assertSha256, type FileStore, FileNotFoundError, type StoredFile } from './file-store.ts';

/**
 * Reads a file kept in its `ebox_files` row (store 'database'). Shared by every store: files put while the embedded
 * default was configured stay readable after a switch to disk or S3.
 */
export async function openFromDatabase(db: Tx | Db, sha256: string): Promise<StoredFile | undefined> {
  const row = await db
    .selectFrom('ebox_files')
    .select(['size_bytes', 'content'])
    .where('sha256', '=', sha256)
    .where('store', '=', 'database')
    .executeTakeFirst();
  if (!row?.content) return undefined;
  const content = row.content;
  return { size: content.length, stream: Readable.from([content], { objectMode: false }) };
}

/** The embedded default: the bytes in the `ebox_files` row itself, in the caller's transaction. */
export function databaseFileStore(): FileStore {
  return {
    kind: 'database',
    async put(tx, sha256, bytes, now) {
      assertContent(sha256, bytes);
      await tx
        .insertInto('ebox_files')
        .values({ sha256, size_bytes: bytes.length, store: 'database', content: bytes, created_at: now })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    },
    async open(db, sha256) {
      assertSha256(sha256);
      const file = await openFromDatabase(db, sha256);
      if (!file) throw new FileNotFoundError(sha256, 'not in the database store');
      return file;
    },
    async remove(db, sha256) {
      assertSha256(sha256);
      await db.deleteFrom('ebox_files').where('sha256', '=', sha256).execute();
    },
  };
}
