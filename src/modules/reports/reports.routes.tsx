import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../access/access.ts';
import { historyDetails } from '../../audit/history-details.ts';
import { subjectHistory } from '../../audit/history.service.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { bodyOf, ocmwBase, pageContext, serviceContext } from '../../platform/route-context.ts';
import { legacyOcmwRedirects, ocmwRoutes } from '../organisations/ocmw-scope.ts';
import { sendPage } from '../../views/render.ts';
import { renderFormPdf } from '../documents/form-pdf.ts';
import { buildPrintableForm } from '../documents/form-printable.ts';
import { isEditablePhase } from './campaigns.repository.ts';
import { sectionOf } from '../forms/definition.ts';
import { chosenPart } from './form-links.ts';
import { applyRowAction, composeInput, readRawInput } from './form-input.ts';
import { getHomepage } from './homepage.service.ts';
import { NotFound } from '../shared/errors.ts';
import { type LoadedForm, formDefinitionFor, formPhase, loadForm, saveForm, signForm } from './reports.service.ts';
import { ConflictPage } from './views/conflict.view.tsx';
import { FormEditPage } from './views/form-edit.view.tsx';
import { organisationName } from '../organisations/organisation-name.ts';
import { HistoryPage } from '../../audit/views/history.view.tsx';
import { Homepage } from './views/homepage.view.tsx';
import { renderFormPage } from './form-page.tsx';
import { workbookRoutes } from './workbook.routes.tsx';
import { campaignIdOf } from './route-params.ts';


type Flash = { key: string; kind: 'success' | 'warning' | 'info' };

/** Messages after a redirect, by the code in ?m=: a closed list, nothing from the URL is shown as such. */
const FLASHES: Record<string, Flash> = {
  saved: { key: 'flash.saved', kind: 'success' },
  saved_errors: { key: 'flash.saved_errors', kind: 'warning' },
  dropped: { key: 'flash.signatures_dropped', kind: 'warning' },
  signed: { key: 'flash.signed', kind: 'success' },
  submitted: { key: 'flash.submitted', kind: 'success' },
  not_started: { key: 'refusal.not_started', kind: 'warning' },
  not_open: { key: 'refusal.not_open', kind: 'warning' },
  already_submitted: { key: 'refusal.already_submitted', kind: 'warning' },
  changed: { key: 'refusal.changed', kind: 'warning' },
  has_errors: { key: 'refusal.has_errors', kind: 'warning' },
  ocmw_incomplete: { key: 'refusal.ocmw_incomplete', kind: 'warning' },
  no_role: { key: 'refusal.no_role', kind: 'warning' },
  role_signed: { key: 'refusal.role_signed', kind: 'info' },
  same_person: { key: 'refusal.same_person', kind: 'warning' },
  workbook_uploaded: { key: 'flash.workbook_uploaded', kind: 'success' },
  entry_mode_changed: { key: 'flash.entry_mode_changed', kind: 'success' },
};

const HOME_FLASHES: Record<string, string> = {
  ocmw_saved: 'flash.ocmw_saved',
  ocmw_saved_dropped: 'flash.ocmw_saved_signatures_dropped',
  ocmw_unchanged: 'flash.ocmw_unchanged',
};

function flashOf(request: FastifyRequest): Flash | undefined {
  const m = (request.query as Record<string, unknown>).m;
  return typeof m === 'string' ? FLASHES[m] : undefined;
}


async function loadRequested(request: FastifyRequest, deps: AppDeps) {
  const ctx = serviceContext(request, deps);
  const form = await loadForm(ctx, campaignIdOf(request));
  return { ctx, form, definition: form.definition, phase: formPhase(form, ctx.now) };
}

function page(request: FastifyRequest, form: LoadedForm) {
  return pageContext(request, organisationName(form.organisation, request.lang));
}

export async function reportsRoutes(app: FastifyInstance, deps: AppDeps) {
  // "/" and the addresses of before the OCMW was in the URL lead to the OCMW last opened in this session.
  legacyOcmwRedirects(app, deps);
  await ocmwRoutes(app, deps, (scope) => ocmwReportsRoutes(scope, deps));
}

