import { formatNumeric } from '../../../i18n/format.ts';
import type { T } from '../../../i18n/i18n.ts';
import { Notice } from '../../../views/components.tsx';
import { Layout, type PageContext, formHref } from '../../../views/layout.tsx';
import type { CampaignPhase } from '../../campaigns/campaign-phase.ts';
import type { SignatureRole } from '../../shared/domain.ts';
import type { LoadedForm } from '../form.model.ts';
import type { KeyFigure } from '../signing-page.ts';
import { FormHeader } from './form-header.tsx';

/** The signer's role as the declaration names it (lower case, inside a sentence). */
export const ROLE_IN_SENTENCE: Record<SignatureRole, string> = {
  CHAIR: 'signing.role.CHAIR',
  DIRECTOR: 'signing.role.DIRECTOR',
};
/** The other signatory, who still has to sign after a first signature. */
const OTHER_ROLE: Record<SignatureRole, SignatureRole> = { CHAIR: 'DIRECTOR', DIRECTOR: 'CHAIR' };

export interface SignPageProps {
  ctx: PageContext;
  form: LoadedForm;
  phase: CampaignPhase;
  title: string;
  role: SignatureRole;
  /** the second signature: it sends the form to POD MI (G-SIG-4) */
  completes: boolean;
  figures: KeyFigure[];
  /** a message after a redirect (back from the step-up) */
  flash?: { key: string; kind: 'success' | 'warning' | 'info' };
}

function KeyFigures({ t, lang, figures }: { t: T; lang: PageContext['lang']; figures: KeyFigure[] }) {
  if (figures.length === 0) return null;
  return (
    <>
      <h2>{t('signing.key_figures')}</h2>
      <dl class="summary-list">
        {figures.map((f) => (
          <div class="summary-row summary-row--computed">
            <dt>{t(f.labelKey)}</dt>
            <dd>{formatNumeric(f.type, f.value, lang)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/**
 * "Ondertekenen" as a check-answers page (issue 14, item 9): the key figures, the declaration the signer makes, and a
 * button that says what happens — for the second signer "Ondertekenen en verzenden naar de POD MI". The form posted is
 * bound to the content hash shown, so a change made meanwhile refuses the signature instead of signing other figures.
 */
export function SignPage({ ctx, form, phase, title, role, completes, figures, flash }: SignPageProps) {
  const { t } = ctx;
  const base = formHref(ctx, form.campaign.id);
  const roleWord = t(ROLE_IN_SENTENCE[role]);
  return (
    <Layout ctx={ctx} title={t('signing.title', { form: title })}>
      <FormHeader t={t} lang={ctx.lang} form={form} title={t('signing.title', { form: title })} phase={phase} />
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      <p>{t('signing.intro')}</p>
      <KeyFigures t={t} lang={ctx.lang} figures={figures} />
      <p>
        <a href={base}>{t('signing.whole_form')}</a>
      </p>
      <section class="declaration" aria-labelledby="declaration-title">
        <h2 id="declaration-title">{t('signing.declaration_title')}</h2>
        <p>
          {t('signing.declaration', {
            name: ctx.personName ?? '',
            role: roleWord,
            ocmw: ctx.organisationName ?? '',
            form: title,
            year: form.campaign.report_year,
          })}
        </p>
      </section>
      <p class="notice notice--info">{completes ? t('signing.completes') : t('signing.first', { other: t(ROLE_IN_SENTENCE[OTHER_ROLE[role]]) })}</p>
      <form method="post" action={`${base}/sign`} class="button-bar">
        <input type="hidden" name="contentHash" value={form.contentHash} />
        <input type="hidden" name="role" value={role} />
        <button type="submit" class="button">
          {completes ? t('signing.sign_and_send') : t('signing.sign', { role: roleWord })}
        </button>
        <a class="button button--secondary" href={base}>
          {t('button.cancel')}
        </a>
      </form>
    </Layout>
  );
}

/** Near the top of the form page: the form waits for this person's signature (issue 14, item 9). */
export function ToSignPanel({ t, base, roles }: { t: T; base: string; roles: SignatureRole[] }) {
  if (roles.length === 0) return null;
  return (
    <section class="to-sign" aria-labelledby="to-sign-title">
      <h2 id="to-sign-title">{t('signing.panel_title')}</h2>
      {roles.map((role) => (
        <p>
          {t('signing.panel_text', { role: t(ROLE_IN_SENTENCE[role]) })}{' '}
          <a class="button" href={`${base}/sign?role=${role}`}>
            {t('signing.panel_button', { role: t(ROLE_IN_SENTENCE[role]) })}
          </a>
        </p>
      ))}
    </section>
  );
}
