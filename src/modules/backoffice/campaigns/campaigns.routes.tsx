import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Actor, can } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { bodyOf, isUuid, pageContext, serviceContext } from '../../../platform/route-context.ts';
import { sendPage } from '../../../views/render.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { NotFound } from '../../shared/errors.ts';
import { type NewCampaignChoice, createCampaign, knownMeasures, prepareNewCampaign } from './campaign-create.service.ts';
import { readRaw } from './campaign-form.ts';
import { changeCampaignStatus, getCampaignEdit, getCampaignPage, getStatusConfirmation, isStatusAction, listCampaignsPage, updateCampaignConfig } from './campaigns.service.ts';
import { allowLateSubmission, searchOcmws, withdrawLateSubmission } from './late-submissions.service.ts';
import type { InputError } from './param-fields.ts';
import { CampaignEditPage, NewCampaignPage } from './views/campaign-edit.view.tsx';
import { CampaignListPage } from './views/campaign-list.view.tsx';
import { CampaignPage } from './views/campaign-page.view.tsx';
import type { LateForm } from './views/late-submissions.tsx';
import { StatusConfirmPage } from './views/status-confirm.view.tsx';
import { FLASHES } from './views/texts.ts';
import { text } from '../../shared/posted-text.ts';

const BASE = '/backoffice/campaigns';

function campaignIdOf(request: FastifyRequest): string {
  const id = (request.params as { campaignId?: string }).campaignId;
  if (!isUuid(id)) throw new NotFound();
  return id;
}

/** The dossierbeheerder reads: the configuration pages send them to the read-only page (POSTs answer 403). */
const canConfigure = (request: FastifyRequest) => can(request.actor as Actor, 'CampaignConfigure');
const query = (request: FastifyRequest) => request.query as Record<string, unknown>;
const versionOf = (body: Record<string, unknown>) => Number.parseInt(text(body.version), 10) || -1;

async function lateForm(ctx: ServiceContext, search: string, raw: LateForm['raw'] = { organisationId: '', untilDate: '', reason: '' }, errors: Record<string, InputError> = {}): Promise<LateForm> {
  const ocmws = can(ctx.actor, 'CampaignConfigure') ? await searchOcmws(ctx, search) : [];
  return { search, ocmws, raw, errors };
}