async function ocmwReportsRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/', async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const year = Number.parseInt(String((request.query as Record<string, unknown>).year ?? ''), 10);
    const home = await getHomepage(ctx, Number.isInteger(year) ? year : null);
    const m = (request.query as Record<string, unknown>).m;
    return sendPage(
      reply,
      <Homepage
        ctx={pageContext(request, organisationName(home.organisation, request.lang))}
        {...home}
        canEditOcmw={can(ctx.actor, 'OcmwDataEdit')}
        canSwitchOcmw
        flash={typeof m === 'string' ? HOME_FLASHES[m] : undefined}
      />,
    );
  });

  app.get('/forms/:campaignId', async (request, reply) => renderFormPage(request, reply, deps, campaignIdOf(request), { flash: flashOf(request) }));

  app.get('/forms/:campaignId/edit', async (request, reply) => {
    const { ctx, form, definition, phase } = await loadRequested(request, deps);
    if (!isEditablePhase(phase) || form.instance?.submitted_at || !can(ctx.actor, 'FormEdit')) return reply.redirect(`${ocmwBase(request)}/forms/${form.campaign.id}`, 303);
    const part = chosenPart(definition, (request.query as Record<string, unknown>).part);
    return sendPage(
      reply,
      <FormEditPage ctx={page(request, form)} form={form} definition={definition} phase={phase} raw={form.raw} evaluation={form.evaluation} version={form.instance?.version ?? 0} flash={flashOf(request)} part={part} />,
    );
  });

  app.post('/forms/:campaignId', async (request, reply) => saveRoute(request, reply, deps));

  await workbookRoutes(app, deps);



  app.post('/forms/:campaignId/sign', async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const campaignId = campaignIdOf(request);
    const body = bodyOf(request);
    const result = await signForm(ctx, campaignId, String(body.contentHash ?? ''), body.role);
    const code = result.kind === 'refused' ? result.reason : result.kind;
    return reply.redirect(`${ocmwBase(request)}/forms/${campaignId}?m=${code}`, 303);
  });

  app.get('/forms/:campaignId/pdf', async (request, reply) => {
    const { ctx, form, definition } = await loadRequested(request, deps);
    if (!form.instance) throw new NotFound();
    const pdf = await renderFormPdf(buildPrintableForm(request.t, request.lang, form, definition, ctx.now));
    const name = `${form.campaign.measure.toLowerCase()}-${form.campaign.report_year}-${form.organisation.kbo}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(pdf);
  });

  app.get('/forms/:campaignId/history', async (request, reply) => {
    const { form, definition } = await loadRequested(request, deps);
    if (!form.instance) throw new NotFound();
    const { events, chain } = await subjectHistory(serviceContext(request, deps), form.instance.id);
    const entries = events.map((e) => ({ ...e, details: historyDetails(request.t, e.type, e.payload) }));
    const title = `${request.t('history.title')}: ${request.t(definition.titleKey)} ${form.campaign.report_year}`;
    return sendPage(reply, <HistoryPage ctx={page(request, form)} title={title} backHref={`${ocmwBase(request)}/forms/${form.campaign.id}`} entries={entries} chain={chain} />);
  });
}

async function saveRoute(request: FastifyRequest, reply: FastifyReply, deps: AppDeps) {
  const ctx = serviceContext(request, deps);
  const { campaign, definition } = await formDefinitionFor(ctx, campaignIdOf(request));
  const body = bodyOf(request);
  const version = Number.parseInt(String(body.version ?? ''), 10);
  // A long form posts one part; a part that is not one of the form's is the first one (never "all").
  const part = definition.paged ? chosenPart(definition, body.part) : undefined;
  const { raw, anchor } = applyRowAction(definition, readRawInput(definition, body, part), body.action);
  const result = await saveForm(ctx, campaign.id, Number.isInteger(version) ? version : -1, raw, part);
  const base = `${ocmwBase(request)}/forms/${campaign.id}`;
  const editPage = `${base}/edit${part ? `?part=${part}` : ''}`;
  switch (result.kind) {
    case 'saved': {
      if (anchor) return reply.redirect(`${editPage}#${anchor}`, 303);
      const code = result.droppedSignatures > 0 ? 'dropped' : result.hasErrors ? 'saved_errors' : 'saved';
      // Back to the edit page when the part just saved has errors; else to the form with its summary.
      const partHasErrors = result.evaluation.issues.some((i) => i.severity === 'error' && (!part || sectionOf(definition, i.path)?.key === part));
      return reply.redirect(partHasErrors ? `${editPage}${part ? '&' : '?'}m=${code}` : `${base}?m=${code}`, 303);
    }
    case 'conflict': {
      const mine = await loadForm(ctx, campaign.id, composeInput(definition, result.current.raw, raw, { part, entryMode: result.current.entryMode }));
      return sendPage(reply, <ConflictPage ctx={page(request, result.current)} current={result.current} definition={definition} raw={mine.raw} evaluation={mine.evaluation} />, 409);
    }
    case 'submitted':
      return reply.redirect(`${base}?m=already_submitted`, 303);
    case 'not_open':
      return reply.redirect(`${base}?m=not_open`, 303);
  }
}
