import type { Actor } from '../../../../access/access.ts';
import { formatDate } from '../../../../i18n/format.ts';
import { Field, Notice, TableRegion } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import type { PodMiRole } from '../../../shared/domain.ts';
import type {
  FormErrors,
  StaffAddField,
  StaffAddOverview,
  StaffAddValues,
  StaffChangeField,
  StaffChangeOverview,
  StaffChangeValues,
  StaffMember,
} from '../access-admin.model.ts';
import type { Flash } from './htb.view.tsx';
import { AccessNav, Errors, Hidden, LanguageSelect, PersonFields, Summary } from './parts.tsx';
import { OVERVIEW_TITLE_KEYS, REFUSAL_KEYS, ROLE_HINT_KEYS, WHAT_KEYS, errorText, languageName, roleName } from './texts.ts';

const ROLES: PodMiRole[] = ['PODMI_AGENT', 'PODMI_ADMIN'];

function RoleChoice({ ctx, value, error }: { ctx: PageContext; value: string; error?: string }) {
  const { t } = ctx;
  const message = errorText(t, error);
  return (
    <fieldset class={error ? 'field field--error' : 'field'} aria-describedby={message ? 'p-role-error' : undefined}>
      <legend class="field__label">{t('bo.access_admin.field.role')}</legend>
      {message && (
        <p id="p-role-error" class="field__error">
          {message}
        </p>
      )}
      {ROLES.map((role) => (
        <div>
          <input type="radio" id={`p-role-${role}`} name="role" value={role} checked={value === role} />{' '}
          <label for={`p-role-${role}`}>{`${roleName(t, role)} — ${t(ROLE_HINT_KEYS[role])}`}</label>
        </div>
      ))}
    </fieldset>
  );
}

function blockText(ctx: PageContext, m: StaffMember): string {
  if (!m.blocked) return ctx.t('bo.access_admin.staff.active');
  return m.blockedUntil ? ctx.t('bo.access_admin.staff.blocked_until', { date: formatDate(m.blockedUntil, ctx.lang) }) : ctx.t('bo.access_admin.staff.blocked');
}

