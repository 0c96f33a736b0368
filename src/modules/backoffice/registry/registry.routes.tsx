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
import { confirmEdit, reviewEdit } from './registry-edit.service.ts';
import {
  commitRegistryImport,
  discardRegistryImport,
  getRegistryImport,
  registryImportOverview,
  registryTemplateCsv,
  stageRegistryImport,
} from './registry-import.service.ts';
import {
  ADMINISTRATION_LANGUAGES,
  type EditValues,
  ORGANISATION_TYPES,
  type OrganisationDetail,
  REGIONS,
  STATUSES,
  organisationDetail,
  registryList,
} from './registry.service.ts';
import { RegistryImportPage, RegistryImportsPage } from './views/import.view.tsx';
import { EditPage, EditReviewPage, OrganisationPage } from './views/organisation.view.tsx';
import type { Flash } from './views/parts.tsx';
import { RegistryListPage } from './views/registry-list.view.tsx';

const BASE = '/backoffice/registry';

/** Messages after a redirect, by the code in ?m=: a closed list. */
const FLASHES: Record<string, Flash> = {
  saved: { kind: 'success', key: 'bo.registry.flash.saved' },
  committed: { kind: 'success', key: 'bo.registry.flash.committed' },
  discarded: { kind: 'info', key: 'bo.registry.flash.discarded' },
  not_staged: { kind: 'warning', key: 'refdata.flash.not_staged' },
  has_problems: { kind: 'warning', key: 'refdata.flash.has_problems' },
  stale: { kind: 'warning', key: 'bo.registry.flash.stale_list' },
};
const STALE: Flash = { kind: 'warning', key: 'bo.registry.flash.stale' };

/** A text in the query: posted-text's rules, at most `max` characters. */
const QueryText = (max: number) => PostedText.transform((v) => v.slice(0, max).trim());

const ListQuery = z.object({
  q: QueryText(100),
  type: oneOf(ORGANISATION_TYPES),
  region: oneOf(REGIONS),
  province: QueryText(60),
  language: oneOf(ADMINISTRATION_LANGUAGES),
  status: oneOf(STATUSES),
  page: PositiveInt,
});
const FlashQuery = z.object({ m: oneOf(keysOf(FLASHES)) });
const StepQuery = z.object({ step: oneOf(['edit']) });
const OrganisationParams = z.object({ organisationId: Uuid });
const ImportParams = z.object({ importId: Uuid });

const Checkbox = PostedText.transform((v) => v !== '');
const EditFields = {
  nameNl: PostedText,
  nameFr: PostedText,
  nameDe: PostedText,
  administrationLanguage: PostedText,
  region: PostedText,
  province: PostedText,
  hasOcmw: Checkbox,
  kbo: PostedText,
  nis: PostedText,
  nisFrom: PostedText,
};
const EditBody = formBody(EditFields);
const ConfirmBody = formBody({ ...EditFields, version: Version });

function editValues(body: z.output<typeof EditBody>): EditValues {
  return {
    nameNl: body.nameNl,
    nameFr: body.nameFr,
    nameDe: body.nameDe,
    administrationLanguage: body.administrationLanguage,
    region: body.region,
    province: body.province,
    hasOcmw: body.hasOcmw,
    kbo: body.kbo,
    nis: body.nis,
    nisFrom: body.nisFrom,
  };
}

/** The form as stored: what the edit page shows first. */
function storedValues(org: OrganisationDetail): EditValues {
  return {
    nameNl: org.names.nl,
    nameFr: org.names.fr,
    nameDe: org.names.de,
    administrationLanguage: org.administrationLanguage ?? '',
    region: org.region ?? '',
    province: org.province ?? '',
    hasOcmw: org.hasOcmw,
    kbo: org.kbo,
    nis: '',
    nisFrom: '',
  };
}

/**
 * The organisation registry in the back office (issue 13, item 1): /backoffice/registry. Every POD MI staff member
 * reads it (the back office's guard, BackofficeRead); only the beheerder (RegistryEdit) edits an organisation and
 * loads KBO/NIS lists: a scope of its own refuses anyone else with 403 before the schemas, and every service checks
 * the permission again.
 */
