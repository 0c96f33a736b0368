import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, requireAccess } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { PositiveInt, Uuid, Version, formBody, keysOf, oneOf } from '../../../platform/schemas.ts';
import { readUpload } from '../../../platform/uploads.ts';
import { sendPage } from '../../../views/render.ts';
import { PostedText } from '../../shared/posted-text.ts';
import type { HtbFormValues, StaffAddValues, StaffChangeValues } from './access-admin.model.ts';
import { commitHtbImport, discardHtbImport, getHtbImport, htbImportOverview, htbTemplateCsv, htbTemplateXlsx, stageHtbImport } from './htb-import.service.ts';
import { accessList, confirmHtbAppointment, ocmwAccess, reviewHtbAppointment } from './htb.service.ts';
import { confirmStaffAdd, confirmStaffChange, podmiStaff, reviewStaffAdd, reviewStaffChange, staffMember } from './podmi-staff.service.ts';
import { HtbImportPage, HtbImportsPage } from './views/htb-import.view.tsx';
import { AccessListPage, type Flash, HtbOverviewPage, OcmwAccessPage } from './views/htb.view.tsx';
import { StaffAddOverviewPage, StaffChangeOverviewPage, StaffListPage, StaffMemberPage } from './views/podmi-staff.view.tsx';

const BASE = '/backoffice/access';

/** Messages after a redirect, by the code in ?m=: a closed list. */
const FLASHES: Record<string, Flash> = {
  appointed: { kind: 'success', key: 'bo.access_admin.flash.appointed' },
  added: { kind: 'success', key: 'bo.access_admin.flash.added' },
  change: { kind: 'success', key: 'bo.access_admin.flash.changed' },
  remove: { kind: 'success', key: 'bo.access_admin.flash.removed' },
  block: { kind: 'success', key: 'bo.access_admin.flash.blocked' },
  unblock: { kind: 'success', key: 'bo.access_admin.flash.unblocked' },
  committed: { kind: 'success', key: 'bo.access_admin.flash.committed' },
  discarded: { kind: 'info', key: 'bo.access_admin.flash.discarded' },
  not_staged: { kind: 'warning', key: 'refdata.flash.not_staged' },
  has_problems: { kind: 'warning', key: 'refdata.flash.has_problems' },
  stale: { kind: 'warning', key: 'bo.access_admin.flash.stale_list' },
};
const STALE: Flash = { kind: 'warning', key: 'bo.access_admin.flash.stale' };

const FlashQuery = z.object({ m: oneOf(keysOf(FLASHES)) });
const ListQuery = z.object({ q: PostedText.transform((v) => v.slice(0, 100)), page: PositiveInt });
const StepQuery = z.object({ step: oneOf(['edit']) });
const OrganisationParams = z.object({ organisationId: Uuid });
const PersonParams = z.object({ personId: Uuid });
const ImportParams = z.object({ importId: Uuid });

const Checkbox = PostedText.transform((v) => v !== '');
const PersonBody = { insz: PostedText, firstName: PostedText, lastName: PostedText, email: PostedText, language: PostedText };
const HtbBody = formBody({ ...PersonBody, keepPrevious: Checkbox, expected: PostedText });
const StaffAddBody = formBody({ ...PersonBody, role: PostedText, expected: Version });
const ACTIONS = ['change', 'remove', 'block', 'unblock'] as const;
const StaffChangeBody = formBody({
  action: oneOf(ACTIONS),
  role: PostedText,
  email: PostedText,
  language: PostedText,
  blockedUntil: PostedText,
  version: Version,
});

function htbValues(body: z.output<typeof HtbBody>): HtbFormValues {
  return { insz: body.insz, firstName: body.firstName, lastName: body.lastName, email: body.email, language: body.language, keepPrevious: body.keepPrevious };
}

function staffAddValues(body: z.output<typeof StaffAddBody>): StaffAddValues {
  return { insz: body.insz, firstName: body.firstName, lastName: body.lastName, email: body.email, language: body.language, role: body.role };
}

function staffChangeValues(body: z.output<typeof StaffChangeBody>): StaffChangeValues {
  return { action: body.action ?? 'change', role: body.role, email: body.email, language: body.language, blockedUntil: body.blockedUntil };
}

const EMPTY_PERSON = { insz: '', firstName: '', lastName: '', email: '', language: '' };

/**
 * POD MI's side of access management (issue 12, item 7; ADR 0032): the HTB of every OCMW (one by one or from a
 * list) and POD MI's own staff. The beheerder only (AccessAdminister): checked before the schemas, so the
 * dossierbeheerder gets 403 whatever the URL, and again by every service.
 */
