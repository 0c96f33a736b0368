import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AccessDenied } from '../access/access.ts';
import { NotFound } from '../modules/reports/reports.service.ts';
import { ErrorPage } from '../views/error.view.tsx';
import { sendPage } from '../views/render.ts';
import { pageContext } from './route-context.ts';
import { ForbiddenOrigin } from './security.ts';

function classify(error: FastifyError): { status: number; titleKey: string; textKey: string } {
  if (error instanceof AccessDenied || error instanceof ForbiddenOrigin) return { status: 403, titleKey: 'error.forbidden_title', textKey: 'error.forbidden_text' };
  if (error instanceof NotFound) return { status: 404, titleKey: 'error.not_found_title', textKey: 'error.not_found_text' };
  if (error.statusCode === 429) return { status: 429, titleKey: 'error.rate_title', textKey: 'error.rate_text' };
  if (error.statusCode === 415) return { status: 415, titleKey: 'error.bad_request_title', textKey: 'error.bad_request_text' };
  if (error.statusCode === 413) return { status: 413, titleKey: 'error.too_large_title', textKey: 'error.too_large_text' };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return { status: error.statusCode, titleKey: 'error.bad_request_title', textKey: 'error.bad_request_text' };
  return { status: 500, titleKey: 'error.server_title', textKey: 'error.server_text' };
}

/** Generic error pages in the user's language with the request id as correlation id; details only in the log. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const { status, titleKey, textKey } = classify(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status, code: error.code }, 'request refused');
    if (!request.t) return reply.code(status).type('text/plain; charset=utf-8').send(`Error ${status} (${request.id})`);
    // Input refused before any route could show it next to its field (too large, malformed): said in a summary.
    const inputRefused = status === 400 || status === 413 || status === 415;
    return sendPage(reply, ErrorPage({ ctx: pageContext(request), titleKey, textKey, correlationId: request.id, inputRefused }), status);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendPage(reply, ErrorPage({ ctx: pageContext(request), titleKey: 'error.not_found_title', textKey: 'error.not_found_text', correlationId: request.id }), 404),
  );
});
