import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../access/access.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { isUuid, pageContext, serviceContext } from '../../../platform/route-context.ts';
import { sendPage } from '../../../views/render.ts';
import { renderFormPdf } from '../../documents/form-pdf.ts';
import { buildPrintableForm } from '../../reports/form-printable.ts';
import { NotFound } from '../../shared/errors.ts';
import { loadFormForBackoffice } from '../../reports/reports.service.ts';
import { correctionRoutes } from '../corrections/corrections.routes.tsx';
import type { OcmwFilter, OcmwSort, RegionFilter } from './follow-up.repository.ts';
import { getDashboard, getOcmwList } from './follow-up.service.ts';
import { getBackofficeForm } from './form-view.service.ts';
import { DashboardPage } from './views/dashboard.view.tsx';
import { OcmwListPage } from './views/ocmw-list.view.tsx';
import { REVIEW_FLASHES } from '../corrections/views/review-box.tsx';
import { BackofficeFormPage } from './views/backoffice-form.view.tsx';
import { text as postedText } from '../../shared/posted-text.ts';

const REGIONS: RegionFilter[] = ['VLG', 'BRU', 'WAL', 'DG'];
const SORTS: OcmwSort[] = ['name', 'kbo', 'nis', 'submitted'];

function query(request: FastifyRequest): Record<string, unknown> {
  return request.query as Record<string, unknown>;
}

function text(value: unknown, max: number): string {
  return postedText(value).slice(0, max);
}

function positiveInt(value: unknown): number | null {
  const n = Number.parseInt(text(value, 10), 10);
  return Number.isInteger(n) && n > 0 ? n : null;
}

function filterOf(request: FastifyRequest): OcmwFilter {
  const q = query(request);
  const region = text(q.region, 3) as RegionFilter;
  const language = text(q.language, 2);
  return {
    region: REGIONS.includes(region) ? region : null,
    province: text(q.province, 100) || null,
    language: language === 'nl' || language === 'fr' || language === 'de' ? language : null,
  };
}

/** The instance id of a back-office form URL; anything that is not a UUID is a form that does not exist. */
export function instanceIdOf(request: FastifyRequest): string {
  const id = (request.params as { instanceId?: string }).instanceId;
  if (!isUuid(id)) throw new NotFound();
  return id;
}

/** POD MI follow-up: the dashboard, the OCMW list and any OCMW's form read-only with its verification. */
export async function followUpRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/backoffice', async (request, reply) => {
    const data = await getDashboard(serviceContext(request, deps), positiveInt(query(request).year), filterOf(request));
    return sendPage(reply, <DashboardPage ctx={pageContext(request)} actor={request.actor as Actor} {...data} />);
  });

  app.get('/backoffice/ocmws', async (request, reply) => {
    const q = query(request);
    const sort = text(q.sort, 10) as OcmwSort;
    const request_ = {
      year: positiveInt(q.year),
      search: text(q.q, 200),
      sort: SORTS.includes(sort) ? sort : 'name',
      descending: q.dir === 'desc',
      page: positiveInt(q.page) ?? 1,
      lang: request.lang,
    };
    const data = await getOcmwList(serviceContext(request, deps), request_);
    return sendPage(reply, <OcmwListPage ctx={pageContext(request)} actor={request.actor as Actor} {...data} search={request_.search} sort={request_.sort} descending={request_.descending} />);
  });

  app.get('/backoffice/forms/:instanceId', async (request, reply) => {
    const data = await getBackofficeForm(serviceContext(request, deps), instanceIdOf(request));
    const m = query(request).m;
    const flash = typeof m === 'string' ? REVIEW_FLASHES[m] : undefined;
    return sendPage(reply, <BackofficeFormPage ctx={pageContext(request)} actor={request.actor as Actor} data={data} flash={flash} />);
  });

  app.get('/backoffice/forms/:instanceId/pdf', async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const form = await loadFormForBackoffice(ctx, instanceIdOf(request));
    const pdf = await renderFormPdf(buildPrintableForm(request.t, request.lang, form, form.definition, ctx.now));
    const name = `${form.campaign.measure.toLowerCase()}-${form.campaign.report_year}-${form.organisation.kbo}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(pdf);
  });

  await correctionRoutes(app, deps);
}
