import type { T } from '../../../i18n/i18n.ts';
import { formatDate } from '../../../i18n/format.ts';
import type { Language } from '../../../i18n/language.ts';
import { ErrorSummary, type FieldError, Notice, TableRegion, TextInput } from '../../../views/components.tsx';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import { formatKbo } from '../../shared/identifiers.ts';
import {
  ACTION_KEYS,
  type AccessHome,
  type AccessPerson,
  DOMAIN_KEYS,
  FLASH_KEYS,
  type Flash,
  LIST_ACTIONS,
  type ListField,
  type ListInput,
} from '../access-management.model.ts';

/** The last day of a block (stored as the moment it lifts: the next midnight, Brussels time). */
export function blockLastDay(until: Date, lang: Language): string {
  return formatDate(new Date(until.getTime() - 1000), lang);
}

export function rightsText(t: T, person: Pick<AccessPerson, 'roles' | 'applications'>): string {
  return [...person.roles, ...person.applications].map((r) => t(`right.${r}`)).join(', ');
}

export function stateText(t: T, lang: Language, person: Pick<AccessPerson, 'blocked' | 'blockedUntil'>): string {
  if (!person.blocked) return t('access.state.active');
  return person.blockedUntil ? t('access.state.blocked_until', { date: blockLastDay(person.blockedUntil, lang) }) : t('access.state.blocked');
}

export type ListErrors = Partial<Record<ListField, { key: string; name?: string }>>;

export interface AccessHomeProps {
  ctx: PageContext;
  home: AccessHome;
  flash?: Flash;
  /** the list form posted back with its messages */
  list?: { input: ListInput; errors: ListErrors };
  /** the add-user INSZ posted back with its message */
  addUser?: { insz: string; error: string };
}

function base(ctx: PageContext): string {
  return `${ctx.ocmwBase ?? ''}/access`;
}

/** A role holder (HTB, co-HTB, TB, co-TB) with the button that removes the role, when the actor may. */
function RoleHolder({ ctx, person, removeRole }: { ctx: PageContext; person: AccessPerson; removeRole?: 'co-htb' | 'co-tb' }) {
  const { t } = ctx;
  const roleName = removeRole === 'co-htb' ? t('right.CO_HTB') : t('right.CO_TB');
  return (
    <li class="role-holder">
      <span>
        {person.name} <span class="field__hint">({person.inszMasked})</span>
        {person.blocked ? ` — ${stateText(t, ctx.lang, person)}` : ''}
      </span>
      {removeRole && person.refusal === null && (
        <form method="post" action={`${base(ctx)}/roles/${removeRole}/${person.personId}/remove`} class="inline-form">
          <button type="submit" class="button button--secondary button--small" aria-label={t('access.remove_named', { name: person.name, role: roleName })}>
            {t('access.remove')}
          </button>
        </form>
      )}
    </li>
  );
}

