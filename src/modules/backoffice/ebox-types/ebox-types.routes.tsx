import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { keysOf, looseFormBody, oneOf } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { text } from '../../shared/posted-text.ts';
import { validityField } from './ebox-types-input.ts';
import { getEboxTypes, saveEboxTypes } from './ebox-types.service.ts';
import { EboxTypesPage } from './views/ebox-types.view.tsx';

const BASE = '/backoffice/ebox/types';

/** Messages after "Bewaren" (?m=): a closed list. */
const FLASH = { saved: 'bo.ebox_types.flash.saved', unchanged: 'bo.ebox_types.flash.unchanged' } as const;

/**
 * The validity of the e-Box's document types (issue 16, EBX-6): /backoffice/ebox/types. Every POD MI staff member reads
 * it (the back office's guard); the beheerder changes it (the service checks).
 */
export async function eboxTypeRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const actorOf = (request: FastifyRequest) => request.actor as Actor;

  app.get(BASE, { schema: { querystring: z.object({ m: oneOf(keysOf(FLASH)) }) } }, async (request, reply) => {
    const { types, canEdit } = await getEboxTypes(serviceContext(request, deps));
    const values = Object.fromEntries(types.map((t) => [t.code, String(t.validityMonths)]));
    const flash = request.query.m ? FLASH[request.query.m as keyof typeof FLASH] : undefined;
    return sendPage(reply, <EboxTypesPage ctx={pageContext(request)} actor={actorOf(request)} types={types} values={values} canEdit={canEdit} flash={flash} />);
  });

  // "Bewaren": back to the list with its message, or the list again with what was typed and every message by its field.
  app.post(BASE, { schema: { body: looseFormBody({}) } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { types, canEdit } = await getEboxTypes(ctx);
    const body = request.body as Record<string, unknown>;
    const values = Object.fromEntries(types.map((t) => [t.code, text(body[validityField(t.code)])]));
    const result = await saveEboxTypes(ctx, values);
    if (result.kind !== 'invalid') return reply.redirect(`${BASE}?m=${result.kind}`, 303);
    return sendPage(
      reply,
      <EboxTypesPage ctx={pageContext(request)} actor={actorOf(request)} types={types} values={values} canEdit={canEdit} errors={result.errors} />,
      422,
    );
  });
}
