import type { FastifyRequest } from 'fastify';
import { bodyOf } from './route-context.ts';

/** A posted upload form: its text fields and its one file (null when none was chosen). */
export interface Upload {
  fields: Record<string, string>;
  file: { name: string; mediaType: string; bytes: Buffer } | null;
  /** the file was larger than the upload limit (app.ts): it was not kept */
  tooLarge: boolean;
}

/** The name of the file without any path a browser may send, printable characters only, at most 200. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  return base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 200);
}

/**
 * Reads a multipart upload form into memory (one file of at most 10 MB, app.ts). A body that is not
 * multipart (a form posted without its enctype) gives its fields and no file.
 */
export async function readUpload(request: FastifyRequest, fieldNames: readonly string[]): Promise<Upload> {
  if (!request.isMultipart()) {
    const body = bodyOf(request);
    return { fields: Object.fromEntries(fieldNames.map((n) => [n, String(body[n] ?? '')])), file: null, tooLarge: false };
  }
  const upload: Upload = { fields: {}, file: null, tooLarge: false };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (fieldNames.includes(part.fieldname)) upload.fields[part.fieldname] = String(part.value ?? '');
      } else {
        const bytes = await part.toBuffer();
        const name = cleanFileName(part.filename ?? '');
        // An empty file input is posted as a part without a file name.
        if (part.fieldname === 'file' && name !== '') upload.file = { name, mediaType: part.mimetype, bytes };
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
    upload.file = null;
    upload.tooLarge = true;
  }
  return upload;
}