/** POD MI campaigns: list and page for both roles; editing, status, new campaigns and late submissions for the beheerder. */
export async function campaignRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get(BASE, async (request, reply) => {
    const year = Number.parseInt(text(query(request).year), 10);
    const list = await listCampaignsPage(serviceContext(request, deps), Number.isInteger(year) ? year : null);
    return sendPage(reply, <CampaignListPage ctx={pageContext(request)} actor={request.actor as Actor} {...list} />);
  });

  app.get(`${BASE}/new`, async (request, reply) => {
    if (!canConfigure(request)) return reply.redirect(BASE, 303);
    const q = query(request);
    const choice: NewCampaignChoice = { year: text(q.year).trim(), measure: text(q.measure) };
    const step = await prepareNewCampaign(serviceContext(request, deps), choice.year && choice.measure ? choice : null);
    const props = { ctx: pageContext(request), actor: request.actor as Actor, measures: knownMeasures(), choice };
    if (step.kind === 'choose') {
      const suggested = { ...choice, year: choice.year || (step.suggestedYear ? String(step.suggestedYear) : '') };
      return sendPage(reply, <NewCampaignPage {...props} choice={suggested} errors={step.errors} />, Object.keys(step.errors).length > 0 ? 422 : 200);
    }
    return sendPage(reply, <NewCampaignPage {...props} errors={{}} form={step} />);
  });

  app.post(`${BASE}/new`, async (request, reply) => {
    const body = bodyOf(request);
    const choice: NewCampaignChoice = { year: text(body.year).trim(), measure: text(body.measure) };
    const result = await createCampaign(serviceContext(request, deps), choice, readRaw(body));
    if (result.kind === 'created') return reply.redirect(`${BASE}/${result.campaignId}?m=created`, 303);
    const props = { ctx: pageContext(request), actor: request.actor as Actor, measures: knownMeasures(), choice };
    if (result.kind === 'exists') return sendPage(reply, <NewCampaignPage {...props} errors={{ measure: { key: 'bo.campaigns.error.exists' } }} />, 409);
    const form = result.step.kind === 'form' ? result.step : undefined;
    return sendPage(reply, <NewCampaignPage {...props} errors={result.errors} form={form} />, 422);
  });

  app.get(`${BASE}/:campaignId`, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const data = await getCampaignPage(ctx, campaignIdOf(request));
    const m = text(query(request).m);
    const late = await lateForm(ctx, text(query(request).q).slice(0, 100));
    return sendPage(reply, <CampaignPage ctx={pageContext(request)} actor={ctx.actor} data={data} flash={FLASHES[m]} late={late} />);
  });

  app.get(`${BASE}/:campaignId/edit`, async (request, reply) => {
    if (!canConfigure(request)) return reply.redirect(`${BASE}/${campaignIdOf(request)}`, 303);
    const ctx = serviceContext(request, deps);
    const edit = await getCampaignEdit(ctx, campaignIdOf(request));
    if (edit.kind === 'settled') return reply.redirect(`${BASE}/${campaignIdOf(request)}?m=settled`, 303);
    return sendPage(reply, <CampaignEditPage ctx={pageContext(request)} actor={ctx.actor} data={edit.page} raw={edit.raw} errors={{}} version={edit.page.campaign.version} />);
  });

  app.post(`${BASE}/:campaignId`, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const campaignId = campaignIdOf(request);
    const body = bodyOf(request);
    const raw = readRaw(body);
    const result = await updateCampaignConfig(ctx, campaignId, versionOf(body), raw);
    if (result.kind === 'saved' || result.kind === 'unchanged' || result.kind === 'settled') return reply.redirect(`${BASE}/${campaignId}?m=${result.kind}`, 303);
    const data = await getCampaignPage(ctx, campaignId);
    const page = { ctx: pageContext(request), actor: ctx.actor, data, raw };
    if (result.kind === 'conflict') return sendPage(reply, <CampaignEditPage {...page} errors={{}} version={result.currentVersion} conflict />, 409);
    return sendPage(reply, <CampaignEditPage {...page} errors={result.errors} version={versionOf(body)} />, 422);
  });

  app.get(`${BASE}/:campaignId/status`, async (request, reply) => {
    if (!canConfigure(request)) return reply.redirect(`${BASE}/${campaignIdOf(request)}`, 303);
    const action = query(request).action;
    if (!isStatusAction(action)) throw new NotFound();
    const ctx = serviceContext(request, deps);
    const { page, allowed } = await getStatusConfirmation(ctx, campaignIdOf(request), action);
    return sendPage(reply, <StatusConfirmPage ctx={pageContext(request)} actor={ctx.actor} data={page} action={action} allowed={allowed} />);
  });

  app.post(`${BASE}/:campaignId/status`, async (request, reply) => {
    const campaignId = campaignIdOf(request);
    const body = bodyOf(request);
    const result = await changeCampaignStatus(serviceContext(request, deps), campaignId, body.action, versionOf(body));
    return reply.redirect(`${BASE}/${campaignId}?m=${result}`, 303);
  });

  app.post(`${BASE}/:campaignId/late`, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const campaignId = campaignIdOf(request);
    const body = bodyOf(request);
    const raw = { organisationId: text(body.organisationId), untilDate: text(body.untilDate).slice(0, 50), reason: text(body.reason).slice(0, 5000) };
    const result = await allowLateSubmission(ctx, campaignId, raw);
    if (result.kind !== 'invalid') return reply.redirect(`${BASE}/${campaignId}?m=${result.kind === 'allowed' ? 'late_allowed' : result.kind}`, 303);
    const data = await getCampaignPage(ctx, campaignId);
    const late = await lateForm(ctx, text(body.q).slice(0, 100), raw, result.errors);
    return sendPage(reply, <CampaignPage ctx={pageContext(request)} actor={ctx.actor} data={data} late={late} />, 422);
  });

  app.post(`${BASE}/:campaignId/late/:organisationId/withdraw`, async (request, reply) => {
    const campaignId = campaignIdOf(request);
    const organisationId = (request.params as { organisationId?: string }).organisationId;
    const result = await withdrawLateSubmission(serviceContext(request, deps), campaignId, organisationId);
    return reply.redirect(`${BASE}/${campaignId}?m=${result.kind === 'withdrawn' ? 'late_withdrawn' : result.kind === 'none' ? 'late_none' : result.kind}`, 303);
  });
}
