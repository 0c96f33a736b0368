import type { OrganisationStatus } from '../../shared/domain.ts';
import { Layout, type PageContext } from '../../../views/layout.tsx';

export interface ChoosableOcmw {
  id: string;
  name: string;
  /** formatted: 0212.000.153 */
  kbo: string;
  /** today: a disappearing OCMW says so, with its successor (MRG-1) */
  status: OrganisationStatus;
  successor: { name: string; kbo: string } | null;
}

/**
 * The organisation chooser (portal.md §2.3): name and KBO number of every OCMW the person may act for, a filter by
 * either (a GET form: works without JavaScript), one POST button per OCMW.
 */
export function ChooseOcmwPage({ ctx, organisations, total, query }: { ctx: PageContext; organisations: ChoosableOcmw[]; total: number; query: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('choose.title')}>
      <h1>{t('choose.title')}</h1>
      <p>{t('choose.intro')}</p>
      {total > 1 && (
        <form method="get" action="/choose-ocmw" class="filter-bar" role="search">
          <div class="field">
            <label for="q" class="field__label">
              {t('choose.filter_label')}
            </label>
            <input id="q" name="q" type="search" class="field__input" value={query} autocomplete="off" spellcheck={false} />
          </div>
          <button type="submit" class="button button--secondary">
            {t('choose.filter_button')}
          </button>
        </form>
      )}
      <p role="status">{query ? t('choose.count_filtered', { count: organisations.length, total }) : t('choose.count', { count: total })}</p>
      {organisations.length === 0 ? (
        <p>{t('choose.none_match')}</p>
      ) : (
        <ul class="person-list">
          {organisations.map((o) => (
            <li>
              <form method="post" action="/choose-ocmw">
                <input type="hidden" name="organisationId" value={o.id} />
                <button type="submit" class="button button--secondary person-button">
                  <span class="person-button__name">
                    {o.name}
                    {o.status !== 'ACTIVE' && (
                      <span class={o.status === 'MERGED' ? 'tag' : 'tag tag--warning'}>
                        {t(o.status === 'MERGED' ? 'choose.merged' : 'choose.disappearing')}
                      </span>
                    )}
                  </span>
                  <span class="person-button__roles">{`${t('common.kbo')} ${o.kbo}`}</span>
                  {o.successor && o.status !== 'ACTIVE' && (
                    <span class="person-button__roles">{t('choose.successor', { name: o.successor.name, kbo: o.successor.kbo })}</span>
                  )}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
