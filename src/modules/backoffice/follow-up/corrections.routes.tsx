import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Actor, requireAccess } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { PostedString, Version, formBody } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { InstanceParams } from './follow-up.routes.tsx';
import { getBackofficeForm } from './form-view.service.ts';
import { BackofficeFormPage } from './views/backoffice-form.view.tsx';
import { acceptForm, requestCorrection } from '../corrections/corrections.service.ts';
import { PostedText } from '../../shared/posted-text.ts';
import { type ReasonError, checkReason } from '../corrections/review-reason.ts';
import type { ReviewConfirmation } from '../corrections/views/review-box.tsx';

/** `step=ask`: the review box's buttons ask for the confirmation page first (issue 14, item 13); its button carries none. */
const CorrectionBody = formBody({ version: Version, reason: PostedText, step: PostedString });
const AcceptBody = formBody({ version: Version, step: PostedString });

/** POD MI's review of a submitted form: send back for correction (with a reason) or accept. */
export async function correctionRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post('/backoffice/forms/:instanceId/correction', { schema: { params: InstanceParams, body: CorrectionBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { instanceId } = request.params;
    const { version, reason } = request.body;
    if (request.body.step === 'ask' && checkReason(reason) === null) {
      return reviewPage(request, reply, deps, instanceId, { confirming: { kind: 'correction', reason } });
    }
    const result = await requestCorrection(ctx, instanceId, version, reason);
    if (result.kind === 'done') return reply.redirect(`/backoffice/forms/${instanceId}?m=${result.outcome}`, 303);
    return reviewPage(request, reply, deps, instanceId, { correction: { reason, error: result.error } }, 422);
  });

  app.post('/backoffice/forms/:instanceId/accept', { schema: { params: InstanceParams, body: AcceptBody } }, async (request, reply) => {
    const { instanceId } = request.params;
    if (request.body.step === 'ask') return reviewPage(request, reply, deps, instanceId, { confirming: { kind: 'accept' } });
    const outcome = await acceptForm(serviceContext(request, deps), instanceId, request.body.version);
    return reply.redirect(`/backoffice/forms/${instanceId}?m=${outcome}`, 303);
  });
}

/** The form again: with a decision to confirm (for those who may review), or with a refused correction's reason. */
async function reviewPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  instanceId: string,
  shown: { confirming?: ReviewConfirmation; correction?: { reason: string; error: ReasonError } },
  status = 200,
) {
  const ctx = serviceContext(request, deps);
  if (shown.confirming) requireAccess(ctx.actor, 'FormReview');
  const data = await getBackofficeForm(ctx, instanceId);
  return sendPage(
    reply,
    <BackofficeFormPage ctx={{ ...pageContext(request), path: `/backoffice/forms/${instanceId}` }} actor={request.actor as Actor} data={data} {...shown} />,
    status,
  );
}
