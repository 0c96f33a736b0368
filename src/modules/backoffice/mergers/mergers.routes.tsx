import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, requireAccess } from '../../../access/access.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageContext, serviceContext } from '../../../platform/route-context.ts';
import { Uuid, Version, formBody, keysOf, oneOf } from '../../../platform/schemas.ts';
import { sendPage } from '../../../views/render.ts';
import { PostedText } from '../../shared/posted-text.ts';
import { previewAccessCopy, runAccessCopy } from './access-copy.service.ts';
import { EMPTY_MERGER_FORM, type MergerFormValues } from './merger-input.ts';
import type { MergerErrors } from './mergers.model.ts';
import { confirmMerger, confirmTransition, mergerDetail, mergersList, reviewMerger, reviewTransition } from './mergers.service.ts';
import { CopyOverviewPage, MergerPage, MergersListPage, TransitionOverviewPage } from './views/mergers.view.tsx';
import type { Flash } from './views/parts.tsx';
import { RecordOverviewPage, RecordPage } from './views/record.view.tsx';

const BASE = '/backoffice/mergers';

/** Messages after a redirect, by the code in ?m=: a closed list. */
const FLASHES: Record<string, Flash> = {
  recorded: { kind: 'success', key: 'bo.mergers.flash.recorded' },
  transition: { kind: 'success', key: 'bo.mergers.flash.transition' },
  copied: { kind: 'success', key: 'bo.mergers.flash.copied' },
};
const STALE: Flash = { kind: 'warning', key: 'bo.mergers.flash.stale' };

const FlashQuery = z.object({ m: oneOf(keysOf(FLASHES)) });
const StepQuery = z.object({ step: oneOf(['edit']) });
const MergerParams = z.object({ mergerId: Uuid });

const RecordBody = formBody({
  partners: PostedText,
  scenario: PostedText,
  effectiveOn: PostedText,
  transitionEndsOn: PostedText,
  keeper: PostedText,
  newKbo: PostedText,
  newNis: PostedText,
  nameNl: PostedText,
  nameFr: PostedText,
  nameDe: PostedText,
  language: PostedText,
  region: PostedText,
  province: PostedText,
});
const TransitionBody = formBody({ transitionEndsOn: PostedText, version: Version });

const recordValues = (body: z.output<typeof RecordBody>): MergerFormValues => ({ ...EMPTY_MERGER_FORM, ...body });

/**
 * The mergers in the back office (issue 13, items 2, 3 and 5): /backoffice/mergers. Every POD MI member reads
 * (the back office's guard: BackofficeRead); recording, the end of the transition and the copy of access need
 * RegistryEdit (the beheerder), checked before the schemas — the dossierbeheerder gets 403 whatever the URL — and
 * again by every service.
 */
