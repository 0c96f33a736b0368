import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { openFromDatabase } from './database-store.ts';
import { assertContent, assertSha256, type FileStore, FileNotFoundError, fileRow, insertOutsideRow } from './file-store.ts';

/** Where a hash lives under the directory: two levels of fan-out (ab/cd/abcd…) keep every folder small. */
export function diskPath(directory: string, sha256: string): string {
  return path.join(directory, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Flushes a directory's entries (the rename of a new file) to disk; some systems cannot open a directory: no harm. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/**
 * Writes the bytes to a temporary file beside their final name, flushes it, then renames it into place: a reader never
 * sees half a file, and a crash leaves at most a temporary file.
 */
async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  const folder = path.dirname(target);
  await mkdir(folder, { recursive: true });
  const temporary = path.join(folder, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o640);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, target);
  await syncDirectory(folder);
}

/** Files in a directory (EBOX_STORE=disk), named by their hash; the row in `ebox_files` carries the metadata. */
export function diskFileStore(directory: string): FileStore {
  const root = path.resolve(directory);
  return {
    kind: 'disk',
    async put(tx, sha256, bytes, now) {
      assertContent(sha256, bytes);
      if (await fileRow(tx, sha256)) return;
      const target = diskPath(root, sha256);
      const existing = await stat(target).catch(() => undefined);
      if (existing?.size !== bytes.length) await writeAtomically(target, bytes);
      await insertOutsideRow(tx, 'disk', sha256, bytes.length, now);
    },
    async open(db, sha256) {
      assertSha256(sha256);
      const row = await fileRow(db, sha256);
      if (!row) throw new FileNotFoundError(sha256);
      if (row.store === 'database') return (await openFromDatabase(db, sha256)) ?? Promise.reject(new FileNotFoundError(sha256));
      if (row.store !== 'disk') throw new FileNotFoundError(sha256, `kept in the ${row.store} store, not on disk`);
      const file = diskPath(root, sha256);
      const found = await stat(file).catch(() => undefined);
      if (!found?.isFile()) throw new FileNotFoundError(sha256, 'its bytes are missing from the disk store');
      return { size: found.size, stream: createReadStream(file) };
    },
    async remove(db, sha256) {
      assertSha256(sha256);
      await db.deleteFrom('ebox_files').where('sha256', '=', sha256).execute();
      await rm(diskPath(root, sha256), { force: true });
    },
  };
}
