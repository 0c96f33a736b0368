import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db, Tx } from '../../../db/database.ts';

export type FileStoreKind = 'database' | 'disk' | 's3';

/** An e-Box file's bytes, ready to stream: never read whole by the store (the database store excepted: a bytea). */
export interface StoredFile {
  size: number;
  stream: Readable;
}

/**
 * Where the e-Box's files live (issue 16, item 6): stored once by SHA-256. The `ebox_files` row is always written, in
 * the caller's transaction; the disk and S3 stores write the bytes outside first, then the row, so a row never points
 * at missing bytes (a rolled-back transaction at worst leaves bytes nobody points at).
 */
export interface FileStore {
  readonly kind: FileStoreKind;
  /** Stores the bytes under their SHA-256 (checked); a hash already known is left as it is. */
  put(tx: Tx | Db, sha256: string, bytes: Buffer, now: Date): Promise<void>;
  /** Opens a stored file for streaming; throws FileNotFoundError for an unknown hash or missing bytes. */
  open(db: Tx | Db, sha256: string): Promise<StoredFile>;
  /** Deletes the row, then the bytes (a row never outlives its bytes); an unknown hash is no error. */
  remove(db: Tx | Db, sha256: string): Promise<void>;
}

/** No file with that hash (or its bytes are gone from the store). */
export class FileNotFoundError extends Error {
  constructor(
    readonly sha256: string,
    detail = 'no such file',
  ) {
    super(`e-Box file ${sha256}: ${detail}`);
    this.name = 'FileNotFoundError';
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The lowercase hexadecimal SHA-256 of some bytes: a file's identity in the e-Box. */
export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A hash given by a caller is only used after this (it becomes a path on disk and a key in S3). */
export function assertSha256(sha256: string): void {
  if (!SHA256.test(sha256)) throw new FileNotFoundError(String(sha256).slice(0, 80), 'not a SHA-256');
}

/** put()'s preconditions: a well-formed hash that is the bytes' own, and bytes at all. */
export function assertContent(sha256: string, bytes: Buffer): void {
  if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${String(sha256).slice(0, 80)}`);
  if (bytes.length === 0) throw new Error('An e-Box file cannot be empty');
  if (sha256Of(bytes) !== sha256) throw new Error(`The bytes do not have the SHA-256 ${sha256}`);
}

/** The metadata row of a file, if any. */
export function fileRow(db: Tx | Db, sha256: string) {
  return db.selectFrom('ebox_files').select(['sha256', 'size_bytes', 'store']).where('sha256', '=', sha256).executeTakeFirst();
}

/** Writes the metadata row of bytes stored outside the database; a concurrent writer of the same hash wins quietly. */
export async function insertOutsideRow(db: Tx | Db, kind: 'disk' | 's3', sha256: string, size: number, now: Date): Promise<void> {
  await db
    .insertInto('ebox_files')
    .values({ sha256, size_bytes: size, store: kind, content: null, created_at: now })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export { safeDownloadName } from './download-name.ts';
