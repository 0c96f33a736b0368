import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { cleanFileName } from '../../../platform/uploads.ts';
import { MAX_PDF_BYTES } from '../../ebox/files/pdf-check.ts';
import { BULK_ZIP_LIMITS } from '../../ebox/bulk/bulk-limits.ts';
import type { PostedFile } from './single-publication.service.ts';

/**
 * The single publication's form: its text fields and up to six files `file1`…`file6`, each read into memory up to
 * 20 MB (a larger one is marked, not kept: the page says which). A seventh file part is not read.
 */
export async function readSingleForm(request: FastifyRequest, fieldNames: readonly string[]) {
  const fields: Record<string, string> = Object.fromEntries(fieldNames.map((n) => [n, '']));
  const files: PostedFile[] = [];
  if (!request.isMultipart()) return { fields, files };
  for await (const part of request.parts({ limits: { fileSize: MAX_PDF_BYTES, files: 6, fields: 20, fieldSize: 10_000, parts: 30 } })) {
    if (part.type === 'field') {
      if (fieldNames.includes(part.fieldname)) fields[part.fieldname] = String(part.value ?? '');
      continue;
    }
    const bytes = await part.toBuffer().catch((error: { code?: string }) => {
      if (error.code === 'FST_REQ_FILE_TOO_LARGE') return null;
      throw error;
    });
    const name = cleanFileName(part.filename ?? '');
    if (/^file[1-6]$/.test(part.fieldname)) files.push({ field: part.fieldname, name, bytes: bytes ?? Buffer.alloc(0), tooLarge: bytes === null });
  }
  return { fields, files };
}

/**
 * The bulk ZIP, streamed to a temporary file (never held in memory: the monthly run is hundreds of megabytes), at most
 * the bulk's unpacked limit. `cleanup` removes it.
 */
export async function receiveBulkZip(request: FastifyRequest) {
  const dir = await mkdtemp(join(tmpdir(), 'uv-bulk-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    if (!request.isMultipart()) return { kind: 'none' as const, cleanup };
    const part = await request.file({ limits: { fileSize: BULK_ZIP_LIMITS.maxTotalBytes, files: 1, fields: 5, parts: 6 } });
    if (!part || part.filename === '') return { kind: 'none' as const, cleanup };
    const path = join(dir, 'upload.zip');
    await pipeline(part.file, createWriteStream(path));
    if (part.file.truncated) return { kind: 'too_large' as const, cleanup };
    return { kind: 'file' as const, path, fileName: cleanFileName(part.filename) || 'upload.zip', cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
