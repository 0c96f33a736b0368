import { Layout, type PageContext } from '../../views/layout.tsx';

export interface DemoPerson {
  id: string;
  name: string;
  roles: string[];
}

/** Login: in demo mode a list of demo persons (name and role); otherwise the federal login. */
export function LoginPage({ ctx, demo, persons, message }: { ctx: PageContext; demo: boolean; persons: DemoPerson[]; message?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      {message && (
        <div class="notice notice--warning" role="alert">
          {t(message)}
        </div>
      )}
      {demo ? (
        <>
          <p>{t('login.demo_intro')}</p>
          <ul class="person-list">
            {persons.map((p) => (
              <li>
                <form method="post" action="/auth/demo">
                  <input type="hidden" name="personId" value={p.id} />
                  <button type="submit" class="button button--secondary person-button">
                    <span class="person-button__name">{p.name}</span>
                    <span class="person-button__roles">{p.roles.join(' · ')}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('login.federal_not_configured')}</p>
      )}
    </Layout>
  );
}

export interface ChoosableOcmw {
  id: string;
  name: string;
  kbo: string;
}

export function ChooseOcmwPage({ ctx, organisations }: { ctx: PageContext; organisations: ChoosableOcmw[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('choose.title')}>
      <h1>{t('choose.title')}</h1>
      <p>{t('choose.intro')}</p>
      <ul class="person-list">
        {organisations.map((o) => (
          <li>
            <form method="post" action="/choose-ocmw">
              <input type="hidden" name="organisationId" value={o.id} />
              <button type="submit" class="button button--secondary person-button">
                <span class="person-button__name">{o.name}</span>
                <span class="person-button__roles">{`${t('common.kbo')} ${o.kbo}`}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
