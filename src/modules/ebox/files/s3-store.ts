import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { openFromDatabase } from './database-store.ts';
import { assertContent, assertSha256, type FileStore, FileNotFoundError, fileRow, insertOutsideRow } from './file-store.ts';

export interface S3StoreOptions {
  bucket: string;
  /** an S3-compatible server's address (MinIO, Ceph, s3rver…); absent: AWS itself */
  endpoint?: string;
  region: string;
  /** absent: the SDK's own chain (AWS_* environment variables, instance role…) */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** bucket in the path (http://host/bucket/key), what most S3-compatible servers need; default: when an endpoint is given */
  forcePathStyle?: boolean;
}

/** The key of a file in the bucket: one folder for the e-Box, the hash as name. */
export function s3Key(sha256: string): string {
  return `ebox-files/${sha256}`;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Files in an S3-compatible bucket (EBOX_STORE=s3), keyed by hash; the row in `ebox_files` carries the metadata.
 * Checksums only when the server requires them: S3-compatible servers differ in which ones they know.
 */
export function s3FileStore(options: S3StoreOptions, client?: S3Client): FileStore {
  const s3 =
    client ??
    new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      credentials: options.credentials,
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const Bucket = options.bucket;
  return {
    kind: 's3',
    async put(tx, sha256, bytes, now) {
      assertContent(sha256, bytes);
      if (await fileRow(tx, sha256)) return;
      const Key = s3Key(sha256);
      const existing = await s3.send(new HeadObjectCommand({ Bucket, Key })).catch((error) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      if (existing?.ContentLength !== bytes.length) {
        await s3.send(new PutObjectCommand({ Bucket, Key, Body: bytes, ContentLength: bytes.length, ContentType: 'application/pdf' }));
      }
      await insertOutsideRow(tx, 's3', sha256, bytes.length, now);
    },
    async open(db, sha256) {
      assertSha256(sha256);
      const row = await fileRow(db, sha256);
      if (!row) throw new FileNotFoundError(sha256);
      if (row.store === 'database') return (await openFromDatabase(db, sha256)) ?? Promise.reject(new FileNotFoundError(sha256));
      if (row.store !== 's3') throw new FileNotFoundError(sha256, `kept in the ${row.store} store, not in S3`);
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket, Key: s3Key(sha256) }));
        // in Node the body is the HTTP response itself: streamed as it arrives, never buffered here
        return { size: object.ContentLength ?? Number(row.size_bytes), stream: object.Body as Readable };
      } catch (error) {
        if (isNotFound(error)) throw new FileNotFoundError(sha256, 'its bytes are missing from the S3 store');
        throw error;
      }
    },
    async remove(db, sha256) {
      assertSha256(sha256);
      await db.deleteFrom('ebox_files').where('sha256', '=', sha256).execute();
      await s3.send(new DeleteObjectCommand({ Bucket, Key: s3Key(sha256) }));
    },
  };
}
