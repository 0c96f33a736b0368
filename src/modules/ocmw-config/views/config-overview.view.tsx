import { formatDateTime } from '../../../i18n/format.ts';
import { Notice } from '../../../views/components.tsx';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import type { ConfigOverview } from '../config.model.ts';
import { ConfigNav, configHref } from './config-nav.tsx';
import { SCREEN_INTRO_KEYS, SCREEN_KEYS } from './config-texts.ts';

/**
 * OCMW-configuratie's start: the four screens as a task list with when each was last saved; a new merged OCMW
 * (scenario 1) is told which screens it must still fill (portal.md §6.5).
 */
export function ConfigOverviewPage({ ctx, overview }: { ctx: PageContext; overview: ConfigOverview }) {
  const { t, lang } = ctx;
  const missing = overview.screens.filter((s) => s.saved === null);
  return (
    <Layout ctx={ctx} title={t('config.title')}>
      <h1>{t('config.title')}</h1>
      <ConfigNav ctx={ctx} />
      {overview.newMerged && missing.length > 0 && (
        <Notice kind="warning">
          <p>{t('config.merged_banner')}</p>
          <ul>
            {missing.map((s) => (
              <li>
                <a href={configHref(ctx, s.screen)}>{t(SCREEN_KEYS[s.screen])}</a>
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <p>{t('config.intro.overview')}</p>
      <ul class="task-list">
        {overview.screens.map((s) => (
          <li class="task-list__item">
            <div>
              <a class="task-list__name" href={configHref(ctx, s.screen)} aria-describedby={`cfg-state-${s.screen}`}>
                {t(SCREEN_KEYS[s.screen])}
              </a>
              <p class="field__hint">{t(SCREEN_INTRO_KEYS[s.screen])}</p>
            </div>
            <span id={`cfg-state-${s.screen}`} class={s.saved ? 'tag tag--done' : 'tag'}>
              {s.saved ? t('config.state_saved', { at: formatDateTime(s.saved.at, lang) }) : t('config.state_missing')}
            </span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
