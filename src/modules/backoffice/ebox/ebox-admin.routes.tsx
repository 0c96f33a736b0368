import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, requireAccess } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { PositiveInt, PostedString, Uuid, formBody, keysOf, oneOf } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { PostedText } from '../../shared/posted-text.ts';
import { LEGISLATIONS, MESSAGE_TYPES, PERIOD } from '../../ebox/message-types.ts';
import { fileStoreOf } from '../../ebox/store-of.ts';
import { bulkBatch, bulkReportFile, publishBulk } from './bulk-publication.service.ts';
import { listBatches } from './ebox-admin.repository.ts';
import { publishedMessage, publishedMessages } from './ebox-admin.service.ts';
import { receiveBulkZip, readSingleForm } from './ebox-uploads.ts';
import { type SingleFields, type StagedMessage, publishStaged, stageSingle } from './single-publication.service.ts';
import { BulkFormPage, BulkResultPage } from './views/bulk.view.tsx';
import { EBOX_ADMIN_BASE, EboxAdminPage, PublishedMessagePage } from './views/ebox-admin.view.tsx';
import { SingleFormPage, SinglePreviewPage } from './views/single.view.tsx';

const FLASHES: Record<string, string> = { published: 'bo.ebox.flash.published' };
const ListQuery = z.object({
  q: PostedText.transform((v) => v.trim().slice(0, 100) || undefined),
  type: oneOf(MESSAGE_TYPES),
  batch: z
    .preprocess((v) => (Array.isArray(v) ? v[0] : v), Uuid)
    .optional()
    .catch(undefined),
  page: PositiveInt,
});
const MessageParams = z.object({ documentId: Uuid });
const MessageQuery = z.object({ m: oneOf(keysOf(FLASHES)) });
const BatchParams = z.object({ batchId: Uuid });
const SINGLE_FIELDS = ['recipient', 'messageType', 'legislation', 'period', 'subject_nl', 'subject_fr', 'subject_de'] as const;
const EMPTY: SingleFields = { recipient: '', messageType: '', legislation: '', period: '', subject_nl: '', subject_fr: '', subject_de: '' };

/** What the preview posts back: the staged message, checked again by the service. */
const Staged = z.object({
  recipient: z.object({ organisationId: Uuid, kbo: z.string().regex(/^\d{10}$/), name: z.string().max(300), disappearing: z.boolean() }),
  messageType: z.enum(MESSAGE_TYPES),
  legislation: z.enum(LEGISLATIONS),
  period: z.string().regex(PERIOD).nullable(),
  subjects: z.object({ nl: z.string().min(1).max(250), fr: z.string().min(1).max(250), de: z.string().min(1).max(250).nullable() }),
  files: z
    .array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().positive(), name: z.string().min(1).max(255) }))
    .min(1)
    .max(6),
  key: Uuid,
});
const PublishBody = formBody({ staged: PostedString });

/**
 * POD MI's side of the e-Box (issue 16, item 2): /backoffice/ebox lists what was published with its read state; one
 * message is published in two steps (form, preview, "Publiceren"); a bulk ZIP is validated whole, then published row
 * by row with a report. Every POD MI staff member with EboxPublish (both roles) may publish.
 */
