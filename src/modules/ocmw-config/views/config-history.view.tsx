import { formatDateTime } from '../../../i18n/format.ts';
import { TableRegion } from '../../../views/components.tsx';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import type { ConfigScreen } from '../../shared/domain.ts';
import type { ConfigChoices, HistoryEntry } from '../config.model.ts';
import { ConfigNav, configHref } from './config-nav.tsx';
import { SCREEN_KEYS } from './config-texts.ts';
import { fieldLabel, valueText } from './field-text.ts';

/** Every save of a screen, newest first: who, when, and each field old → new. */
export function ConfigHistoryPage({
  ctx,
  screen,
  entries,
  choices,
}: {
  ctx: PageContext;
  screen: ConfigScreen;
  entries: HistoryEntry[];
  choices: ConfigChoices;
}) {
  const { t, lang } = ctx;
  const title = t('config.history.title', { screen: t(SCREEN_KEYS[screen]) });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="caption">{t('config.title')}</p>
      <h1>{title}</h1>
      <ConfigNav ctx={ctx} current={screen} />
      <p>
        <a href={configHref(ctx, screen)}>{t('config.history.back', { screen: t(SCREEN_KEYS[screen]) })}</a>
      </p>
      {entries.length === 0 ? (
        <p>{t('config.history.none')}</p>
      ) : (
        entries.map((entry) => (
          <div class="history-entry">
            <h2 id={`cfg-v${entry.version}`} class="history-entry__title">
              {t('config.history.entry', { version: entry.version, at: formatDateTime(entry.at, lang), name: entry.by })}
            </h2>
            {entry.changes.length === 0 ? (
              <p>{t('config.history.no_change')}</p>
            ) : (
              <TableRegion labelledBy={`cfg-v${entry.version}`}>
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('config.history.field')}</th>
                      <th scope="col">{t('config.history.old')}</th>
                      <th scope="col">{t('config.history.new')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entry.changes.map((c) => (
                      <tr>
                        <th scope="row">{fieldLabel(t, lang, screen, c.field, choices)}</th>
                        <td>{valueText(t, lang, screen, c.field, c.old, choices)}</td>
                        <td>{valueText(t, lang, screen, c.field, c.new, choices)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            )}
          </div>
        ))
      )}
    </Layout>
  );
}
