import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { PostedId, ReportYear, Uuid, Version, formBody, keysOf, looseFormBody, oneOf } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { NotFound } from '../../shared/errors.ts';
import { type NewCampaignChoice, createCampaign, knownMeasures, prepareNewCampaign } from './campaign-create.service.ts';
import { readRaw } from './campaign-form.ts';
import { changeCampaignStatus, getCampaignEdit, getCampaignPage, getStatusConfirmation, listCampaignsPage, updateCampaignConfig } from './campaigns.service.ts';
import { allowLateSubmission, searchOcmws, withdrawLateSubmission } from './late-submissions.service.ts';
import type { InputError } from './param-fields.ts';
import { CampaignEditPage, NewCampaignPage } from './views/campaign-edit.view.tsx';
import { CampaignListPage } from './views/campaign-list.view.tsx';
import { CampaignPage } from './views/campaign-page.view.tsx';
import type { LateForm } from './views/late-submissions.tsx';
import { StatusConfirmPage } from './views/status-confirm.view.tsx';
import { FLASHES } from './views/texts.ts';
import { PostedText } from '../../shared/posted-text.ts';

const BASE = '/backoffice/campaigns';

const CampaignParams = z.object({ campaignId: Uuid });
const LateParams = CampaignParams.extend({ organisationId: Uuid });
const ListQuery = z.object({ year: ReportYear });
/** The new campaign's year and measure: as typed (the service says what is wrong next to the field). */
const NewCampaignQuery = z.object({ year: PostedText, measure: PostedText });
/** The campaign's parameters (opens*, closes*, reminderDays, p.*) are read by campaign-form.ts. */
const NewCampaignBody = looseFormBody({ year: PostedText, measure: PostedText });
const CampaignBody = looseFormBody({ version: Version });
const PageQuery = z.object({ m: oneOf(keysOf(FLASHES)), q: PostedText });
const STATUS_ACTIONS = ['open', 'close', 'reopen'] as const;
const StatusQuery = z.object({ action: oneOf(STATUS_ACTIONS) });
const StatusBody = formBody({ action: oneOf(STATUS_ACTIONS), version: Version });
const LateBody = formBody({ organisationId: PostedId, untilDate: PostedText, reason: PostedText, q: PostedText });

/** The dossierbeheerder reads: the configuration pages send them to the read-only page (POSTs answer 403). */
const canConfigure = (request: FastifyRequest) => can(request.actor as Actor, 'CampaignConfigure');

async function lateForm(
  ctx: ServiceContext,
  reportYear: number,
  search: string,
  raw: LateForm['raw'] = { organisationId: '', untilDate: '', reason: '' },
  errors: Record<string, InputError> = {},
): Promise<LateForm> {
  const ocmws = can(ctx.actor, 'CampaignConfigure') ? await searchOcmws(ctx, reportYear, search) : [];
  return { search, ocmws, raw, errors };
}

