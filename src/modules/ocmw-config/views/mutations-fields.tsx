import { Notice } from '../../../views/components.tsx';
import type { PageContext } from '../../../views/layout.tsx';
import { YES, type ScreenData } from '../config-fields.ts';
import type { ConfigChoices } from '../config.model.ts';
import { fieldLabel } from './field-text.ts';

/** Type mutaties (portal.md §6.1): every type of the catalogue to tick or untick, for the OCMW as a whole. */
export function MutationsFields({ ctx, data, choices }: { ctx: PageContext; data: ScreenData; choices: ConfigChoices }) {
  const { t } = ctx;
  return (
    <fieldset class="field" aria-describedby="cfg-mutations-hint">
      <legend class="field__label">{t('config.mutations.legend')}</legend>
      <p id="cfg-mutations-hint" class="field__hint">
        {t('config.mutations.hint')}
      </p>
      <Notice kind="warning">{t('config.mutations.warning')}</Notice>
      <ul class="checkbox-list">
        {choices.mutationTypes.map((m) => (
          <li>
            <input
              type="checkbox"
              id={`cfg-${m.code}`}
              name="selected"
              value={m.code}
              checked={data[m.code] === YES}
              aria-describedby={`cfg-${m.code}-source`}
            />{' '}
            <label for={`cfg-${m.code}`}>{fieldLabel(t, ctx.lang, 'MUTATIONS', m.code, choices)}</label>
            <span id={`cfg-${m.code}-source`} class="field__hint checkbox-list__hint">
              {t('config.mutations.source', { source: m.source })}
            </span>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
