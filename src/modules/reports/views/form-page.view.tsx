import type { SignatureRole } from '../../shared/domain.ts';
import { ErrorSummary, Notice } from '../../../views/components.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { Layout, type PageContext, formHref, homeHref } from '../../../views/layout.tsx';
import type { FormDefinition } from '../../forms/definition.ts';
import { FormSections, type RenderContext, summaryEntries } from '../../forms/views/form-renderer.tsx';
import { heldAlarms } from '../../forms/evaluate.ts';
import { issueLink } from '../form-links.ts';
import { workbookTables } from '../form-input.ts';
import { memberLink } from '../staff-links.ts';
import { PartsNav } from './parts-nav.tsx';
import { formParts } from '../part-states.ts';
import { EntryModeBox, uploadSummary } from './entry-mode.tsx';
import type { UploadProblem } from '../form.model.ts';
import type { CampaignPhase } from '../../campaigns/campaign-phase.ts';
import type { LoadedForm } from '../form.model.ts';
import { FormHeader } from './form-header.tsx';
import { SubmittedPanel } from './submitted-panel.tsx';
import { ROLE_IN_SENTENCE, ToSignPanel } from './sign-page.view.tsx';
import { AssumptionsNotice } from './assumptions-notice.tsx';
import { signingMeansLine } from '../../signatures/signing-means.ts';

export interface FormPageProps {
  ctx: PageContext;
  /**
   * The one signature on a form not yet submitted is of a person who no longer holds that signing grant (removed,
   * blocked, grant withdrawn): it stays valid, and the page warns the other signatory and POD MI (portal.md §3.6).
   */
  signerWithoutGrant?: { name: string; role: SignatureRole } | null;
  form: LoadedForm;
  definition: FormDefinition;
  phase: CampaignPhase;
  canEdit: boolean;
  /** roles the actor may still sign with now (empty: no sign button) */
  signRoles: SignatureRole[];
  /** i18n key of a message after an action */
  flash?: { key: string; kind: 'success' | 'warning' | 'info' };
  /** problems of a refused workbook upload */
  uploadProblems?: UploadProblem[];
}

export const SIGNATURE_HEADINGS: Record<SignatureRole, string> = {
  CHAIR: 'signature.chair',
  DIRECTOR: 'signature.director',
};

