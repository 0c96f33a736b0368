import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../access/access.ts';
import { holdsRightNow } from '../../access/grants.repository.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { pageContext, serviceContext } from '../../platform/route-context.ts';
import { sendPage } from '../../views/render.ts';
import { isEditablePhase } from '../campaigns/campaign-phase.ts';
import { formPhase, loadForm } from './reports.service.ts';
import { signableRoles } from './signing-page.ts';
import { organisationName } from '../shared/organisation-name.ts';
import { FormPage } from './views/form-page.view.tsx';
import type { UploadProblem } from './workbook.service.ts';

type Flash = { key: string; kind: 'success' | 'warning' | 'info' };

/** The read-only form page with its buttons; also after a refused workbook upload (with its problems). */
export async function renderFormPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  campaignId: string,
  options: { flash?: Flash; uploadProblems?: UploadProblem[]; status?: number } = {},
) {
  const ctx = serviceContext(request, deps);
  const form = await loadForm(ctx, campaignId);
  const phase = formPhase(form, ctx.now);
  const open = isEditablePhase(phase) && !form.instance?.submitted_at;
  const signRoles = signableRoles(ctx.actor, form, phase);
  // One signature on a form not yet submitted, by someone who no longer holds that signing grant: warn (§3.6).
  const only = !form.instance?.submitted_at && form.signatures.length === 1 ? form.signatures[0] : undefined;
  const signerWithoutGrant =
    only && !(await holdsRightNow(ctx.db, form.organisation.id, only.person_id, only.role === 'CHAIR' ? 'UV_CHAIR' : 'UV_DIRECTOR', ctx.now))
      ? { name: `${only.first_name} ${only.last_name}`, role: only.role }
      : null;
  return sendPage(
    reply,
    <FormPage
      signerWithoutGrant={signerWithoutGrant}
      ctx={pageContext(request, organisationName(form.organisation, request.lang))}
      form={form}
      definition={form.definition}
      phase={phase}
      canEdit={open && can(ctx.actor, 'FormEdit')}
      signRoles={signRoles}
      flash={options.flash}
      uploadProblems={options.uploadProblems}
    />,
    options.status,
  );
}
