import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { bodyOf, pageContext, serviceContext } from '../../../platform/route-context.ts';
import { sendPage } from '../../../views/render.ts';
import { instanceIdOf } from '../follow-up/follow-up.routes.tsx';
import { getBackofficeForm } from '../follow-up/form-view.service.ts';
import { BackofficeFormPage } from '../follow-up/views/backoffice-form.view.tsx';
import { acceptForm, requestCorrection } from './corrections.service.ts';
import { text } from '../../shared/posted-text.ts';

function versionOf(body: Record<string, unknown>): number {
  const n = Number.parseInt(String(body.version ?? ''), 10);
  return Number.isInteger(n) ? n : -1;
}

/** POD MI's review of a submitted form: send back for correction (with a reason) or accept. */
export async function correctionRoutes(app: FastifyInstance, deps: AppDeps) {
  app.post('/backoffice/forms/:instanceId/correction', async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const instanceId = instanceIdOf(request);
    const body = bodyOf(request);
    const reason = text(body.reason);
    const result = await requestCorrection(ctx, instanceId, versionOf(body), reason);
    if (result.kind === 'done') return reply.redirect(`/backoffice/forms/${instanceId}?m=${result.outcome}`, 303);
    const data = await getBackofficeForm(ctx, instanceId);
    return sendPage(reply, <BackofficeFormPage ctx={{ ...pageContext(request), path: `/backoffice/forms/${instanceId}` }} actor={request.actor as Actor} data={data} correction={{ reason, error: result.error }} />, 422);
  });

  app.post('/backoffice/forms/:instanceId/accept', async (request, reply) => {
    const instanceId = instanceIdOf(request);
    const outcome = await acceptForm(serviceContext(request, deps), instanceId, versionOf(bodyOf(request)));
    return reply.redirect(`/backoffice/forms/${instanceId}?m=${outcome}`, 303);
  });
}