export async function eboxAdminRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const actorOf = (request: FastifyRequest) => request.actor as Actor;
  const store = () => fileStoreOf(deps.config);

  app.get(EBOX_ADMIN_BASE, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const { q, type, batch, page } = request.query;
    const list = await publishedMessages(serviceContext(request, deps), { q, type, batchId: batch }, page ?? 1);
    return sendPage(reply, <EboxAdminPage ctx={pageContext(request)} actor={actorOf(request)} list={list} filter={{ q, type }} />);
  });

  app.get(`${EBOX_ADMIN_BASE}/messages/:documentId`, { schema: { params: MessageParams, querystring: MessageQuery } }, async (request, reply) => {
    const message = await publishedMessage(serviceContext(request, deps), request.params.documentId);
    const flash = request.query.m ? FLASHES[request.query.m] : undefined;
    return sendPage(reply, <PublishedMessagePage ctx={pageContext(request)} actor={actorOf(request)} message={message} flash={flash} />);
  });

  app.get(`${EBOX_ADMIN_BASE}/new`, async (request, reply) => {
    requireAccess(actorOf(request), 'EboxPublish');
    return sendPage(reply, <SingleFormPage ctx={pageContext(request)} actor={actorOf(request)} fields={EMPTY} problems={[]} />);
  });

  app.post(`${EBOX_ADMIN_BASE}/new`, async (request, reply) => {
    requireAccess(actorOf(request), 'EboxPublish');
    const form = await readSingleForm(request, SINGLE_FIELDS);
    const fields = { ...EMPTY, ...form.fields } as SingleFields;
    const result = await stageSingle(serviceContext(request, deps), store(), fields, form.files);
    if (result.kind === 'invalid') {
      return sendPage(reply, <SingleFormPage ctx={pageContext(request)} actor={actorOf(request)} fields={fields} problems={result.problems} />, 422);
    }
    return sendPage(reply, <SinglePreviewPage ctx={pageContext(request)} actor={actorOf(request)} staged={result.staged} />);
  });

  app.post(`${EBOX_ADMIN_BASE}/publish`, { schema: { body: PublishBody } }, async (request, reply) => {
    requireAccess(actorOf(request), 'EboxPublish');
    let staged: StagedMessage | null = null;
    try {
      const parsed = Staged.safeParse(JSON.parse(request.body.staged ?? ''));
      staged = parsed.success ? parsed.data : null;
    } catch {
      staged = null;
    }
    const result = staged ? await publishStaged(serviceContext(request, deps), store(), staged) : ({ kind: 'invalid' } as const);
    if (result.kind === 'published') return reply.redirect(`${EBOX_ADMIN_BASE}/messages/${result.id}?m=published`, 303);
    const problems = [
      {
        field: 'recipient' as const,
        code: 'recipient' as const,
        found: { kind: result.kind === 'recipient_changed' ? ('unknown' as const) : ('required' as const) },
      },
    ];
    return sendPage(reply, <SingleFormPage ctx={pageContext(request)} actor={actorOf(request)} fields={EMPTY} problems={problems} />, 422);
  });

  app.get(`${EBOX_ADMIN_BASE}/bulk`, async (request, reply) => {
    requireAccess(actorOf(request), 'EboxPublish');
    return sendPage(reply, <BulkFormPage ctx={pageContext(request)} actor={actorOf(request)} batches={await listBatches(deps.db, 20)} />);
  });

  app.post(`${EBOX_ADMIN_BASE}/bulk`, async (request, reply) => {
    requireAccess(actorOf(request), 'EboxPublish');
    const upload = await receiveBulkZip(request);
    try {
      if (upload.kind !== 'file') {
        const error = request.t(upload.kind === 'too_large' ? 'bo.ebox.bulk.too_large' : 'bo.ebox.bulk.no_file');
        return sendPage(
          reply,
          <BulkFormPage ctx={pageContext(request)} actor={actorOf(request)} batches={await listBatches(deps.db, 20)} error={error} />,
          422,
        );
      }
      const outcome = await publishBulk(serviceContext(request, deps), store(), upload);
      return reply.redirect(`${EBOX_ADMIN_BASE}/bulk/${outcome.batchId}`, 303);
    } finally {
      await upload.cleanup();
    }
  });

  app.get(`${EBOX_ADMIN_BASE}/bulk/:batchId`, { schema: { params: BatchParams } }, async (request, reply) => {
    const { batch, report } = await bulkBatch(serviceContext(request, deps), request.params.batchId);
    const person = await deps.db.selectFrom('persons').select(['first_name', 'last_name']).where('id', '=', batch.uploaded_by).executeTakeFirstOrThrow();
    return sendPage(reply, <BulkResultPage ctx={pageContext(request)} actor={actorOf(request)} batch={{ ...batch, ...person }} report={report} />);
  });

  app.get(`${EBOX_ADMIN_BASE}/bulk/:batchId/report.csv`, { schema: { params: BatchParams } }, async (request, reply) => {
    const csv = await bulkReportFile(serviceContext(request, deps), request.params.batchId);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ebox-bulk-${request.params.batchId.slice(0, 8)}.csv"`)
      .send(csv);
  });
}
