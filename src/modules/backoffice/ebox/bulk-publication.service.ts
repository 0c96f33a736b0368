import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { requireAccess } from '../../../access/access.ts';
import { failpoint } from '../../../platform/failpoints.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { withTransaction } from '../../../db/database.ts';
import { brusselsDay } from '../../shared/brussels-time.ts';
import { NotFound } from '../../shared/errors.ts';
import type { BulkError } from '../../ebox/bulk/bulk-errors.ts';
import { type BulkRowOutcome, bulkReportCsv } from '../../ebox/bulk/bulk-report.ts';
import { openBulkZip } from '../../ebox/bulk/bulk-zip.ts';
import { validateBulk } from '../../ebox/bulk/bulk-plan.ts';
import { listMessageTypes } from '../../ebox/ebox.repository.ts';
import type { FileStore } from '../../ebox/files/file-store.ts';
import { checkPdf } from '../../ebox/files/pdf-check.ts';
import { type Legislation, SENDER_BACKOFFICE } from '../../ebox/message-types.ts';
import { publishMessage } from '../../ebox/publish.ts';
import { recipientByKbo } from '../../ebox/recipients.ts';
import { findBatch, finishBatch, insertBatch } from './ebox-admin.repository.ts';
import type { BatchReport } from './ebox-publication.model.ts';

export type { BatchReport } from './ebox-publication.model.ts';

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type BulkOutcome = { kind: 'refused'; batchId: string; errors: BulkError[] } | { kind: 'done'; batchId: string; published: number; already: number };

/**
 * A bulk publication (portal.md §4.4): the ZIP (on disk, streamed there by the route) is validated completely — every
 * row, every PDF by content — before anything is published; one bad row publishes nothing. Then each row is published
 * in a transaction of its own with the idempotency key `bulk:<SHA-256 of the ZIP>:<row reference>`: after a crash,
 * uploading the same ZIP again publishes exactly the rows that were not published yet, and reports the others as
 * already published. The per-row report is kept with the batch.
 */
export async function publishBulk(ctx: ServiceContext, store: FileStore, upload: { path: string; fileName: string }): Promise<BulkOutcome> {
  requireAccess(ctx.actor, 'EboxPublish');
  const batchId = randomUUID();
  const zipSha = await sha256OfFile(upload.path);
  const opened = await openBulkZip(upload.path);
  const refuse = async (errors: BulkError[]): Promise<BulkOutcome> => {
    await insertBatch(ctx.db, {
      id: batchId,
      fileName: upload.fileName,
      sha256: zipSha,
      rowCount: 0,
      state: 'REFUSED',
      by: ctx.actor.personId,
      at: ctx.now,
      report: errors,
    });
    return { kind: 'refused', batchId, errors };
  };
  if (!opened.ok) return refuse(opened.errors);
  const zip = opened.zip;
  try {
    const day = brusselsDay(ctx.now);
    const types = (await listMessageTypes(ctx.db)).map((t) => ({ code: t.code, legislations: t.legislations }));
    const plan = await validateBulk(zip, {
      types,
      lookup: async (kbo) => {
        const found = await recipientByKbo(ctx.db, kbo, day);
        return found.kind === 'ok' ? { kind: 'ok', organisationId: found.organisationId, name: found.name } : found;
      },
      checkPdf,
    });
    if (!plan.ok) return refuse(plan.errors);
    await insertBatch(ctx.db, {
      id: batchId,
      fileName: upload.fileName,
      sha256: zipSha,
      rowCount: plan.messages.length,
      state: 'PUBLISHING',
      by: ctx.actor.personId,
      at: ctx.now,
    });
    const outcomes: BulkRowOutcome[] = [];
    for (const m of plan.messages) {
      const files: Array<{ name: string; bytes: Buffer; isMain: boolean }> = [];
      for (const [i, f] of m.files.entries()) files.push({ name: f.name, bytes: await zip.readFile(f.name), isMain: i === 0 });
      const result = await withTransaction(ctx.db, async (tx) => {
        const published = await publishMessage(
          tx,
          store,
          {
            organisationId: m.organisationId,
            senderApplication: SENDER_BACKOFFICE,
            idempotencyKey: `bulk:${zipSha}:${m.reference}`,
            messageType: m.messageType,
            legislation: m.legislation as Legislation,
            period: m.period,
            subjects: { nl: m.subjects.nl, fr: m.subjects.fr, de: m.subjects.de ?? null },
            files,
            publishedBy: { kind: 'person', personId: ctx.actor.personId },
            batchId,
          },
          ctx.now,
        );
        failpoint('ebox:bulk-row-before-commit');
        return published;
      });
      outcomes.push({
        row: m.rowNumber,
        reference: m.reference,
        recipientKbo: m.recipientKbo,
        result: result.kind === 'published' ? 'published' : 'already_published',
        messageId: result.id,
      });
    }
    await finishBatch(ctx.db, batchId, outcomes, ctx.now);
    const published = outcomes.filter((o) => o.result === 'published').length;
    return { kind: 'done', batchId, published, already: outcomes.length - published };
  } finally {
    await zip.close();
  }
}

/** A bulk publication and its per-row report (POD MI). */
export async function bulkBatch(ctx: ServiceContext, batchId: string) {
  requireAccess(ctx.actor, 'EboxPublish');
  const batch = await findBatch(ctx.db, batchId);
  if (!batch) throw new NotFound();
  const report = (batch.state === 'REFUSED' ? { state: 'REFUSED', errors: batch.report } : { state: batch.state, outcomes: batch.report }) as BatchReport;
  return { batch, report };
}

/** The per-row report as CSV (published batches). */
export async function bulkReportFile(ctx: ServiceContext, batchId: string): Promise<string> {
  const { report } = await bulkBatch(ctx, batchId);
  if (report.state === 'REFUSED') throw new NotFound();
  return bulkReportCsv(report.outcomes);
}
