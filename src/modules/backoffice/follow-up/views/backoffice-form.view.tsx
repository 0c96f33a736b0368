import type { Actor } from '../../../../access/access.ts';
import { Notice } from '../../../../views/components.tsx';
import { formatDateTime } from '../../../../i18n/format.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { FormSections, type RenderContext } from '../../../forms/views/form-renderer.tsx';
import { FormHeader } from '../../../reports/views/form-header.tsx';
import { SignatureBoxes } from '../../../reports/views/form-page.view.tsx';
import type { ReasonError } from '../../corrections/review-reason.ts';
import { ConfirmReview, type ReviewConfirmation, ReviewBox, ReviewErrors } from '../../corrections/views/review-box.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { BackofficeForm } from '../follow-up.model.ts';
import { FormHistory } from './form-history.tsx';
import { VerificationBox } from './verification.view.tsx';

export interface BackofficeFormProps {
  ctx: PageContext;
  actor: Actor;
  data: BackofficeForm;
  flash?: { key: string; kind: 'success' | 'warning' | 'info' };
  /** a refused correction: the reason as typed and what is wrong with it */
  correction?: { reason: string; error: ReasonError };
  /** a review decision to confirm before it is carried out */
  confirming?: ReviewConfirmation;
}

/** Any OCMW's form for POD MI, read-only as submitted, with its verification, review and history. */
export function BackofficeFormPage({ ctx, actor, data, flash, correction, confirming }: BackofficeFormProps) {
  const { t } = ctx;
  const { form, phase, verification, history, canReview } = data;
  const instance = form.instance;
  if (!instance) throw new Error('A back-office form has an instance');
  const render: RenderContext = {
    t,
    lang: ctx.lang,
    definition: form.definition,
    raw: form.raw,
    evaluation: form.evaluation,
    params: form.campaign.params as Record<string, unknown>,
    mode: 'view',
    linkFor: (path) => {
      const [table, row] = path.split('.');
      return row !== undefined ? `#row-${table}-${row}` : undefined;
    },
  };
  const title = t(form.definition.titleKey);
  return (
    <Layout ctx={ctx} title={`${title} — ${form.organisation.kbo}`}>
      <BackofficeNav ctx={ctx} actor={actor} current="ocmws" />
      <ReviewErrors t={t} error={correction?.error} />
      <FormHeader t={t} lang={ctx.lang} form={form} title={title} phase={phase} />
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      {instance.submitted_at && <Notice kind="info">{t('form.submitted_notice', { date: formatDateTime(instance.submitted_at, ctx.lang) })}</Notice>}
      {instance.review_state === 'ACCEPTED' && instance.accepted_at && (
        <Notice kind="success">{t('bo.corrections.accepted_notice', { date: formatDateTime(instance.accepted_at, ctx.lang) })}</Notice>
      )}
      {instance.review_state === 'CORRECTION_REQUESTED' && (
        <Notice kind="warning">{t('bo.corrections.pending_notice', { reason: instance.correction_reason ?? '' })}</Notice>
      )}
      {canReview && confirming && <ConfirmReview t={t} instanceId={instance.id} version={instance.version} confirming={confirming} />}
      <VerificationBox t={t} verification={verification} />
      <FormSections ctx={render} />
      <SignatureBoxes ctx={ctx} form={form} />
      {/* the decision comes after the content being checked (issue 14, item 13) */}
      {canReview && !confirming && (
        <ReviewBox t={t} instanceId={instance.id} version={instance.version} reason={correction?.reason ?? ''} error={correction?.error} />
      )}
      <FormHistory t={t} lang={ctx.lang} events={history} />
      <div class="button-bar">
        <a class="button button--secondary" href={`/backoffice/ocmws?year=${form.campaign.report_year}`}>
          {t('bo.followup.back_to_list')}
        </a>
        <a class="button button--secondary" href={`/backoffice/forms/${instance.id}/pdf`}>
          {t('button.print')}
        </a>
      </div>
    </Layout>
  );
}
