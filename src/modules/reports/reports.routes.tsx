import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../access/access.ts';
import { FreshAuthenticationRequired } from '../../access/freshness.ts';
import { historyDetails } from '../../audit/history-details.ts';
import { subjectHistory } from '../../audit/history.service.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { ocmwBase, pageContext, serviceContext } from '../../platform/route-context.ts';
import { PostedField, PostedString, ReportYear, Version, keysOf, looseFormBody, oneOf, formBody } from '../../platform/schemas.ts';
import { legacyOcmwRedirects, ocmwRoutes } from '../organisations/ocmw-scope.ts';
import { sendPage } from '../../views/render.ts';
import { renderFormPdf } from '../documents/form-pdf.ts';
import { buildPrintableForm } from './form-printable.ts';
import { isEditablePhase } from '../campaigns/campaign-phase.ts';
import { sectionOf } from '../forms/definition.ts';
import { nextPart } from './part-states.ts';
import { chosenPart } from './form-links.ts';
import { applyRowAction, composeInput, indexAfterBlankRows, readRawInput, recordsTable, withoutBlankRows } from './form-input.ts';
import { getHomepage } from './homepage.service.ts';
import { NotFound } from '../shared/errors.ts';
import { type LoadedForm, formDefinitionFor, formPhase, loadForm, saveForm, signForm, signingPolicy } from './reports.service.ts';
import { ConflictPage } from './views/conflict.view.tsx';
import { FormEditPage } from './views/form-edit.view.tsx';
import { organisationName } from '../shared/organisation-name.ts';
import { HistoryPage } from '../../audit/views/history.view.tsx';
import { Homepage } from './views/homepage.view.tsx';
import { renderFormPage } from './form-page.tsx';
import { completesForm, keyFigures, signableRoles } from './signing-page.ts';
import { SignPage } from './views/sign-page.view.tsx';
import { workbookRoutes } from './workbook.routes.tsx';
import { FormParams } from './route-params.ts';
import { staffRoutes } from './staff.routes.tsx';
import { partUnchanged } from './staff-rows.service.ts';

type Flash = { key: string; kind: 'success' | 'warning' | 'info' };

/** Messages after a redirect, by the code in ?m=: a closed list, nothing from the URL is shown as such. */
const FLASHES: Record<string, Flash> = {
  saved: { key: 'flash.saved', kind: 'success' },
  saved_errors: { key: 'flash.saved_errors', kind: 'warning' },
  saved_blank: { key: 'flash.saved_blank_rows', kind: 'success' },
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
  // back from the step-up before a signature (auth.routes.tsx)
  stepped_up: { key: 'signing_auth.stepped_up', kind: 'info' },
  step_up_refused: { key: 'signing_auth.refused', kind: 'warning' },
  step_up_level: { key: 'signing_auth.level', kind: 'warning' },
  entry_mode_changed: { key: 'flash.entry_mode_changed', kind: 'success' },
  // a staff member removed on their own page (ADR 0042)
  removed: { key: 'staff_page.removed', kind: 'success' },
};

const HOME_FLASHES: Record<string, string> = {
  ocmw_saved: 'flash.ocmw_saved',
  ocmw_saved_dropped: 'flash.ocmw_saved_signatures_dropped',
  ocmw_unchanged: 'flash.ocmw_unchanged',
};

/** The flash code after a redirect: one of FLASHES, anything else shows nothing. */
const FlashQuery = z.object({ m: oneOf(keysOf(FLASHES)) });
const HomeQuery = z.object({ year: ReportYear, m: oneOf(keysOf(HOME_FLASHES)) });
const EditQuery = FlashQuery.extend({ part: PostedString });
/** The form's own fields (f.*, t.*) are read by the form engine (form-input.ts); the rest is declared here. */
const SaveBody = looseFormBody({ version: Version, part: PostedString, action: PostedString });
const SignBody = formBody({ contentHash: PostedField, role: PostedString });
const SignQuery = FlashQuery.extend({ role: oneOf(['CHAIR', 'DIRECTOR']) });

