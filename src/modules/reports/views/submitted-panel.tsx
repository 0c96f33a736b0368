import { formatDateTime } from '../../../i18n/format.ts';
import type { PageContext } from '../../../views/layout.tsx';
import type { LoadedForm } from '../form.model.ts';

/** The reference of a submitted form: report year, KBO number and the start of the signed content's hash. */
export function submissionReference(form: LoadedForm): string {
  return `UV-${form.campaign.report_year}-${form.organisation.kbo}-${form.contentHash.slice(0, 8).toUpperCase()}`;
}

/**
 * After the second signature (issue 14, item 11): a confirmation panel with the reference, what happens next and
 * "Afdrukken", in place of a one-line message.
 */
export function SubmittedPanel({ ctx, form, pdfHref }: { ctx: PageContext; form: LoadedForm; pdfHref: string }) {
  const { t, lang } = ctx;
  const at = form.instance?.submitted_at;
  if (!at) return null;
  const email = form.organisation.contact_email;
  return (
    <section class="confirmation-panel" aria-labelledby="submitted-title">
      <h2 id="submitted-title">{t('confirmation.title')}</h2>
      <p>{t('confirmation.when', { date: formatDateTime(at, lang) })}</p>
      <p class="confirmation-panel__reference">
        {t('confirmation.reference')} <strong>{submissionReference(form)}</strong>
      </p>
      <h3>{t('confirmation.next_title')}</h3>
      <ul>
        <li>{email ? t('confirmation.receipt_sent', { email }) : t('confirmation.receipt_none')}</li>
        <li>{t('confirmation.podmi_checks')}</li>
        <li>{t('confirmation.settlement')}</li>
      </ul>
      <p>
        <a class="button button--secondary" href={pdfHref}>
          {t('button.print')}
        </a>
      </p>
    </section>
  );
}
