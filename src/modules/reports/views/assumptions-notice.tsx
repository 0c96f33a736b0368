import type { T } from '../../../i18n/i18n.ts';
import type { Language } from '../../../i18n/language.ts';
import { assumptionLines } from '../assumption-lines.ts';

/**
 * The campaign's parameters that are this application's assumptions (issue 14, item 22), said where the OCMW sees the
 * form: which values, and that POD MI has not confirmed them yet and may still change them.
 */
export function AssumptionsNotice({ t, lang, params }: { t: T; lang: Language; params: Record<string, unknown> }) {
  const lines = assumptionLines(t, lang, params);
  if (lines.length === 0) return null;
  return (
    <section class="notice notice--info assumptions" aria-labelledby="assumptions-title">
      <h2 id="assumptions-title">{t('assumption.title')}</h2>
      <p>{t('assumption.intro')}</p>
      <ul>
        {lines.map((line) => (
          <li>
            {line.label}: {line.value}
          </li>
        ))}
      </ul>
    </section>
  );
}