function UsersList({ ctx, home, list }: { ctx: PageContext; home: AccessHome; list?: AccessHomeProps['list'] }) {
  const { t } = ctx;
  const ticked = new Set(list?.input.personIds ?? []);
  const errors = list?.errors ?? {};
  const message = (field: ListField) => {
    const e = errors[field];
    return e ? t(e.key, { name: e.name ?? '' }) : undefined;
  };
  const canAct = home.powers.manageUsers;
  return (
    <section>
      <h3 id="users-title">{t('access.users_title')}</h3>
      <p>{t('access.users_count', { count: home.userCount })}</p>
      <form method="get" action={base(ctx)} class="inline-form filter-form" role="search">
        <label for="filter-q">{t('access.filter_label')}</label>
        <input id="filter-q" name="q" type="search" value={home.filter} class="field__input" autocomplete="off" />
        <button type="submit" class="button button--secondary">
          {t('access.filter_button')}
        </button>
        {home.filter !== '' && <a href={base(ctx)}>{t('access.filter_clear')}</a>}
      </form>
      {home.filter !== '' && <p role="status">{t('access.users_shown', { shown: home.users.length, count: home.userCount })}</p>}
      {home.users.length === 0 ? (
        <p>{t('access.no_users')}</p>
      ) : (
        <form method="post" action={`${base(ctx)}/users/action`} novalidate>
          <div class={errors.personIds ? 'field field--error' : ''} id="list-personIds" tabIndex={-1}>
            {errors.personIds && (
              <p id="list-personIds-error" class="field__error">
                {message('personIds')}
              </p>
            )}
            <TableRegion labelledBy="users-title">
              <table class="data-table access-users">
                <caption class="visually-hidden">{t('access.users_title')}</caption>
                <thead>
                  <tr>
                    {canAct && (
                      <th scope="col">
                        <span class="visually-hidden">{t('access.col.select')}</span>
                      </th>
                    )}
                    <th scope="col">{t('access.col.name')}</th>
                    <th scope="col">{t('access.col.insz')}</th>
                    <th scope="col">{t('access.col.applications')}</th>
                    <th scope="col">{t('access.col.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {home.users.map((u) => (
                    <tr>
                      {canAct && (
                        <td>
                          {u.refusal === null && (
                            <>
                              <input
                                type="checkbox"
                                name="personIds"
                                value={u.personId}
                                id={`sel-${u.personId}`}
                                checked={ticked.has(u.personId)}
                                aria-describedby={errors.personIds ? 'list-personIds-error' : undefined}
                              />
                              <label for={`sel-${u.personId}`} class="visually-hidden">
                                {t('access.select_person', { name: u.name })}
                              </label>
                            </>
                          )}
                        </td>
                      )}
                      <th scope="row">{u.refusal === null ? <a href={`${base(ctx)}/users/${u.personId}`}>{u.name}</a> : u.name}</th>
                      <td class="nowrap">{u.inszMasked}</td>
                      <td>{rightsText(t, u)}</td>
                      <td>{stateText(t, ctx.lang, u)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </div>
          {canAct && (
            <fieldset class="form-section list-actions">
              <legend>{t('access.list_actions')}</legend>
              <div class={errors.action ? 'field field--error' : 'field'}>
                <label for="list-action" class="field__label">
                  {t('access.action_label')}
                </label>
                {errors.action && (
                  <p id="list-action-error" class="field__error">
                    {message('action')}
                  </p>
                )}
                <select
                  id="list-action"
                  name="action"
                  class="field__select"
                  aria-invalid={errors.action ? 'true' : undefined}
                  aria-describedby={errors.action ? 'list-action-error' : undefined}
                >
                  <option value="">{t('access.action.choose')}</option>
                  {LIST_ACTIONS.map((a) => (
                    <option value={a} selected={list?.input.action === a}>
                      {t(ACTION_KEYS[a])}
                    </option>
                  ))}
                </select>
              </div>
              <TextInput
                id="list-until"
                name="until"
                label={t('access.until_label')}
                hint={t('access.until_hint')}
                value={list?.input.until ?? ''}
                error={message('until')}
                inputmode="numeric"
              />
              <button type="submit" class="button">
                {t('access.execute')}
              </button>
            </fieldset>
          )}
        </form>
      )}
    </section>
  );
}

/** Toegangsbeheer's home: the organisation and its roles, the domain with its TB, co-TBs and users. */
export function AccessHomePage({ ctx, home, flash, list, addUser }: AccessHomeProps) {
  const { t } = ctx;
  const title = t('access.title');
  const listErrors = list?.errors ?? {};
  const summary: FieldError[] = [
    ...(['personIds', 'action', 'until'] as const)
      .filter((f) => listErrors[f])
      .map((f) => {
        const e = listErrors[f] as { key: string; name?: string };
        const label = f === 'personIds' ? t('access.users_title') : f === 'action' ? t('access.action_label') : t('access.until_label');
        return { fieldId: `list-${f}`, label, message: t(e.key, { name: e.name ?? '' }) };
      }),
    ...(addUser ? [{ fieldId: 'add-insz', label: t('access.insz_label'), message: t(addUser.error) }] : []),
  ];
  const { powers } = home;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={ctx.ocmwBase ?? '/'}>{t('button.home')}</a>
      </p>
      <h1>{`${title} — ${home.organisationName}`}</h1>
      {flash && <Notice kind={flash === 'expired' || flash === 'cancelled' || flash === 'unchanged' ? 'info' : 'success'}>{t(FLASH_KEYS[flash])}</Notice>}
      <ErrorSummary t={t} errors={summary} />
      <p>{t('access.intro', { name: home.organisationName })}</p>
      {home.canReadAudit && (
        <p>
          <a href={`${base(ctx)}/audit`}>{t('access.audit_link')}</a>
        </p>
      )}

      <section class="card" aria-labelledby="org-title">
        <h2 id="org-title">{`${t('access.organisation')}: ${home.organisationName} (${t('common.kbo')} ${formatKbo(home.kbo)})`}</h2>
        <h3>{t('access.htb_title')}</h3>
        <ul class="role-list">{home.htb ? <RoleHolder ctx={ctx} person={home.htb} /> : <li>{t('access.none')}</li>}</ul>
        <p class="field__hint">{t('access.htb_note')}</p>
        <h3>{t('access.co_htbs_title')}</h3>
        <ul class="role-list">
          {home.coHtbs.length === 0 ? (
            <li>{t('access.none')}</li>
          ) : (
            home.coHtbs.map((p) => <RoleHolder ctx={ctx} person={p} removeRole={powers.manageCoHtb ? 'co-htb' : undefined} />)
          )}
        </ul>
        {powers.manageCoHtb && (
          <p>
            <a class="button button--secondary" href={`${base(ctx)}/appoint/co-htb`}>
              {t('access.add_co_htb')}
            </a>
          </p>
        )}
      </section>

      <section class="card" aria-labelledby="domain-title">
        <h2 id="domain-title">{t('access.domain_title', { domain: t(DOMAIN_KEYS[home.domainName] ?? home.domainName) })}</h2>
        <h3>{t('access.tb_title')}</h3>
        <ul class="role-list">{home.tb ? <RoleHolder ctx={ctx} person={home.tb} /> : <li>{t('access.no_tb')}</li>}</ul>
        {powers.changeTb && (
          <p>
            <a class="button button--secondary" href={`${base(ctx)}/appoint/tb`}>
              {t('access.change_tb')}
            </a>
          </p>
        )}
        <h3>{t('access.co_tbs_title')}</h3>
        <ul class="role-list">
          {home.coTbs.length === 0 ? (
            <li>{t('access.none')}</li>
          ) : (
            home.coTbs.map((p) => <RoleHolder ctx={ctx} person={p} removeRole={powers.manageCoTb ? 'co-tb' : undefined} />)
          )}
        </ul>
        {powers.manageCoTb && (
          <p>
            <a class="button button--secondary" href={`${base(ctx)}/appoint/co-tb`}>
              {t('access.add_co_tb')}
            </a>
          </p>
        )}
        <UsersList ctx={ctx} home={home} list={list} />
        {powers.manageUsers && (
          <form method="post" action={`${base(ctx)}/start/user`} class="add-user" novalidate>
            <h3 id="add-user-title">{t('access.add_user_title')}</h3>
            <p>{t('access.add_user_intro')}</p>
            <TextInput
              id="add-insz"
              name="insz"
              label={t('access.insz_label')}
              hint={t('access.insz_hint')}
              value={addUser?.insz ?? ''}
              error={addUser ? t(addUser.error) : undefined}
              inputmode="numeric"
            />
            <button type="submit" class="button">
              {t('access.next')}
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
}