export function SignatureBoxes({ ctx, form }: { ctx: PageContext; form: LoadedForm }) {
  return (
    <section class="signatures" aria-labelledby="signatures-title">
      <h2 id="signatures-title">{ctx.t('signature.title')}</h2>
      <div class="signatures__grid">
        {(['CHAIR', 'DIRECTOR'] as const).map((role) => {
          const signature = form.signatures.find((s) => s.role === role);
          return (
            <div class={signature ? 'signature-box signature-box--signed' : 'signature-box'}>
              <h3>{ctx.t(SIGNATURE_HEADINGS[role])}</h3>
              <p>
                {signature
                  ? ctx.t('signature.signed_by', {
                      name: `${signature.first_name} ${signature.last_name}`,
                      date: formatDateTime(signature.signed_at, ctx.lang),
                    })
                  : ctx.t('signature.not_signed')}
              </p>
              {signature && signingMeansLine(ctx.t, ctx.lang, signature) && <p class="signature-box__means">{signingMeansLine(ctx.t, ctx.lang, signature)}</p>}
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** The form as filled in, with the manual's buttons: Startpagina, Wijzigen, Ondertekenen, Afdrukken. */
export function FormPage({ ctx, form, definition, phase, canEdit, signRoles, flash, uploadProblems, signerWithoutGrant }: FormPageProps) {
  const { t } = ctx;
  const base = formHref(ctx, form.campaign.id);
  const render: RenderContext = {
    t,
    lang: ctx.lang,
    definition,
    raw: form.raw,
    evaluation: heldAlarms(form.evaluation),
    params: form.campaign.params as Record<string, unknown>,
    mode: 'view',
    linkFor: (path) =>
      (canEdit ? memberLink(base, definition, path, workbookTables(definition, form.entryMode)) : undefined) ??
      issueLink(base, definition, path, { kind: 'view', canEdit }),
  };
  const title = t(definition.titleKey);
  const submitted = Boolean(form.instance?.submitted_at);
  // the task list leads to the parts' edit pages while the form can be edited, else to the parts on this page
  const editable = canEdit && !submitted;
  return (
    <Layout ctx={ctx} title={title}>
      <FormHeader t={t} lang={ctx.lang} form={form} title={title} phase={phase} />
      {flash?.key === 'flash.submitted' && submitted ? (
        <SubmittedPanel ctx={ctx} form={form} pdfHref={`${base}/pdf`} />
      ) : (
        flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>
      )}
      {submitted && form.instance?.submitted_at && flash?.key !== 'flash.submitted' && (
        <Notice kind="success">{t('form.submitted_notice', { date: formatDateTime(form.instance.submitted_at, ctx.lang) })}</Notice>
      )}
      {phase === 'planned' && <Notice kind="info">{t('form.not_open_yet')}</Notice>}
      <ToSignPanel t={t} base={base} roles={signRoles} />
      {form.instance?.review_state === 'CORRECTION_REQUESTED' && (
        <Notice kind="warning">{t('bo.corrections.ocmw_notice', { reason: form.instance.correction_reason ?? '' })}</Notice>
      )}
      {uploadProblems && <ErrorSummary t={t} errors={uploadSummary(t, ctx.lang, uploadProblems)} />}
      {form.instance && <ErrorSummary t={t} errors={summaryEntries(render, 'error')} titleKey="form.errors_before_signing" />}
      {form.instance && (
        <ErrorSummary
          t={t}
          errors={summaryEntries(render, 'warning')}
          titleKey={submitted ? 'form.warnings_title_submitted' : 'form.warnings_title'}
          variant="warning"
        />
      )}
      {definition.workbook && <EntryModeBox t={t} lang={ctx.lang} base={base} form={form} canEdit={canEdit} problems={uploadProblems} />}
      {definition.paged && (form.instance || editable) && (
        <PartsNav
          t={t}
          parts={formParts(definition, form.raw, render.evaluation, form.savedParts)}
          hrefOf={(key) => (editable ? `${base}/edit?part=${key}` : `#section-${key}`)}
        />
      )}
      <AssumptionsNotice t={t} lang={ctx.lang} params={form.campaign.params as Record<string, unknown>} />
      {form.instance ? <FormSections ctx={render} /> : <p>{t('form.not_started_text')}</p>}
      {signerWithoutGrant && (
        <Notice kind="warning">
          {t('access.signer_without_grant', {
            name: signerWithoutGrant.name,
            role: t(signerWithoutGrant.role === 'CHAIR' ? 'right.UV_CHAIR' : 'right.UV_DIRECTOR'),
          })}
        </Notice>
      )}
      <SignatureBoxes ctx={ctx} form={form} />
      <div class="button-bar">
        <a class="button button--secondary" href={homeHref(ctx)}>
          {t('button.home')}
        </a>
        {canEdit && (
          <a class="button" href={`${base}/edit`}>
            {t('button.edit')}
          </a>
        )}
        {signRoles.map((role) => (
          <a class="button" href={`${base}/sign?role=${role}`}>
            {signRoles.length > 1 ? t('button.sign_as', { role: t(ROLE_IN_SENTENCE[role]) }) : t('button.sign')}
          </a>
        ))}
        {form.instance && (
          <a class="button button--secondary" href={`${base}/pdf`}>
            {t('button.print')}
          </a>
        )}
        {form.instance && (
          <a class="button button--secondary" href={`${base}/history`}>
            {t('button.history')}
          </a>
        )}
      </div>
    </Layout>
  );
}
