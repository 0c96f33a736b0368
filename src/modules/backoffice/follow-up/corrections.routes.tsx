import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { Version, formBody } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { InstanceParams } from './follow-up.routes.tsx';
import { getBackofficeForm } from './form-view.service.ts';
import { BackofficeFormPage } from './views/backoffice-form.view.tsx';
import { acceptForm, requestCorrection } from '../corrections/corrections.service.ts';
import { PostedText } from '../../shared/posted-text.ts';

const CorrectionBody = formBody({ version: Version, reason: PostedText });
const AcceptBody = formBody({ version: Version });

/** POD MI's review of a submitted form: send back for correction (with a reason) or accept. */
export async function correctionRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post('/backoffice/forms/:instanceId/correction', { schema: { params: InstanceParams, body: CorrectionBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { instanceId } = request.params;
    const { version, reason } = request.body;
    const result = await requestCorrection(ctx, instanceId, version, reason);
    if (result.kind === 'done') return reply.redirect(`/backoffice/forms/${instanceId}?m=${result.outcome}`, 303);
    const data = await getBackofficeForm(ctx, instanceId);
    return sendPage(
      reply,
      <BackofficeFormPage
        ctx={{ ...pageContext(request), path: `/backoffice/forms/${instanceId}` }}
        actor={request.actor as Actor}
        data={data}
        correction={{ reason, error: result.error }}
      />,
      422,
    );
  });

  app.post('/backoffice/forms/:instanceId/accept', { schema: { params: InstanceParams, body: AcceptBody } }, async (request, reply) => {
    const { instanceId } = request.params;
    const outcome = await acceptForm(serviceContext(request, deps), instanceId, request.body.version);
    return reply.redirect(`/backoffice/forms/${instanceId}?m=${outcome}`, 303);
  });
}
