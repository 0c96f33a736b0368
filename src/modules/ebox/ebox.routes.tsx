import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/deps.ts';
import { pageContext, serviceContext } from '../../platform/route-context.ts';
import { Uuid } from '../../platform/schemas.ts';
import { OcmwParams, ocmwRoutes } from '../organisations/ocmw-scope.ts';
import { sendPage } from '../../views/render.ts';
import { eboxDocument, listEbox } from './ebox.service.ts';
import { EboxPage } from './views/ebox.view.tsx';

/** The OCMW's e-Box: its documents, and the download of one (an attachment, scoped to the session's OCMW). */
export async function eboxRoutes(app: FastifyInstance, deps: AppDeps) {
  await ocmwRoutes(app, deps, (scope) => ocmwEboxRoutes(scope, deps));
}

const DocumentParams = OcmwParams.extend({ documentId: Uuid });

async function ocmwEboxRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/documents', async (request, reply) => {
    const documents = await listEbox(serviceContext(request, deps));
    return sendPage(reply, <EboxPage ctx={pageContext(request)} documents={documents} />);
  });

  app.get('/documents/:documentId', { schema: { params: DocumentParams } }, async (request, reply) => {
    const document = await eboxDocument(serviceContext(request, deps), request.params.documentId);
    const name = document.file_name.replace(/[^\w.-]/g, '_');
    return reply.type(document.media_type).header('content-disposition', `attachment; filename="${name}"`).send(document.content);
  });
}