export async function registryRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const actorOf = (request: FastifyRequest) => request.actor as Actor;

  app.get(BASE, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = request.query;
    const list = await registryList(
      serviceContext(request, deps),
      {
        search: q.q,
        type: q.type ?? null,
        region: q.region ?? null,
        province: q.province || null,
        language: q.language ?? null,
        status: q.status ?? null,
        page: q.page ?? 1,
      },
      request.lang,
    );
    return sendPage(reply, <RegistryListPage ctx={pageContext(request)} actor={actorOf(request)} list={list} />);
  });

  app.get(`${BASE}/:organisationId`, { schema: { params: OrganisationParams, querystring: FlashQuery } }, async (request, reply) => {
    const org = await organisationDetail(serviceContext(request, deps), request.params.organisationId);
    const { m } = request.query;
    return sendPage(reply, <OrganisationPage ctx={pageContext(request)} actor={actorOf(request)} org={org} flash={m ? FLASHES[m] : undefined} />);
  });

  await scope.register(async (editScope) => {
    // The back office's guard ran before (inherited) and read POD MI's rights of the person.
    editScope.addHook('preValidation', async (request: FastifyRequest) => {
      if (request.actor) requireAccess(request.actor, 'RegistryEdit');
    });
    const edit = editScope.withTypeProvider<ZodTypeProvider>();

    // ------------------------------------------------------------------------------------------- one organisation

    edit.get(`${BASE}/:organisationId/edit`, { schema: { params: OrganisationParams } }, async (request, reply) => {
      const org = await organisationDetail(serviceContext(request, deps), request.params.organisationId);
      return sendPage(reply, <EditPage ctx={pageContext(request)} actor={actorOf(request)} org={org} values={storedValues(org)} errors={{}} />);
    });

    // "Opslaan": the review, or the form with its errors; "Wijzigen" on the review (?step=edit): the form as typed.
    edit.post(`${BASE}/:organisationId/edit`, { schema: { params: OrganisationParams, querystring: StepQuery, body: EditBody } }, async (request, reply) => {
      const ctx = serviceContext(request, deps);
      const { organisationId } = request.params;
      const values = editValues(request.body);
      const org = await organisationDetail(ctx, organisationId);
      const page = pageContext(request);
      if (request.query.step === 'edit') return sendPage(reply, <EditPage ctx={page} actor={actorOf(request)} org={org} values={values} errors={{}} />);
      const result = await reviewEdit(ctx, organisationId, values);
      if (result.kind === 'invalid')
        return sendPage(reply, <EditPage ctx={page} actor={actorOf(request)} org={org} values={values} errors={result.errors} />, 422);
      return sendPage(reply, <EditReviewPage ctx={page} actor={actorOf(request)} org={org} review={result.review} />);
    });

    edit.post(`${BASE}/:organisationId/confirm`, { schema: { params: OrganisationParams, body: ConfirmBody } }, async (request, reply) => {
      const ctx = serviceContext(request, deps);
      const { organisationId } = request.params;
      const values = editValues(request.body);
      const result = await confirmEdit(ctx, organisationId, values, request.body.version);
      if (result.kind === 'saved') return reply.redirect(`${BASE}/${organisationId}?m=saved`, 303);
      // Stale or refused: the form again with what was typed, on the organisation as it is now.
      const org = await organisationDetail(ctx, organisationId);
      const page = pageContext(request);
      if (result.kind === 'stale')
        return sendPage(reply, <EditPage ctx={page} actor={actorOf(request)} org={org} values={values} errors={{}} flash={STALE} />, 409);
      return sendPage(reply, <EditPage ctx={page} actor={actorOf(request)} org={org} values={values} errors={result.errors} />, 422);
    });

    // ------------------------------------------------------------------------------------------- KBO/NIS lists

    edit.get(`${BASE}/imports`, async (request, reply) => {
      const imports = await registryImportOverview(serviceContext(request, deps));
      return sendPage(reply, <RegistryImportsPage ctx={pageContext(request)} actor={actorOf(request)} imports={imports} />);
    });

    edit.post(`${BASE}/imports`, async (request, reply) => {
      const ctx = serviceContext(request, deps);
      const upload = await readUpload(request, []);
      const result = await stageRegistryImport(ctx, { file: upload.file, tooLarge: upload.tooLarge });
      if (result.kind === 'staged') return reply.redirect(`${BASE}/imports/${result.importId}`, 303);
      const imports = await registryImportOverview(ctx);
      return sendPage(reply, <RegistryImportsPage ctx={pageContext(request)} actor={actorOf(request)} imports={imports} error={result.error} />, 422);
    });

    edit.get(`${BASE}/imports/template.csv`, async (request, reply) => {
      const csv = registryTemplateCsv(serviceContext(request, deps));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="kbo-nis-list.csv"').send(csv);
    });

    edit.get(`${BASE}/imports/:importId`, { schema: { params: ImportParams, querystring: FlashQuery } }, async (request, reply) => {
      const detail = await getRegistryImport(serviceContext(request, deps), request.params.importId);
      const { m } = request.query;
      return sendPage(reply, <RegistryImportPage ctx={pageContext(request)} actor={actorOf(request)} detail={detail} flash={m ? FLASHES[m] : undefined} />);
    });

    edit.post(`${BASE}/imports/:importId/commit`, { schema: { params: ImportParams } }, async (request, reply) => {
      const { importId } = request.params;
      const result = await commitRegistryImport(serviceContext(request, deps), importId);
      return reply.redirect(`${BASE}/imports/${importId}?m=${result}`, 303);
    });

    edit.post(`${BASE}/imports/:importId/discard`, { schema: { params: ImportParams } }, async (request, reply) => {
      const { importId } = request.params;
      const result = await discardRegistryImport(serviceContext(request, deps), importId);
      return reply.redirect(`${BASE}/imports/${importId}?m=${result}`, 303);
    });
  });
}
