import { FilterSelect as Select } from '../../../../views/components.tsx';
import type { PageContext } from '../../../../views/layout.tsx';
import { OTHER, PRIMAWEB } from '../../../ocmw-config/config-fields.ts';
import { type ConfigurationList, STATES } from '../configuration.model.ts';
import { CONFIGURATION_BASE } from './configuration-href.ts';

const STATE_KEYS: Record<(typeof STATES)[number], string> = {
  complete: 'bo.configuration.state.complete',
  incomplete: 'bo.configuration.state.incomplete',
};

/** Search, software supplier (the registry's, PrimaWeb, "Andere"), state, and the new merged OCMWs only: a GET form. */
export function ConfigurationFilters({ ctx, list }: { ctx: PageContext; list: ConfigurationList }) {
  const { t } = ctx;
  const { filter } = list;
  const all: [string, string] = ['', t('bo.configuration.list.all')];
  return (
    <form method="get" action={CONFIGURATION_BASE} class="filter-bar" role="search" aria-label={t('bo.configuration.list.search_label')}>
      <div class="field">
        <label for="c-q" class="field__label">
          {t('bo.configuration.list.search')}
        </label>
        <input id="c-q" name="q" type="search" class="field__input" value={filter.search} />
      </div>
      <Select
        id="c-supplier"
        name="supplier"
        label={t('bo.configuration.col.supplier')}
        value={filter.supplier}
        options={[all, ...list.suppliers.map((s) => [s.kbo, s.name] as [string, string]), [PRIMAWEB, t('config.primaweb')], [OTHER, t('config.other')]]}
      />
      <Select
        id="c-state"
        name="state"
        label={t('bo.configuration.list.state')}
        value={filter.state}
        options={[all, ...STATES.map((s) => [s, t(STATE_KEYS[s])] as [string, string])]}
      />
      <div class="field">
        <input type="checkbox" id="c-merged" name="merged" value="1" checked={filter.newMerged} />{' '}
        <label for="c-merged">{t('bo.configuration.list.new_merged')}</label>
      </div>
      <button type="submit" class="button button--secondary">
        {t('bo.configuration.list.search_button')}
      </button>
    </form>
  );
}