export async function accessAdminRoutes(scope: FastifyInstance, deps: AppDeps) {
  // The back office's guard (BackofficeRead) ran before and read POD MI's rights of the person.
  scope.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.actor) requireAccess(request.actor, 'AccessAdminister');
  });
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const actorOf = (request: FastifyRequest) => request.actor as Actor;

  // ------------------------------------------------------------------------------------------- HTB of the OCMWs

  app.get(BASE, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const list = await accessList(serviceContext(request, deps), { search: request.query.q, page: request.query.page ?? 1, lang: request.lang });
    return sendPage(reply, <AccessListPage ctx={pageContext(request)} actor={actorOf(request)} list={list} />);
  });

  app.get(`${BASE}/ocmw/:organisationId`, { schema: { params: OrganisationParams, querystring: FlashQuery } }, async (request, reply) => {
    const access = await ocmwAccess(serviceContext(request, deps), request.params.organisationId);
    const values = { ...EMPTY_PERSON, language: access.ocmw.language, keepPrevious: false };
    const { m } = request.query;
    return sendPage(
      reply,
      <OcmwAccessPage ctx={pageContext(request)} actor={actorOf(request)} access={access} values={values} errors={{}} flash={m ? FLASHES[m] : undefined} />,
    );
  });

  // "Opslaan": the overview, or the form with its errors; "Wijzigen" on the overview (?step=edit): the form as typed.
  app.post(`${BASE}/ocmw/:organisationId`, { schema: { params: OrganisationParams, querystring: StepQuery, body: HtbBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { organisationId } = request.params;
    const values = htbValues(request.body);
    const access = await ocmwAccess(ctx, organisationId);
    const page = pageContext(request);
    if (request.query.step === 'edit')
      return sendPage(reply, <OcmwAccessPage ctx={page} actor={actorOf(request)} access={access} values={values} errors={{}} />);
    const review = await reviewHtbAppointment(ctx, organisationId, values);
    if (review.kind === 'invalid')
      return sendPage(reply, <OcmwAccessPage ctx={page} actor={actorOf(request)} access={access} values={values} errors={review.errors} />, 422);
    return sendPage(reply, <HtbOverviewPage ctx={page} actor={actorOf(request)} access={access} overview={review.overview} />);
  });

  app.post(`${BASE}/ocmw/:organisationId/confirm`, { schema: { params: OrganisationParams, body: HtbBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { organisationId } = request.params;
    const values = htbValues(request.body);
    const result = await confirmHtbAppointment(ctx, organisationId, values, request.body.expected);
    if (result.kind === 'appointed') return reply.redirect(`${BASE}/ocmw/${organisationId}?m=appointed`, 303);
    const access = await ocmwAccess(ctx, organisationId);
    const page = pageContext(request);
    if (result.kind === 'stale')
      return sendPage(reply, <OcmwAccessPage ctx={page} actor={actorOf(request)} access={access} values={values} errors={{}} flash={STALE} />, 409);
    return sendPage(reply, <OcmwAccessPage ctx={page} actor={actorOf(request)} access={access} values={values} errors={result.errors} />, 422);
  });

  // ------------------------------------------------------------------------------------------- HTB lists

  app.get(`${BASE}/imports`, async (request, reply) => {
    const imports = await htbImportOverview(serviceContext(request, deps));
    return sendPage(reply, <HtbImportsPage ctx={pageContext(request)} actor={actorOf(request)} imports={imports} keepPrevious={false} />);
  });

  app.post(`${BASE}/imports`, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const upload = await readUpload(request, ['keepPrevious']);
    const keepPrevious = (upload.fields.keepPrevious ?? '') !== '';
    const result = await stageHtbImport(ctx, { file: upload.file, tooLarge: upload.tooLarge, keepPrevious });
    if (result.kind === 'staged') return reply.redirect(`${BASE}/imports/${result.importId}`, 303);
    const imports = await htbImportOverview(ctx);
    return sendPage(
      reply,
      <HtbImportsPage ctx={pageContext(request)} actor={actorOf(request)} imports={imports} error={result.error} keepPrevious={keepPrevious} />,
      422,
    );
  });

  app.get(`${BASE}/imports/template.csv`, async (request, reply) => {
    const csv = htbTemplateCsv(serviceContext(request, deps));
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="htb-list.csv"').send(csv);
  });

  app.get(`${BASE}/imports/template.xlsx`, async (request, reply) => {
    const bytes = await htbTemplateXlsx(serviceContext(request, deps), request.t);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="htb-list.xlsx"')
      .send(bytes);
  });

  app.get(`${BASE}/imports/:importId`, { schema: { params: ImportParams, querystring: FlashQuery } }, async (request, reply) => {
    const detail = await getHtbImport(serviceContext(request, deps), request.params.importId);
    const { m } = request.query;
    return sendPage(reply, <HtbImportPage ctx={pageContext(request)} actor={actorOf(request)} detail={detail} flash={m ? FLASHES[m] : undefined} />);
  });

  app.post(`${BASE}/imports/:importId/commit`, { schema: { params: ImportParams } }, async (request, reply) => {
    const { importId } = request.params;
    const result = await commitHtbImport(serviceContext(request, deps), importId);
    return reply.redirect(`${BASE}/imports/${importId}?m=${result}`, 303);
  });

  app.post(`${BASE}/imports/:importId/discard`, { schema: { params: ImportParams } }, async (request, reply) => {
    const { importId } = request.params;
    const result = await discardHtbImport(serviceContext(request, deps), importId);
    return reply.redirect(`${BASE}/imports/${importId}?m=${result}`, 303);
  });

  // ------------------------------------------------------------------------------------------- POD MI's staff

  const staffList = async (request: FastifyRequest, values: StaffAddValues, errors: Record<string, string>, flash?: Flash) => {
    const staff = await podmiStaff(serviceContext(request, deps));
    return <StaffListPage ctx={pageContext(request)} actor={actorOf(request)} staff={staff} values={values} errors={errors} flash={flash} />;
  };

  app.get(`${BASE}/podmi`, { schema: { querystring: FlashQuery } }, async (request, reply) => {
    const { m } = request.query;
    return sendPage(reply, await staffList(request, { ...EMPTY_PERSON, language: 'nl', role: '' }, {}, m ? FLASHES[m] : undefined));
  });

  app.post(`${BASE}/podmi`, { schema: { querystring: StepQuery, body: StaffAddBody } }, async (request, reply) => {
    const values = staffAddValues(request.body);
    if (request.query.step === 'edit') return sendPage(reply, await staffList(request, values, {}));
    const review = await reviewStaffAdd(serviceContext(request, deps), values);
    if (review.kind === 'invalid') return sendPage(reply, await staffList(request, values, review.errors), 422);
    return sendPage(reply, <StaffAddOverviewPage ctx={pageContext(request)} actor={actorOf(request)} overview={review.overview} />);
  });

  app.post(`${BASE}/podmi/confirm`, { schema: { body: StaffAddBody } }, async (request, reply) => {
    const values = staffAddValues(request.body);
    const result = await confirmStaffAdd(serviceContext(request, deps), values, request.body.expected);
    if (result.kind === 'added') return reply.redirect(`${BASE}/podmi/${result.personId}?m=added`, 303);
    if (result.kind === 'stale') return sendPage(reply, await staffList(request, values, {}, STALE), 409);
    return sendPage(reply, await staffList(request, values, result.errors), 422);
  });

  /** A staff member's page; after an error, what was typed in the form that was posted (the other form as stored). */
  const memberPage = async (
    request: FastifyRequest,
    personId: string,
    typed: StaffChangeValues | null,
    extra: Partial<Parameters<typeof StaffMemberPage>[0]>,
  ) => {
    const member = await staffMember(serviceContext(request, deps), personId);
    const stored: StaffChangeValues = { action: 'change', role: member.role, email: member.email ?? '', language: member.language ?? 'nl', blockedUntil: '' };
    const shown = !typed ? stored : typed.action === 'change' ? typed : { ...stored, blockedUntil: typed.blockedUntil };
    return <StaffMemberPage ctx={pageContext(request)} actor={actorOf(request)} member={member} values={shown} errors={{}} {...extra} />;
  };

  app.get(`${BASE}/podmi/:personId`, { schema: { params: PersonParams, querystring: FlashQuery } }, async (request, reply) => {
    const { m } = request.query;
    return sendPage(reply, await memberPage(request, request.params.personId, null, { flash: m ? FLASHES[m] : undefined }));
  });

  app.post(`${BASE}/podmi/:personId`, { schema: { params: PersonParams, body: StaffChangeBody } }, async (request, reply) => {
    const { personId } = request.params;
    const values = staffChangeValues(request.body);
    const review = await reviewStaffChange(serviceContext(request, deps), personId, values);
    if (review.kind === 'refused') return sendPage(reply, await memberPage(request, personId, null, { refusal: review.reason }), 409);
    if (review.kind === 'invalid') return sendPage(reply, await memberPage(request, personId, values, { errors: review.errors }), 422);
    return sendPage(reply, <StaffChangeOverviewPage ctx={pageContext(request)} actor={actorOf(request)} overview={review.overview} />);
  });

  app.post(`${BASE}/podmi/:personId/confirm`, { schema: { params: PersonParams, body: StaffChangeBody } }, async (request, reply) => {
    const { personId } = request.params;
    const values = staffChangeValues(request.body);
    const result = await confirmStaffChange(serviceContext(request, deps), personId, values, request.body.version);
    if (result.kind === 'done')
      return reply.redirect(result.action === 'remove' ? `${BASE}/podmi?m=remove` : `${BASE}/podmi/${personId}?m=${result.action}`, 303);
    if (result.kind === 'stale') {
      const still = await staffMember(serviceContext(request, deps), personId).catch(() => null);
      if (!still) return sendPage(reply, await staffList(request, { ...EMPTY_PERSON, language: 'nl', role: '' }, {}, STALE), 409);
      return sendPage(reply, await memberPage(request, personId, null, { flash: STALE }), 409);
    }
    if (result.kind === 'refused') return sendPage(reply, await memberPage(request, personId, null, { refusal: result.reason }), 409);
    return sendPage(reply, await memberPage(request, personId, values, { errors: result.errors }), 422);
  });
}
