import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.ts';
import { ocmwBase, pageContext, serviceContext } from '../../platform/route-context.ts';
import { PostedField, Uuid, Version, formBody, keysOf, oneOf } from '../../platform/schemas.ts';
import { sendPage } from '../../views/render.ts';
import { OcmwParams, ocmwRoutes } from '../organisations/ocmw-scope.ts';
import { PostedText } from '../shared/posted-text.ts';
import { accessAuditCsv, accessEvents } from './access-audit-csv.ts';
import { type PersonInput, postedApplications } from './access-input.ts';
import {
  FLASH_KEYS,
  type Flash,
  type ListInput,
  REFUSAL_KEYS,
  PURPOSES,
  accessAudit,
  accessHome,
  cancelDraft,
  confirmDraft,
  draftOverview,
  listAction,
  removeRole,
  requirePurpose,
  savePerson,
  startPerson,
  userForm,
} from './access-management.service.ts';
import { AccessAuditPage } from './views/audit.view.tsx';
import { AccessHomePage, type AccessHomeProps } from './views/access-home.view.tsx';
import { ConfirmRefusedPage, DraftOverviewPage } from './views/overview.view.tsx';
import { InszStepPage, PersonFormPage } from './views/person-form.view.tsx';

/** The flash message of Toegangsbeheer's home (?m=…); any other code shows nothing. */
const HomeQuery = z.object({ q: PostedField, m: oneOf(keysOf(FLASH_KEYS)) });
const PurposeParams = OcmwParams.extend({ purpose: z.enum(PURPOSES) });
const AppointParams = OcmwParams.extend({ purpose: z.enum(['tb', 'co-htb', 'co-tb']) });
const PersonParams = OcmwParams.extend({ personId: Uuid });
const RoleParams = OcmwParams.extend({ role: z.enum(['co-htb', 'co-tb']), personId: Uuid });
const DraftParams = OcmwParams.extend({ draftId: Uuid });

/** Ticked boxes arrive as one value or an array; only well-formed ids are kept. */
const PostedIds = z
  .unknown()
  .optional()
  .transform((value) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && Uuid.safeParse(v).success),
  );

const StartBody = formBody({ insz: PostedText });
const ListBody = formBody({ action: PostedText, personIds: PostedIds, until: PostedText });
const PersonBody = formBody({
  version: Version,
  insz: PostedText,
  firstName: PostedText,
  lastName: PostedText,
  email: PostedText,
  phone: PostedText,
  language: PostedText,
  applications: z.unknown().optional().transform(postedApplications),
  keepAsCoTb: PostedText,
});

/** Toegangsbeheer of the OCMW of the URL (issue 12, item 5): /ocmw/{kbo}/access… */
export async function accessManagementRoutes(app: FastifyInstance, deps: AppDeps) {
  await ocmwRoutes(app, deps, (scope) => routes(scope, deps));
}

async function renderHome(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, extra: Omit<AccessHomeProps, 'ctx' | 'home'>, status = 200) {
  const home = await accessHome(serviceContext(request, deps), '', request.lang);
  return sendPage(reply, <AccessHomePage ctx={pageContext(request, home.organisationName)} home={home} {...extra} />, status);
}

