import { Layout, type PageContext } from '../../views/layout.tsx';

/** A list of one-click choices, each a small POST form (works without JavaScript). */
function ChoiceList({ action, field, choices }: { action: string; field: string; choices: Array<{ id: string; title: string; detail: string }> }) {
  return (
    <ul class="person-list">
      {choices.map((c) => (
        <li>
          <form method="post" action={action}>
            <input type="hidden" name={field} value={c.id} />
            <button type="submit" class="button button--secondary person-button">
              <span class="person-button__name">{c.title}</span>
              <span class="person-button__roles">{c.detail}</span>
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

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
          <ChoiceList action="/auth/demo" field="personId" choices={persons.map((p) => ({ id: p.id, title: p.name, detail: p.roles.join(' · ') }))} />
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
      <ChoiceList
        action="/choose-ocmw"
        field="organisationId"
        choices={organisations.map((o) => ({ id: o.id, title: o.name, detail: `${t('common.kbo')} ${o.kbo}` }))}
      />
    </Layout>
  );
}
