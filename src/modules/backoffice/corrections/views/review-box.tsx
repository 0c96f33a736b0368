import type { T } from '../../../../i18n/i18n.ts';
import { ErrorSummary } from '../../../../views/components.tsx';
import { REASON_MAX, type ReasonError } from '../review-reason.ts';

export const REASON_ERRORS: Record<ReasonError, string> = {
  required: 'bo.corrections.error.required',
  too_short: 'bo.corrections.error.too_short',
  too_long: 'bo.corrections.error.too_long',
};

/** Messages after a review, by the code in ?m=: a closed list. */
export const REVIEW_FLASHES: Record<string, { key: string; kind: 'success' | 'warning' | 'info' }> = {
  correction_requested: { key: 'bo.corrections.flash.correction_requested', kind: 'success' },
  accepted: { key: 'bo.corrections.flash.accepted', kind: 'success' },
  not_submitted: { key: 'bo.corrections.flash.not_submitted', kind: 'warning' },
  already_accepted: { key: 'bo.corrections.flash.already_accepted', kind: 'warning' },
  settled: { key: 'bo.corrections.flash.settled', kind: 'warning' },
  changed: { key: 'bo.corrections.flash.changed', kind: 'warning' },
};

/** The error summary of a refused correction (to place at the top of the page). */
export function ReviewErrors({ t, error }: { t: T; error?: ReasonError }) {
  if (!error) return null;
  return (
    <ErrorSummary
      t={t}
      errors={[{ fieldId: 'correction-reason', label: t('bo.corrections.reason'), message: t(REASON_ERRORS[error], { min: 10, max: REASON_MAX }) }]}
    />
  );
}

/** POD MI's review of a submitted form: send it back for correction with a reason, or accept it. */
export function ReviewBox({ t, instanceId, version, reason, error }: { t: T; instanceId: string; version: number; reason: string; error?: ReasonError }) {
  const base = `/backoffice/forms/${instanceId}`;
  const describedBy = ['correction-reason-hint', error ? 'correction-reason-error' : ''].filter(Boolean).join(' ');
  return (
    <section class="card" aria-labelledby="review-title">
      <h2 id="review-title">{t('bo.corrections.title')}</h2>
      <form method="post" action={`${base}/correction`} novalidate>
        <input type="hidden" name="version" value={String(version)} />
        <input type="hidden" name="step" value="ask" />
        <div class={error ? 'field field--error' : 'field'}>
          <label for="correction-reason" class="field__label">
            {t('bo.corrections.reason')}
          </label>
          <p id="correction-reason-hint" class="field__hint">
            {t('bo.corrections.reason_hint', { min: 10, max: REASON_MAX })}
          </p>
          {error && (
            <p id="correction-reason-error" class="field__error">
              {t(REASON_ERRORS[error], { min: 10, max: REASON_MAX })}
            </p>
          )}
          <textarea
            id="correction-reason"
            name="reason"
            rows={5}
            class="field__textarea"
            aria-describedby={describedBy}
            aria-invalid={error ? 'true' : undefined}
          >
            {reason}
          </textarea>
        </div>
        <button type="submit" class="button">
          {t('bo.corrections.send_back')}
        </button>
      </form>
      <form method="post" action={`${base}/accept`} class="review-accept">
        <input type="hidden" name="version" value={String(version)} />
        <input type="hidden" name="step" value="ask" />
        <p>{t('bo.corrections.accept_hint')}</p>
        <button type="submit" class="button button--secondary">
          {t('bo.corrections.accept')}
        </button>
      </form>
    </section>
  );
}

/** A decision asked to be confirmed: sending back (with its reason) or accepting. */
export type ReviewConfirmation = { kind: 'correction'; reason: string } | { kind: 'accept' };

/**
 * The confirmation step of a review decision (issue 14, item 13): what the decision does, then the button that does
 * it, or back to the form. Sending back drops both signatures and mails the OCMW; accepting is final.
 */
export function ConfirmReview({ t, instanceId, version, confirming }: { t: T; instanceId: string; version: number; confirming: ReviewConfirmation }) {
  const base = `/backoffice/forms/${instanceId}`;
  const correction = confirming.kind === 'correction';
  return (
    <section class="card confirm-review" aria-labelledby="confirm-review-title">
      <h2 id="confirm-review-title">{t(correction ? 'bo.corrections.confirm_send_back_title' : 'bo.corrections.confirm_accept_title')}</h2>
      <p>{t(correction ? 'bo.corrections.confirm_send_back_text' : 'bo.corrections.confirm_accept_text')}</p>
      {confirming.kind === 'correction' && (
        <blockquote class="confirm-review__reason">
          <p>{confirming.reason}</p>
        </blockquote>
      )}
      <form method="post" action={`${base}/${correction ? 'correction' : 'accept'}`} class="button-bar">
        <input type="hidden" name="version" value={String(version)} />
        {confirming.kind === 'correction' && <input type="hidden" name="reason" value={confirming.reason} />}
        <button type="submit" class="button">
          {t(correction ? 'bo.corrections.confirm_send_back' : 'bo.corrections.confirm_accept')}
        </button>
        <a class="button button--secondary" href={base}>
          {t('button.cancel')}
        </a>
      </form>
    </section>
  );
}