async function routes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const home = (request: FastifyRequest, code?: Flash) => `${ocmwBase(request)}/access${code ? `?m=${code}` : ''}`;

  app.get('/access', { schema: { querystring: HomeQuery } }, async (request, reply) => {
    const model = await accessHome(serviceContext(request, deps), request.query.q, request.lang);
    return sendPage(reply, <AccessHomePage ctx={pageContext(request, model.organisationName)} home={model} flash={request.query.m as Flash | undefined} />);
  });

  // The list action ("Uitvoeren"): remove, block or unblock the ticked users, after the confirmation.
  app.post('/access/users/action', { schema: { body: ListBody } }, async (request, reply) => {
    const input: ListInput = { action: request.body.action, personIds: request.body.personIds, until: request.body.until };
    const result = await listAction(serviceContext(request, deps), input);
    if (result.kind === 'draft') return reply.redirect(`${ocmwBase(request)}/access/drafts/${result.id}`, 303);
    return renderHome(request, reply, deps, { list: { input, errors: result.errors } }, 422);
  });

  // Appointments, step 1: the INSZ.
  app.get('/access/appoint/:purpose', { schema: { params: AppointParams } }, async (request, reply) => {
    // The same permission as the next step: a person who may not appoint this role gets 403 here already.
    const { purpose } = request.params;
    requirePurpose(serviceContext(request, deps), purpose);
    return sendPage(reply, <InszStepPage ctx={pageContext(request)} purpose={purpose} insz="" />);
  });

  // Step 1 → 2: "Volgende" with an INSZ; a user already present opens their page.
  app.post('/access/start/:purpose', { schema: { params: PurposeParams, body: StartBody } }, async (request, reply) => {
    const { purpose } = request.params;
    const result = await startPerson(serviceContext(request, deps), purpose, request.body.insz);
    if (result.kind === 'open_user') return reply.redirect(`${ocmwBase(request)}/access/users/${result.personId}`, 303);
    if (result.kind === 'form') return sendPage(reply, <PersonFormPage ctx={pageContext(request)} form={result.form} />);
    if (purpose === 'user') return renderHome(request, reply, deps, { addUser: { insz: result.insz, error: result.error } }, 422);
    return sendPage(reply, <InszStepPage ctx={pageContext(request)} purpose={purpose} insz={result.insz} error={result.error} />, 422);
  });

  // The page of one user of the domain.
  app.get('/access/users/:personId', { schema: { params: PersonParams } }, async (request, reply) => {
    const form = await userForm(serviceContext(request, deps), request.params.personId);
    return sendPage(reply, <PersonFormPage ctx={pageContext(request)} form={form} />);
  });

  // Step 2: "Opslaan" → the overview (nothing changes yet).
  app.post('/access/save/:purpose', { schema: { params: PurposeParams, body: PersonBody } }, async (request, reply) => {
    const body = request.body;
    const input: PersonInput = {
      insz: body.insz,
      firstName: body.firstName,
      lastName: body.lastName,
      email: body.email,
      phone: body.phone,
      language: body.language,
      applications: body.applications,
      keepAsCoTb: body.keepAsCoTb === 'yes',
    };
    const result = await savePerson(serviceContext(request, deps), request.params.purpose, body.version, input);
    if (result.kind === 'draft') return reply.redirect(`${ocmwBase(request)}/access/drafts/${result.id}`, 303);
    if (result.kind === 'unchanged') return reply.redirect(home(request, 'unchanged'), 303);
    return sendPage(reply, <PersonFormPage ctx={pageContext(request)} form={result.form} />, result.kind === 'refused' ? 403 : result.status);
  });

  // Remove a co-HTB or co-TB: the overview comes next.
  app.post('/access/roles/:role/:personId/remove', { schema: { params: RoleParams } }, async (request, reply) => {
    const role = request.params.role === 'co-htb' ? 'CO_HTB' : 'CO_TB';
    const result = await removeRole(serviceContext(request, deps), role, request.params.personId);
    if (result.kind === 'draft') return reply.redirect(`${ocmwBase(request)}/access/drafts/${result.id}`, 303);
    return sendPage(reply, <ConfirmRefusedPage ctx={pageContext(request)} kind="refused" text={request.t(REFUSAL_KEYS[result.reason])} />, 403);
  });

  app.get('/access/drafts/:draftId', { schema: { params: DraftParams } }, async (request, reply) => {
    const overview = await draftOverview(serviceContext(request, deps), request.params.draftId);
    return sendPage(reply, <DraftOverviewPage ctx={pageContext(request)} overview={overview} />);
  });

  // "Bevestigen": applied now, or nothing changes (stale, refused, expired) and the page says why.
  app.post('/access/drafts/:draftId/confirm', { schema: { params: DraftParams } }, async (request, reply) => {
    const result = await confirmDraft(serviceContext(request, deps), request.params.draftId);
    if (result.kind === 'done') return reply.redirect(home(request, result.flash), 303);
    if (result.kind === 'expired') return reply.redirect(home(request, 'expired'), 303);
    const text = result.kind === 'stale' ? request.t('access.stale_text', { names: result.names.join(', ') }) : request.t(REFUSAL_KEYS[result.reason]);
    return sendPage(reply, <ConfirmRefusedPage ctx={pageContext(request)} kind={result.kind} text={text} />, result.kind === 'stale' ? 409 : 403);
  });

  app.post('/access/drafts/:draftId/cancel', { schema: { params: DraftParams } }, async (request, reply) => {
    await cancelDraft(serviceContext(request, deps), request.params.draftId);
    return reply.redirect(home(request, 'cancelled'), 303);
  });

  app.get('/access/audit', async (request, reply) => {
    const { rows, scope: seen } = await accessAudit(serviceContext(request, deps));
    return sendPage(reply, <AccessAuditPage ctx={pageContext(request)} events={accessEvents(request.t, rows)} scope={seen} />);
  });

  app.get('/access/audit.csv', async (request, reply) => {
    const { rows } = await accessAudit(serviceContext(request, deps));
    const csv = accessAuditCsv(request.t, request.lang, accessEvents(request.t, rows));
    const name = `${request.t('access.audit_file')}-${request.ocmw?.kbo ?? ''}.csv`.replace(/[^\w.-]/g, '_');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
  });
}
