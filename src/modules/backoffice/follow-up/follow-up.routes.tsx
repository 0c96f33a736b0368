import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { PositiveInt, Uuid, keysOf, oneOf } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { renderFormPdf } from '../../documents/form-pdf.ts';
import { buildPrintableForm } from '../../reports/form-printable.ts';
import { loadFormForBackoffice } from '../../reports/reports.service.ts';
import { allDefinitions } from '../../forms/registry.ts';
import { correctionRoutes } from './corrections.routes.tsx';
import { FORM_STATE_FILTERS } from './follow-up.model.ts';
import type { OcmwFilter, OcmwSort, RegionFilter } from './follow-up.repository.ts';
import { getDashboard, getOcmwList } from './follow-up.service.ts';
import { getBackofficeForm } from './form-view.service.ts';
import { DashboardPage } from './views/dashboard.view.tsx';
import { OcmwListPage } from './views/ocmw-list.view.tsx';
import { REVIEW_FLASHES } from '../corrections/views/review-box.tsx';
import { BackofficeFormPage } from './views/backoffice-form.view.tsx';
import { PostedText } from '../../shared/posted-text.ts';

const REGIONS = ['VLG', 'BRU', 'WAL', 'DG'] as const satisfies readonly RegionFilter[];
const SORTS = ['name', 'kbo', 'nis', 'submitted'] as const satisfies readonly OcmwSort[];

/** A text in the query (a search, a province): posted-text's rules, at most `max` characters. */
const QueryText = (max: number) => PostedText.transform((v) => v.slice(0, max));

const MEASURES = keysOf(Object.fromEntries(allDefinitions().map((d) => [d.measure, true])));

/** The dashboard's filters: a value not in the list is no filter. */
const OcmwFilterQuery = { year: PositiveInt, region: oneOf(REGIONS), province: QueryText(100), language: oneOf(['nl', 'fr', 'de']) };
const DashboardQuery = z.object(OcmwFilterQuery);
/** The list: the dashboard's filters, a count's measure and state (issue 14, item 15), the search, sort and page. */
const OcmwListQuery = z.object({
  ...OcmwFilterQuery,
  measure: oneOf(MEASURES),
  state: oneOf(FORM_STATE_FILTERS),
  q: QueryText(200),
  sort: oneOf(SORTS),
  dir: oneOf(['asc', 'desc']),
  page: PositiveInt,
});

function ocmwFilter(q: { region?: RegionFilter; province: string; language?: 'nl' | 'fr' | 'de' }): OcmwFilter {
  return { region: q.region ?? null, province: q.province || null, language: q.language ?? null };
}
const FormQuery = z.object({ m: oneOf(keysOf(REVIEW_FLASHES)) });

/** A back-office form URL names the form's instance; anything that is not a UUID is a form that does not exist. */
export const InstanceParams = z.object({ instanceId: Uuid });

/** POD MI follow-up: the dashboard, the OCMW list and any OCMW's form read-only with its verification. */
export async function followUpRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/backoffice', { schema: { querystring: DashboardQuery } }, async (request, reply) => {
    const data = await getDashboard(serviceContext(request, deps), request.query.year, ocmwFilter(request.query));
    return sendPage(reply, <DashboardPage ctx={pageContext(request)} actor={request.actor as Actor} {...data} />);
  });

  app.get('/backoffice/ocmws', { schema: { querystring: OcmwListQuery } }, async (request, reply) => {
    const q = request.query;
    const request_ = {
      year: q.year,
      filter: ocmwFilter(q),
      measure: q.measure ?? null,
      state: q.state ?? null,
      search: q.q,
      sort: q.sort ?? 'name',
      descending: q.dir === 'desc',
      page: q.page ?? 1,
      lang: request.lang,
    };
    const data = await getOcmwList(serviceContext(request, deps), request_);
    return sendPage(
      reply,
      <OcmwListPage
        ctx={pageContext(request)}
        actor={request.actor as Actor}
        {...data}
        search={request_.search}
        sort={request_.sort}
        descending={request_.descending}
      />,
    );
  });

  app.get('/backoffice/forms/:instanceId', { schema: { params: InstanceParams, querystring: FormQuery } }, async (request, reply) => {
    const data = await getBackofficeForm(serviceContext(request, deps), request.params.instanceId);
    const { m } = request.query;
    const flash = m ? REVIEW_FLASHES[m] : undefined;
    return sendPage(reply, <BackofficeFormPage ctx={pageContext(request)} actor={request.actor as Actor} data={data} flash={flash} />);
  });

  app.get('/backoffice/forms/:instanceId/pdf', { schema: { params: InstanceParams } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const form = await loadFormForBackoffice(ctx, request.params.instanceId);
    const pdf = await renderFormPdf(buildPrintableForm(request.t, request.lang, form, form.definition, ctx.now));
    const name = `${form.campaign.measure.toLowerCase()}-${form.campaign.report_year}-${form.organisation.kbo}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(pdf);
  });

  await correctionRoutes(app, deps);
}
