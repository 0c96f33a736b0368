import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import type { BulkError } from './bulk-errors.ts';

/**
 * Why an entry could not be read: its data is damaged (bad deflate stream, wrong checksum, more or fewer bytes than
 * the directory said — a bomb that lies about its size is stopped here, after at most the announced bytes) or it
 * is over the limit. Carries the error to report, so the caller does not parse messages.
 */
export class BulkReadError extends Error {
  constructor(readonly error: BulkError) {
    super(`${error.code} ${String(error.params?.name ?? '')}`);
  }
}

/**
 * Unpacks one entry into memory, never more than `min(announced size, cap)` bytes: the stream is destroyed at the
 * first byte beyond. The CRC-32 is checked at the end (yauzl does not), so a tampered entry is not passed on.
 */
export async function readEntry(zip: ZipFile, entry: Entry, name: string, cap: number): Promise<Buffer> {
  const damaged = () => new BulkReadError({ row: null, code: 'zip_damaged', params: { name } });
  const limit = Math.min(entry.uncompressedSize, cap);
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    throw damaged();
  }
  const chunks: Buffer[] = [];
  let length = 0;
  let crc = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      length += bytes.length;
      if (length > limit) {
        stream.destroy();
        throw damaged();
      }
      crc = crc32(bytes, crc);
      chunks.push(bytes);
    }
  } catch {
    stream.destroy();
    throw damaged();
  }
  if (length !== entry.uncompressedSize || crc !== entry.crc32) throw damaged();
  return Buffer.concat(chunks, length);
}
