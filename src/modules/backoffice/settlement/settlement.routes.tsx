import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../access/access.ts';
import { fileStoreOf } from '../../ebox/store-of.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { OptionalVersion, PostedField, Uuid, firstValue, formBody, keysOf, oneOf } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { exportRoutes } from '../exports/exports.routes.tsx';
import { PAYMENT_KINDS, type PaymentKind, paymentCsv, paymentXlsx } from './payment-file.ts';
import { settleCampaign, settledCampaign, settlementLetterFile, settlementOverview } from './settlement.service.ts';
import { type Flash, SettlementPage } from './views/settlement.view.tsx';

const BASE = '/backoffice/settlements';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Messages after a settlement attempt, by the code in ?m=: a closed list. */
const FLASHES: Record<string, Flash> = {
  settled: { key: 'bo.settlement.flash.settled', kind: 'success' },
  already_settled: { key: 'bo.settlement.flash.already_settled', kind: 'info' },
  not_closed: { key: 'bo.settlement.flash.not_closed', kind: 'warning' },
  pending: { key: 'bo.settlement.flash.pending', kind: 'warning' },
  changed: { key: 'bo.settlement.flash.changed', kind: 'warning' },
};

const CampaignParams = z.object({ campaignId: Uuid });
const LetterParams = CampaignParams.extend({ settlementId: Uuid });
/** The campaign chosen (?campaignId=, names an object: not an id answers 404 like a missing one; empty is none). */
const OverviewQuery = z.object({ campaignId: z.preprocess(firstValue, z.union([z.literal(''), Uuid])).optional(), m: oneOf(keysOf(FLASHES)) });
/** The version the preview showed (absent: no check) and the confirmation box. */
const SettleBody = formBody({ version: OptionalVersion, confirm: PostedField });

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`;
}

/** POD MI: settlement per campaign (SettlementRun), payment files and letters; exports live beside it. */
export async function settlementRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(BASE, { schema: { querystring: OverviewQuery } }, async (request, reply) => {
    const { campaignId, m } = request.query;
    const overview = await settlementOverview(serviceContext(request, deps), campaignId);
    const flash = m ? FLASHES[m] : undefined;
    return sendPage(reply, <SettlementPage ctx={pageContext(request)} actor={request.actor as Actor} {...overview} flash={flash} />);
  });

  app.post(`${BASE}/:campaignId/settle`, { schema: { params: CampaignParams, body: SettleBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { campaignId } = request.params;
    const { version, confirm } = request.body;
    const outcome = await settleCampaign(ctx, fileStoreOf(deps.config), campaignId, { version, confirmed: confirm === 'yes' });
    if (outcome === 'not_confirmed') {
      const overview = await settlementOverview(ctx, campaignId);
      return sendPage(reply, <SettlementPage ctx={pageContext(request)} actor={request.actor as Actor} {...overview} confirmError />, 422);
    }
    return reply.redirect(`${BASE}?campaignId=${campaignId}&m=${outcome}`, 303);
  });

  // The payment file, the reclaims to invoice and the reclaims compensated next year, as CSV.
  const CSV_NAMES: Record<PaymentKind, string> = { payments: 'betalingen', reclaims: 'terugvorderingen', compensations: 'compensaties' };
  for (const kind of PAYMENT_KINDS) {
    app.get(`${BASE}/:campaignId/${kind}.csv`, { schema: { params: CampaignParams } }, async (request, reply) => {
      const { campaign, settlements } = await settledCampaign(serviceContext(request, deps), request.params.campaignId);
      const name = `${CSV_NAMES[kind]}-${campaign.measure.toLowerCase()}-${campaign.report_year}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(name))
        .send(paymentCsv(settlements, kind, request.t));
    });
  }

  app.get(`${BASE}/:campaignId/payments.xlsx`, { schema: { params: CampaignParams } }, async (request, reply) => {
    const { campaign, settlements } = await settledCampaign(serviceContext(request, deps), request.params.campaignId);
    const name = `afrekening-${campaign.measure.toLowerCase()}-${campaign.report_year}.xlsx`;
    return reply
      .type(XLSX)
      .header('content-disposition', attachment(name))
      .send(await paymentXlsx(settlements, request.t));
  });

  app.get(`${BASE}/:campaignId/letters/:settlementId`, { schema: { params: LetterParams } }, async (request, reply) => {
    const { campaignId, settlementId } = request.params;
    const letter = await settlementLetterFile(serviceContext(request, deps), fileStoreOf(deps.config), campaignId, settlementId);
    return reply
      .type('application/pdf')
      .header('content-length', String(letter.size))
      .header('content-disposition', attachment(letter.fileName))
      .send(letter.stream);
  });

  await exportRoutes(app, deps);
}