export async function mergerRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const actorOf = (request: FastifyRequest) => request.actor as Actor;
  const editor = async (request: FastifyRequest) => {
    if (request.actor) requireAccess(request.actor, 'RegistryEdit');
  };

  app.get(BASE, { schema: { querystring: FlashQuery } }, async (request, reply) => {
    const list = await mergersList(serviceContext(request, deps));
    const { m } = request.query;
    return sendPage(reply, <MergersListPage ctx={pageContext(request)} actor={actorOf(request)} list={list} flash={m ? FLASHES[m] : undefined} />);
  });

  // ------------------------------------------------------------------------------------------- recording

  app.get(`${BASE}/new`, { preValidation: editor }, async (request, reply) => {
    return sendPage(reply, <RecordPage ctx={pageContext(request)} actor={actorOf(request)} values={EMPTY_MERGER_FORM} errors={{}} />);
  });

  // "Opslaan": the overview, or the form with its errors; "Wijzigen" on the overview (?step=edit): the form as typed.
  app.post(`${BASE}/new`, { preValidation: editor, schema: { querystring: StepQuery, body: RecordBody } }, async (request, reply) => {
    const values = recordValues(request.body);
    const page = pageContext(request);
    if (request.query.step === 'edit') return sendPage(reply, <RecordPage ctx={page} actor={actorOf(request)} values={values} errors={{}} />);
    const review = await reviewMerger(serviceContext(request, deps), values);
    if (review.kind === 'invalid') return sendPage(reply, <RecordPage ctx={page} actor={actorOf(request)} values={values} errors={review.errors} />, 422);
    return sendPage(reply, <RecordOverviewPage ctx={page} actor={actorOf(request)} overview={review.overview} />);
  });

  app.post(`${BASE}/new/confirm`, { preValidation: editor, schema: { body: RecordBody } }, async (request, reply) => {
    const values = recordValues(request.body);
    const result = await confirmMerger(serviceContext(request, deps), values);
    if (result.kind === 'recorded') return reply.redirect(`${BASE}/${result.mergerId}?m=recorded`, 303);
    return sendPage(reply, <RecordPage ctx={pageContext(request)} actor={actorOf(request)} values={values} errors={result.errors} />, 422);
  });

  // ------------------------------------------------------------------------------------------- one merger

  const mergerPage = async (request: FastifyRequest, mergerId: string, extra: { flash?: Flash; transition?: { value: string; errors: MergerErrors } }) => {
    const merger = await mergerDetail(serviceContext(request, deps), mergerId);
    return <MergerPage ctx={pageContext(request)} actor={actorOf(request)} merger={merger} {...extra} />;
  };

  app.get(`${BASE}/:mergerId`, { schema: { params: MergerParams, querystring: FlashQuery } }, async (request, reply) => {
    const { m } = request.query;
    return sendPage(reply, await mergerPage(request, request.params.mergerId, { flash: m ? FLASHES[m] : undefined }));
  });

  app.post(`${BASE}/:mergerId/transition`, { preValidation: editor, schema: { params: MergerParams, body: TransitionBody } }, async (request, reply) => {
    const { mergerId } = request.params;
    const value = request.body.transitionEndsOn;
    const review = await reviewTransition(serviceContext(request, deps), mergerId, value);
    if (review.kind === 'invalid') return sendPage(reply, await mergerPage(request, mergerId, { transition: { value, errors: review.errors } }), 422);
    const merger = await mergerDetail(serviceContext(request, deps), mergerId);
    return sendPage(reply, <TransitionOverviewPage ctx={pageContext(request)} actor={actorOf(request)} merger={merger} overview={review.overview} />);
  });

  app.post(
    `${BASE}/:mergerId/transition/confirm`,
    { preValidation: editor, schema: { params: MergerParams, body: TransitionBody } },
    async (request, reply) => {
      const { mergerId } = request.params;
      const value = request.body.transitionEndsOn;
      const result = await confirmTransition(serviceContext(request, deps), mergerId, value, request.body.version);
      if (result.kind === 'changed') return reply.redirect(`${BASE}/${mergerId}?m=transition`, 303);
      if (result.kind === 'stale') return sendPage(reply, await mergerPage(request, mergerId, { flash: STALE }), 409);
      return sendPage(reply, await mergerPage(request, mergerId, { transition: { value, errors: result.errors } }), 422);
    },
  );

  // ------------------------------------------------------------------------------------------- copy of access

  const alreadyCopied = (request: FastifyRequest, copiedAt: Date): Flash => ({
    kind: 'info',
    key: 'bo.mergers.flash.already_copied',
    params: { date: formatDateTime(copiedAt, request.lang) },
  });

  app.post(`${BASE}/:mergerId/copy`, { preValidation: editor, schema: { params: MergerParams } }, async (request, reply) => {
    const { mergerId } = request.params;
    const preview = await previewAccessCopy(serviceContext(request, deps), mergerId);
    if ('kind' in preview) {
      const copiedAt = preview.kind === 'already' ? preview.copiedAt : new Date();
      return sendPage(reply, await mergerPage(request, mergerId, { flash: alreadyCopied(request, copiedAt) }), 409);
    }
    const merger = await mergerDetail(serviceContext(request, deps), mergerId);
    return sendPage(reply, <CopyOverviewPage ctx={pageContext(request)} actor={actorOf(request)} merger={merger} report={preview.report} />);
  });

  app.post(`${BASE}/:mergerId/copy/confirm`, { preValidation: editor, schema: { params: MergerParams } }, async (request, reply) => {
    const { mergerId } = request.params;
    const result = await runAccessCopy(serviceContext(request, deps), mergerId);
    if (result.kind === 'copied') return reply.redirect(`${BASE}/${mergerId}?m=copied`, 303);
    return sendPage(reply, await mergerPage(request, mergerId, { flash: alreadyCopied(request, result.copiedAt) }), 409);
  });
}
