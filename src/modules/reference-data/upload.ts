import type { FastifyRequest } from 'fastify';
import { Uuid } from '../../platform/schemas.ts';
import { readUpload } from '../../platform/uploads.ts';

/** What the upload form posts: the chosen campaign and the file (null when none was chosen). */
export interface ReferenceUpload {
  /** the chosen campaign's id; empty when none was chosen or the value is not an id */
  campaignId: string;
  file: { name: string; bytes: Buffer } | null;
  /** the file was larger than the upload limit (app.ts): it was not kept */
  tooLarge: boolean;
}

/** Reads the reference-data upload form (one file of at most 10 MB, app.ts). */
export async function readReferenceUpload(request: FastifyRequest): Promise<ReferenceUpload> {
  const upload = await readUpload(request, ['campaignId']);
  const campaignId = Uuid.safeParse(upload.fields.campaignId);
  return { campaignId: campaignId.success ? campaignId.data : '', file: upload.file, tooLarge: upload.tooLarge };
}