/** POD MI campaigns: list and page for both roles; editing, status, new campaigns and late submissions for the beheerder. */
export async function campaignRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(BASE, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const list = await listCampaignsPage(serviceContext(request, deps), request.query.year);
    return sendPage(reply, <CampaignListPage ctx={pageContext(request)} actor={request.actor as Actor} {...list} />);
  });

  app.get(`${BASE}/new`, { schema: { querystring: NewCampaignQuery } }, async (request, reply) => {
    if (!canConfigure(request)) return reply.redirect(BASE, 303);
    const choice: NewCampaignChoice = { year: request.query.year.trim(), measure: request.query.measure };
    const step = await prepareNewCampaign(serviceContext(request, deps), choice.year && choice.measure ? choice : null);
    const props = { ctx: pageContext(request), actor: request.actor as Actor, measures: knownMeasures(), choice };
    if (step.kind === 'choose') {
      const suggested = { ...choice, year: choice.year || (step.suggestedYear ? String(step.suggestedYear) : '') };
      return sendPage(reply, <NewCampaignPage {...props} choice={suggested} errors={step.errors} />, Object.keys(step.errors).length > 0 ? 422 : 200);
    }
    return sendPage(reply, <NewCampaignPage {...props} errors={{}} form={step} />);
  });

  app.post(`${BASE}/new`, { schema: { body: NewCampaignBody } }, async (request, reply) => {
    const body = request.body;
    const choice: NewCampaignChoice = { year: body.year.trim(), measure: body.measure };
    const result = await createCampaign(serviceContext(request, deps), choice, readRaw(body));
    if (result.kind === 'created') return reply.redirect(`${BASE}/${result.campaignId}?m=created`, 303);
    const props = { ctx: pageContext(request), actor: request.actor as Actor, measures: knownMeasures(), choice };
    if (result.kind === 'exists') return sendPage(reply, <NewCampaignPage {...props} errors={{ measure: { key: 'bo.campaigns.error.exists' } }} />, 409);
    const form = result.step.kind === 'form' ? result.step : undefined;
    return sendPage(reply, <NewCampaignPage {...props} errors={result.errors} form={form} />, 422);
  });

  app.get(`${BASE}/:campaignId`, { schema: { params: CampaignParams, querystring: PageQuery } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const data = await getCampaignPage(ctx, request.params.campaignId);
    const { m, q } = request.query;
    const late = await lateForm(ctx, data.campaign.report_year, q.slice(0, 100));
    return sendPage(reply, <CampaignPage ctx={pageContext(request)} actor={ctx.actor} data={data} flash={m ? FLASHES[m] : undefined} late={late} />);
  });

  app.get(`${BASE}/:campaignId/edit`, { schema: { params: CampaignParams } }, async (request, reply) => {
    const { campaignId } = request.params;
    if (!canConfigure(request)) return reply.redirect(`${BASE}/${campaignId}`, 303);
    const ctx = serviceContext(request, deps);
    const edit = await getCampaignEdit(ctx, campaignId);
    if (edit.kind === 'settled') return reply.redirect(`${BASE}/${campaignId}?m=settled`, 303);
    return sendPage(
      reply,
      <CampaignEditPage ctx={pageContext(request)} actor={ctx.actor} data={edit.page} raw={edit.raw} errors={{}} version={edit.page.campaign.version} />,
    );
  });

  app.post(`${BASE}/:campaignId`, { schema: { params: CampaignParams, body: CampaignBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { campaignId } = request.params;
    const body = request.body;
    const raw = readRaw(body);
    const result = await updateCampaignConfig(ctx, campaignId, body.version, raw);
    if (result.kind === 'saved' || result.kind === 'unchanged' || result.kind === 'settled')
      return reply.redirect(`${BASE}/${campaignId}?m=${result.kind}`, 303);
    const data = await getCampaignPage(ctx, campaignId);
    const page = { ctx: pageContext(request), actor: ctx.actor, data, raw };
    if (result.kind === 'conflict') return sendPage(reply, <CampaignEditPage {...page} errors={{}} version={result.currentVersion} conflict />, 409);
    return sendPage(reply, <CampaignEditPage {...page} errors={result.errors} version={body.version} />, 422);
  });

  app.get(`${BASE}/:campaignId/status`, { schema: { params: CampaignParams, querystring: StatusQuery } }, async (request, reply) => {
    const { campaignId } = request.params;
    if (!canConfigure(request)) return reply.redirect(`${BASE}/${campaignId}`, 303);
    const { action } = request.query;
    if (!action) throw new NotFound();
    const ctx = serviceContext(request, deps);
    const { page, allowed } = await getStatusConfirmation(ctx, campaignId, action);
    return sendPage(reply, <StatusConfirmPage ctx={pageContext(request)} actor={ctx.actor} data={page} action={action} allowed={allowed} />);
  });

  app.post(`${BASE}/:campaignId/status`, { schema: { params: CampaignParams, body: StatusBody } }, async (request, reply) => {
    const { campaignId } = request.params;
    const { action, version } = request.body;
    const result = await changeCampaignStatus(serviceContext(request, deps), campaignId, action, version);
    return reply.redirect(`${BASE}/${campaignId}?m=${result}`, 303);
  });

  app.post(`${BASE}/:campaignId/late`, { schema: { params: CampaignParams, body: LateBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { campaignId } = request.params;
    const body = request.body;
    // An OCMW that is not an id is none chosen: the service says so next to the field.
    const raw = { organisationId: body.organisationId ?? '', untilDate: body.untilDate.slice(0, 50), reason: body.reason.slice(0, 5000) };
    const result = await allowLateSubmission(ctx, campaignId, raw);
    if (result.kind !== 'invalid') return reply.redirect(`${BASE}/${campaignId}?m=${result.kind === 'allowed' ? 'late_allowed' : result.kind}`, 303);
    const data = await getCampaignPage(ctx, campaignId);
    const late = await lateForm(ctx, data.campaign.report_year, body.q.slice(0, 100), raw, result.errors);
    return sendPage(reply, <CampaignPage ctx={pageContext(request)} actor={ctx.actor} data={data} late={late} />, 422);
  });

  app.post(`${BASE}/:campaignId/late/:organisationId/withdraw`, { schema: { params: LateParams } }, async (request, reply) => {
    const { campaignId, organisationId } = request.params;
    const result = await withdrawLateSubmission(serviceContext(request, deps), campaignId, organisationId);
    return reply.redirect(
      `${BASE}/${campaignId}?m=${result.kind === 'withdrawn' ? 'late_withdrawn' : result.kind === 'none' ? 'late_none' : result.kind}`,
      303,
    );
  });
}
