import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.ts';
import { pageContext, serviceContext } from '../../platform/route-context.ts';
import { PositiveInt, PostedString, Uuid, oneOf } from '../../platform/schemas.ts';
import { OcmwParams, ocmwRoutes } from '../organisations/ocmw-scope.ts';
import { sendPage } from '../../views/render.ts';
import { safeDownloadName } from './files/file-store.ts';
import { listEbox, messageFile, openMessage } from './ebox.service.ts';
import { LEGISLATIONS, MESSAGE_TYPES, PERIOD } from './message-types.ts';
import { fileStoreOf } from './store-of.ts';
import { EboxPage } from './views/ebox.view.tsx';
import { MessagePage } from './views/message.view.tsx';

/** The OCMW's e-Box under /ocmw/{kbo}/ebox: the list, a message, the download of one of its files. */
export async function eboxRoutes(app: FastifyInstance, deps: AppDeps) {
  await ocmwRoutes(app, deps, (scope) => ocmwEboxRoutes(scope, deps));
}

const MessageParams = OcmwParams.extend({ documentId: Uuid });
const FileParams = MessageParams.extend({ position: z.coerce.number().int().min(1).max(6) });

/** The list's filters as typed in its GET form: a value that is not one of the choices is no filter. */
const ListQuery = z.object({
  type: oneOf(MESSAGE_TYPES),
  legislation: oneOf(LEGISLATIONS),
  period: PostedString.transform((p) => (p && PERIOD.test(p.trim()) ? p.trim() : undefined)),
  state: oneOf(['read', 'unread']),
  q: PostedString.transform((q) => q?.trim().slice(0, 100) || undefined),
  page: PositiveInt,
});

async function ocmwEboxRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/ebox', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const { page, ...filter } = request.query;
    const data = await listEbox(serviceContext(request, deps), { ...filter, page: page ?? 1 });
    return sendPage(reply, <EboxPage ctx={pageContext(request)} data={data} filter={filter} />);
  });

  app.get('/ebox/:documentId', { schema: { params: MessageParams } }, async (request, reply) => {
    const message = await openMessage(serviceContext(request, deps), request.params.documentId);
    return sendPage(reply, <MessagePage ctx={pageContext(request)} message={message} />);
  });

  app.get('/ebox/:documentId/files/:position', { schema: { params: FileParams } }, async (request, reply) => {
    const { documentId, position } = request.params;
    const file = await messageFile(serviceContext(request, deps), fileStoreOf(deps.config), documentId, position);
    return reply
      .type('application/pdf')
      .header('content-length', String(file.size))
      .header('content-disposition', safeDownloadName(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .send(file.stream);
  });

  // Before the e-Box had messages: its list at /documents, a settlement letter at /documents/{id} (e-mails sent).
  app.get('/documents', async (request, reply) => reply.redirect(`${request.url.replace(/\/documents(\?|$)/, '/ebox$1')}`, 301));
  app.get('/documents/:documentId', { schema: { params: MessageParams } }, async (request, reply) =>
    reply.redirect(`/ocmw/${request.params.kbo}/ebox/${request.params.documentId}/files/1`, 301),
  );
}