async function loadRequested(request: FastifyRequest, deps: AppDeps, campaignId: string) {
  const ctx = serviceContext(request, deps);
  const form = await loadForm(ctx, campaignId);
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

async function ocmwReportsRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/', { schema: { querystring: HomeQuery } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { year, m } = request.query;
    const home = await getHomepage(ctx, year);
    return sendPage(
      reply,
      <Homepage
        ctx={pageContext(request, organisationName(home.organisation, request.lang))}
        {...home}
        canEditOcmw={can(ctx.actor, 'OcmwDataEdit')}
        flash={m ? HOME_FLASHES[m] : undefined}
      />,
    );
  });

  app.get('/forms/:campaignId', { schema: { params: FormParams, querystring: FlashQuery } }, async (request, reply) => {
    const { m } = request.query;
    return renderFormPage(request, reply, deps, request.params.campaignId, { flash: m ? FLASHES[m] : undefined });
  });

  app.get('/forms/:campaignId/edit', { schema: { params: FormParams, querystring: EditQuery } }, async (request, reply) => {
    const { ctx, form, definition, phase } = await loadRequested(request, deps, request.params.campaignId);
    if (!isEditablePhase(phase) || form.instance?.submitted_at || !can(ctx.actor, 'FormEdit'))
      return reply.redirect(`${ocmwBase(request)}/forms/${form.campaign.id}`, 303);
    const { m } = request.query;
    const part = chosenPart(definition, request.query.part);
    return sendPage(
      reply,
      <FormEditPage
        ctx={page(request, form)}
        form={form}
        definition={definition}
        phase={phase}
        raw={form.raw}
        evaluation={form.evaluation}
        version={form.instance?.version ?? 0}
        flash={m ? FLASHES[m] : undefined}
        part={part}
      />,
    );
  });

  app.post('/forms/:campaignId', { schema: { params: FormParams, body: SaveBody } }, async (request, reply) =>
    saveRoute(request, reply, deps, request.params.campaignId, request.body),
  );

  await workbookRoutes(app, deps);
  await staffRoutes(app, deps);

  // "Ondertekenen" first shows what is signed: the key figures and the declaration (issue 14, item 9).
  app.get('/forms/:campaignId/sign', { schema: { params: FormParams, querystring: SignQuery } }, async (request, reply) => {
    const { ctx, form, definition, phase } = await loadRequested(request, deps, request.params.campaignId);
    const roles = signableRoles(ctx.actor, form, phase);
    const role = roles.find((r) => r === request.query.role) ?? roles[0];
    if (!role) return reply.redirect(`${ocmwBase(request)}/forms/${form.campaign.id}`, 303);
    return sendPage(
      reply,
      <SignPage
        ctx={page(request, form)}
        form={form}
        phase={phase}
        title={request.t(definition.titleKey)}
        role={role}
        completes={completesForm(form)}
        figures={keyFigures(definition, form.evaluation)}
        flash={request.query.m ? FLASHES[request.query.m] : undefined}
      />,
    );
  });

  app.post('/forms/:campaignId/sign', { schema: { params: FormParams, body: SignBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { campaignId } = request.params;
    const signing = signingPolicy(deps.config);
    let result: Awaited<ReturnType<typeof signForm>>;
    try {
      result = await signForm(ctx, campaignId, request.body.contentHash, request.body.role, signing);
    } catch (error) {
      // No fresh signing authentication in this OCMW: to the provider (step-up), then back to this form (ADR 0034).
      if (!(error instanceof FreshAuthenticationRequired)) throw error;
      // Back to the signing page after the step-up: the signer presses the button knowing what they sign.
      const role = request.body.role === 'CHAIR' || request.body.role === 'DIRECTOR' ? `?role=${request.body.role}` : '';
      const returnTo = `${ocmwBase(request)}/forms/${campaignId}/sign${role}`;
      return reply.redirect(`/auth/step-up?ocmw=${request.ocmw!.kbo}&returnTo=${encodeURIComponent(returnTo)}`, 303);
    }
    const code = result.kind === 'refused' ? result.reason : result.kind;
    return reply.redirect(`${ocmwBase(request)}/forms/${campaignId}?m=${code}`, 303);
  });

  app.get('/forms/:campaignId/pdf', { schema: { params: FormParams } }, async (request, reply) => {
    const { ctx, form, definition } = await loadRequested(request, deps, request.params.campaignId);
    if (!form.instance) throw new NotFound();
    const pdf = await renderFormPdf(buildPrintableForm(request.t, request.lang, form, definition, ctx.now));
    const name = `${form.campaign.measure.toLowerCase()}-${form.campaign.report_year}-${form.organisation.kbo}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(pdf);
  });

  app.get('/forms/:campaignId/history', { schema: { params: FormParams } }, async (request, reply) => {
    const { form, definition } = await loadRequested(request, deps, request.params.campaignId);
    if (!form.instance) throw new NotFound();
    const { events, chain } = await subjectHistory(serviceContext(request, deps), form.instance.id);
    const entries = events.map((e) => ({ ...e, details: historyDetails(request.t, e.type, e.payload) }));
    const title = `${request.t('history.title')}: ${request.t(definition.titleKey)} ${form.campaign.report_year}`;
    return sendPage(
      reply,
      <HistoryPage ctx={page(request, form)} title={title} backHref={`${ocmwBase(request)}/forms/${form.campaign.id}`} entries={entries} chain={chain} />,
    );
  });
}

async function saveRoute(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, campaignId: string, body: z.output<typeof SaveBody>) {
  const ctx = serviceContext(request, deps);
  const { campaign, definition } = await formDefinitionFor(ctx, campaignId);
  // A long form posts one part; a part that is not one of the form's is the first one (never "all").
  const part = definition.paged ? chosenPart(definition, body.part) : undefined;
  const posted = readRawInput(definition, body, part);
  // a row action adds or removes a row and keeps the rest as typed; "Opslaan" leaves out the rows nothing was typed in
  const rowAction = typeof body.action === 'string' && /^(add|remove):/.test(body.action);
  const { raw, anchor, dropped } = rowAction
    ? { ...applyRowAction(definition, posted, body.action), dropped: 0 }
    : { ...withoutBlankRows(definition, posted), anchor: undefined };
  const base = `${ocmwBase(request)}/forms/${campaign.id}`;
  // "Wijzigen", "Verwijderen", "Personeelslid toevoegen" of a records table: the part is saved (what was typed on it is
  // kept), then the member's own page opens (ADR 0042); a part in which nothing changed is not saved again.
  const memberPage = recordAction(definition, body.action, posted.tables, base);
  if (memberPage && (await partUnchanged(ctx, campaign.id, body.version, definition, raw, part))) return reply.redirect(memberPage.href(false), 303);
  const result = await saveForm(ctx, campaign.id, body.version, raw, part);
  const editPage = `${base}/edit${part ? `?part=${part}` : ''}`;
  switch (result.kind) {
    case 'saved': {
      if (memberPage) return reply.redirect(memberPage.href(true), 303);
      if (anchor) return reply.redirect(`${editPage}#${anchor}`, 303);
      const code = result.droppedSignatures > 0 ? 'dropped' : result.hasErrors ? 'saved_errors' : dropped > 0 ? 'saved_blank' : 'saved';
      // Back to the edit page when the part just saved has errors; "Opslaan en verder" to the next part; else to the
      // form with its task list and summary.
      const partHasErrors = result.evaluation.issues.some((i) => i.severity === 'error' && (!part || sectionOf(definition, i.path)?.key === part));
      if (partHasErrors) return reply.redirect(`${editPage}${part ? '&' : '?'}m=${code}`, 303);
      const next = body.action === 'next' ? nextPart(definition, part) : undefined;
      return reply.redirect(next ? `${base}/edit?part=${next}&m=${code}` : `${base}?m=${code}`, 303);
    }
    case 'conflict': {
      const mine = await loadForm(ctx, campaign.id, composeInput(definition, result.current.raw, raw, { part, entryMode: result.current.entryMode }));
      return sendPage(
        reply,
        <ConflictPage ctx={page(request, result.current)} current={result.current} definition={definition} raw={mine.raw} evaluation={mine.evaluation} />,
        409,
      );
    }
    case 'submitted':
      return reply.redirect(`${base}?m=already_submitted`, 303);
    case 'not_open':
      return reply.redirect(`${base}?m=not_open`, 303);
  }
}

/**
 * The page a records-table action opens: `person:<table>:<row|new>` the member's page, `confirm-remove:<table>:<row>`
 * the question before removing them. `saved`: the part was saved, so the rows are those left after blank ones.
 */
function recordAction(
  definition: Parameters<typeof recordsTable>[0],
  action: unknown,
  postedRows: Record<string, Array<Record<string, string>>>,
  base: string,
): { href(saved: boolean): string } | undefined {
  if (typeof action !== 'string') return undefined;
  const match = /^(person|confirm-remove):([A-Za-z0-9]+):(new|\d{1,4})$/.exec(action);
  const table = match ? recordsTable(definition, match[2]) : undefined;
  if (!match || !table || (match[1] === 'confirm-remove' && match[3] === 'new')) return undefined;
  const rows = postedRows[table.key] ?? [];
  if (match[3] !== 'new' && Number(match[3]) >= rows.length) return undefined;
  return {
    href(saved) {
      const row = match[3] === 'new' ? 'new' : saved ? indexAfterBlankRows(table, rows, Number(match[3])) : Number(match[3]);
      return `${base}/staff/${table.key}/${row}${match[1] === 'confirm-remove' ? '?action=remove' : ''}`;
    },
  };
}
