import type { PageContext } from '../../../views/layout.tsx';
import { homeHref } from '../../../views/layout.tsx';
import type { ConfigScreen } from '../../shared/domain.ts';
import { SCREEN_KEYS } from './config-texts.ts';
import { CONFIG_SCREENS, SCREEN_SLUGS } from '../config-fields.ts';

/** The address of OCMW-configuratie, or of one of its screens, for the page's OCMW. */
export function configHref(ctx: PageContext, screen?: ConfigScreen, rest = ''): string {
  return `${homeHref(ctx)}/configuration${screen ? `/${SCREEN_SLUGS[screen]}` : ''}${rest}`;
}

/** The four screens, the current one marked (seed: "Mutaties", "Technische dienstverleners", "Contactgegevens", "OCMW Online"). */
export function ConfigNav({ ctx, current }: { ctx: PageContext; current?: ConfigScreen }) {
  const { t } = ctx;
  return (
    <nav class="sub-nav" aria-label={t('config.title')}>
      <ul>
        <li>
          <a href={configHref(ctx)} aria-current={current === undefined ? 'page' : undefined}>
            {t('config.overview')}
          </a>
        </li>
        {CONFIG_SCREENS.map((screen) => (
          <li>
            <a href={configHref(ctx, screen)} aria-current={current === screen ? 'page' : undefined}>
              {t(SCREEN_KEYS[screen])}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