/** POD MI's staff and the form to add one by INSZ. */
export function StaffListPage({
  ctx,
  actor,
  staff,
  values,
  errors,
  flash,
}: {
  ctx: PageContext;
  actor: Actor;
  staff: StaffMember[];
  values: StaffAddValues;
  errors: FormErrors<StaffAddField>;
  flash?: Flash;
}) {
  const { t } = ctx;
  const title = t('bo.access_admin.staff.title');
  return (
    <Layout ctx={ctx} title={title}>
      <AccessNav ctx={ctx} actor={actor} current="staff" />
      <Errors ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      <p>{t('bo.access_admin.staff.intro')}</p>
      <TableRegion labelledBy="staff-caption">
        <table class="data-table">
          <caption id="staff-caption">{t('bo.access_admin.staff.caption', { count: staff.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bo.access_admin.staff.col_name')}</th>
              <th scope="col">{t('bo.access_admin.field.insz')}</th>
              <th scope="col">{t('bo.access_admin.field.role')}</th>
              <th scope="col">{t('bo.access_admin.field.email')}</th>
              <th scope="col">{t('bo.access_admin.staff.col_state')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((m) => (
              <tr>
                <th scope="row">
                  <a href={`/backoffice/access/podmi/${m.personId}`}>{m.name}</a>
                  {m.self && <span class="tag">{t('bo.access_admin.staff.you')}</span>}
                </th>
                <td class="nowrap">{m.maskedInsz}</td>
                <td>{roleName(t, m.role)}</td>
                <td>{m.email ?? '—'}</td>
                <td>{blockText(ctx, m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2 id="add-title">{t('bo.access_admin.staff.add_title')}</h2>
      <form method="post" action="/backoffice/access/podmi" aria-labelledby="add-title" novalidate>
        <PersonFields ctx={ctx} values={values} errors={errors} />
        <RoleChoice ctx={ctx} value={values.role} error={errors.role} />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.access_admin.save')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** Adding a staff member: the overview before "Bevestigen". */
export function StaffAddOverviewPage({ ctx, actor, overview }: { ctx: PageContext; actor: Actor; overview: StaffAddOverview }) {
  const { t } = ctx;
  const title = t('bo.access_admin.overview.title');
  const { next } = overview;
  return (
    <Layout ctx={ctx} title={title}>
      <AccessNav ctx={ctx} actor={actor} current="staff" />
      <h1>{title}</h1>
      <Notice kind="info">{t('bo.access_admin.overview.nothing_yet')}</Notice>
      <Summary
        rows={[
          [t('bo.access_admin.staff.added_person'), `${next.name} (${next.maskedInsz})`],
          [t('bo.access_admin.field.role'), roleName(t, overview.role)],
          [t('bo.access_admin.field.email'), next.email],
          [t('bo.access_admin.field.language'), languageName(t, next.language)],
        ]}
      />
      <ul>
        <li>{next.known ? t('bo.access_admin.overview.person_known') : t('bo.access_admin.overview.person_new')}</li>
        {next.typedNameIgnored && <li>{t('bo.access_admin.overview.name_ignored')}</li>}
      </ul>
      <form method="post" action="/backoffice/access/podmi/confirm">
        <Hidden values={{ ...overview.values, expected: String(overview.expected) }} />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.access_admin.confirm')}
          </button>
          <button type="submit" class="button button--secondary" formaction="/backoffice/access/podmi?step=edit">
            {t('bo.access_admin.change')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export interface StaffMemberProps {
  ctx: PageContext;
  actor: Actor;
  member: StaffMember;
  values: StaffChangeValues;
  errors: FormErrors<StaffChangeField>;
  flash?: Flash;
  refusal?: 'self' | 'last_admin';
}

/** One staff member: their data, the change form, remove, block or unblock (each then reviewed). */
export function StaffMemberPage({ ctx, actor, member, values, errors, flash, refusal }: StaffMemberProps) {
  const { t } = ctx;
  const title = member.name;
  const action = `/backoffice/access/podmi/${member.personId}`;
  return (
    <Layout ctx={ctx} title={title}>
      <AccessNav ctx={ctx} actor={actor} current="staff" />
      <Errors ctx={ctx} errors={errors} />
      <h1>{title}</h1>
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      {refusal && <Notice kind="warning">{t(REFUSAL_KEYS[refusal])}</Notice>}
      <Summary
        rows={[
          [t('bo.access_admin.field.insz'), member.maskedInsz],
          [t('bo.access_admin.field.role'), roleName(t, member.role)],
          [t('bo.access_admin.field.email'), member.email ?? '—'],
          [t('bo.access_admin.field.language'), languageName(t, member.language)],
          [t('bo.access_admin.staff.col_state'), blockText(ctx, member)],
        ]}
      />
      {member.self ? (
        <Notice kind="info">{t('bo.access_admin.refusal.self')}</Notice>
      ) : (
        <>
          <h2 id="change-title">{t('bo.access_admin.staff.change_title')}</h2>
          <form method="post" action={action} aria-labelledby="change-title" novalidate>
            <input type="hidden" name="action" value="change" />
            <RoleChoice ctx={ctx} value={values.role} error={errors.role} />
            <Field id="p-email" label={t('bo.access_admin.field.email')} error={errorText(t, errors.email)}>
              {({ describedBy, invalid }) => (
                <input id="p-email" name="email" type="email" class="field__input" value={values.email} aria-describedby={describedBy} aria-invalid={invalid} />
              )}
            </Field>
            <LanguageSelect ctx={ctx} value={values.language} error={errors.language} />
            <div class="button-bar">
              <button type="submit" class="button">
                {t('bo.access_admin.save')}
              </button>
            </div>
          </form>
          <h2 id="block-title">{member.blocked ? t('bo.access_admin.staff.unblock_title') : t('bo.access_admin.staff.block_title')}</h2>
          <form method="post" action={action} aria-labelledby="block-title" novalidate>
            {member.blocked ? (
              <input type="hidden" name="action" value="unblock" />
            ) : (
              <>
                <input type="hidden" name="action" value="block" />
                <p>{t('bo.access_admin.staff.block_intro')}</p>
                <Field
                  id="p-blocked-until"
                  label={t('bo.access_admin.field.blocked_until')}
                  hint={t('bo.access_admin.field.blocked_until_hint')}
                  error={errorText(t, errors.blockedUntil)}
                >
                  {({ describedBy, invalid }) => (
                    <input
                      id="p-blocked-until"
                      name="blockedUntil"
                      type="date"
                      class="field__input field__input--date"
                      value={values.blockedUntil}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                    />
                  )}
                </Field>
              </>
            )}
            <div class="button-bar">
              <button type="submit" class="button button--secondary">
                {member.blocked ? t('bo.access_admin.staff.unblock') : t('bo.access_admin.staff.block')}
              </button>
            </div>
          </form>
          <h2 id="remove-title">{t('bo.access_admin.staff.remove_title')}</h2>
          <form method="post" action={action} aria-labelledby="remove-title">
            <input type="hidden" name="action" value="remove" />
            <p>{t('bo.access_admin.staff.remove_intro')}</p>
            <div class="button-bar">
              <button type="submit" class="button button--secondary">
                {t('bo.access_admin.staff.remove')}
              </button>
            </div>
          </form>
        </>
      )}
      <p>
        <a href="/backoffice/access/podmi">{t('bo.access_admin.staff.back')}</a>
      </p>
    </Layout>
  );
}

function changeValue(ctx: PageContext, what: StaffChangeOverview['changes'][number]['what'], value: string): string {
  const { t } = ctx;
  if (value === '') return '—';
  if (what === 'role' || what === 'access') return roleName(t, value);
  if (what === 'language') return languageName(t, value);
  if (what === 'block') return value === '∞' ? t('bo.access_admin.staff.blocked_no_end') : t('bo.access_admin.staff.blocked_until', { date: value });
  return value;
}

/** A change of one staff member: before → after, then "Bevestigen". */
export function StaffChangeOverviewPage({ ctx, actor, overview }: { ctx: PageContext; actor: Actor; overview: StaffChangeOverview }) {
  const { t } = ctx;
  const title = t(OVERVIEW_TITLE_KEYS[overview.values.action], { name: overview.member.name });
  return (
    <Layout ctx={ctx} title={title}>
      <AccessNav ctx={ctx} actor={actor} current="staff" />
      <h1>{title}</h1>
      <Notice kind="info">{t('bo.access_admin.overview.nothing_yet')}</Notice>
      <TableRegion labelledBy="change-caption">
        <table class="data-table">
          <caption id="change-caption">{t('bo.access_admin.staff.changes_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bo.access_admin.staff.col_what')}</th>
              <th scope="col">{t('bo.access_admin.staff.col_before')}</th>
              <th scope="col">{t('bo.access_admin.staff.col_after')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.changes.map((c) => (
              <tr>
                <th scope="row">{t(WHAT_KEYS[c.what])}</th>
                <td>{changeValue(ctx, c.what, c.before)}</td>
                <td>{c.what === 'access' ? t('bo.access_admin.staff.no_access') : changeValue(ctx, c.what, c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <form method="post" action={`/backoffice/access/podmi/${overview.member.personId}/confirm`}>
        <Hidden values={{ ...overview.values, version: String(overview.member.version) }} />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.access_admin.confirm')}
          </button>
          <a class="button button--secondary" href={`/backoffice/access/podmi/${overview.member.personId}`}>
            {t('button.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
