import type { T } from '../../../../i18n/i18n.ts';
import { Notice } from '../../../../views/components.tsx';
import { SIGNATURE_HEADINGS } from '../../../reports/views/form-page.view.tsx';
import type { FormVerification } from '../verification.ts';

const CHAIN_PROBLEMS = {
  hash: 'bo.followup.verify.chain_hash',
  link: 'bo.followup.verify.chain_link',
  gap: 'bo.followup.verify.chain_gap',
} as const;

/** The verification of a submitted form, check by check, each with its result in words. */
export function VerificationBox({ t, verification }: { t: T; verification: FormVerification | null }) {
  if (!verification) {
    return (
      <section class="card" aria-labelledby="verify-title">
        <h2 id="verify-title">{t('bo.followup.verify.title')}</h2>
        <p>{t('bo.followup.verify.not_submitted')}</p>
      </section>
    );
  }
  const v = verification;
  const result = (ok: boolean) => (ok ? t('bo.followup.verify.ok') : t('bo.followup.verify.failed'));
  const checks: Array<{ label: string; ok: boolean; detail?: string }> = [
    { label: t('bo.followup.verify.stored_hash'), ok: v.storedHashOk },
    ...v.signatures.map((s) => ({ label: t('bo.followup.verify.signature', { role: t(SIGNATURE_HEADINGS[s.role]), name: s.signer }), ok: s.ok })),
    ...v.missingRoles.map((role) => ({ label: t('bo.followup.verify.signature_missing', { role: t(SIGNATURE_HEADINGS[role]) }), ok: false })),
    {
      label: t('bo.followup.verify.chain'),
      ok: v.chain.ok,
      detail: v.chain.ok
        ? t('bo.followup.verify.chain_events', { count: v.chain.events })
        : t(CHAIN_PROBLEMS[v.chain.problem?.reason ?? 'hash'], { seq: v.chain.problem?.seq ?? 0 }),
    },
  ];
  return (
    <section class="card" aria-labelledby="verify-title" id="verification">
      <h2 id="verify-title">{t('bo.followup.verify.title')}</h2>
      {v.ok ? <Notice kind="success">{t('bo.followup.verify.all_ok')}</Notice> : <Notice kind="warning">{t('bo.followup.verify.some_failed')}</Notice>}
      <ul class="verify-list">
        {checks.map((c) => (
          <li class={c.ok ? 'verify verify--ok' : 'verify verify--failed'} data-ok={String(c.ok)}>
            <span class="verify__mark" aria-hidden="true">
              {c.ok ? '✔' : '✘'}
            </span>
            <span>{`${c.label}: ${result(c.ok)}`}</span>
            {c.detail && <span class="cell-note">{c.detail}</span>}
          </li>
        ))}
      </ul>
      <p class="field__hint">{t('bo.followup.verify.hash', { hash: v.recomputedHash })}</p>
    </section>
  );
}
