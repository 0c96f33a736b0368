import { formatDateTime, formatIsoDate } from '../../../i18n/format.ts';
import { Notice, TableRegion } from '../../../views/components.tsx';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import { formatInsz } from '../../shared/identifiers.ts';
import type { Language } from '../../../i18n/language.ts';
import { type AccessDraft, type DataChange, type DraftOverview, LANGUAGE_KEYS, type PersonRef } from '../access-management.model.ts';

function base(ctx: PageContext): string {
  return `${ctx.ocmwBase ?? ''}/access`;
}

function valueText(ctx: PageContext, change: DataChange, value: string | null): string {
  if (value === null || value === '') return ctx.t('access.change.empty');
  return change.field === 'language' ? ctx.t(LANGUAGE_KEYS[value as Language] ?? value) : value;
}

function DataTable({ ctx, changes }: { ctx: PageContext; changes: DataChange[] }) {
  const { t } = ctx;
  if (changes.length === 0) return null;
  return (
    <TableRegion labelledBy="data-title">
      <table class="data-table">
        <caption id="data-title">{t('access.change.data')}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">{t('access.change.data')}</span>
            </th>
            <th scope="col">{t('access.change.before')}</th>
            <th scope="col">{t('access.change.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">{t(`access.field.${c.field}`)}</th>
              <td>{valueText(ctx, c, c.before)}</td>
              <td>{valueText(ctx, c, c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function PersonLine({ ctx, person }: { ctx: PageContext; person: PersonRef }) {
  return <li>{`${person.name} (${ctx.t('access.field.insz')} ${formatInsz(person.insz)})`}</li>;
}

function AppsList({ ctx, label, apps }: { ctx: PageContext; label: string; apps: string[] }) {
  if (apps.length === 0) return null;
  return (
    <div class="summary-row">
      <dt>{label}</dt>
      <dd>{apps.map((a) => ctx.t(`right.${a}`)).join(', ')}</dd>
    </div>
  );
}

/** Exactly what changes, in words and tables. */
function DraftContent({ ctx, draft }: { ctx: PageContext; draft: AccessDraft }) {
  const { t } = ctx;
  if (draft.kind === 'USER') {
    return (
      <>
        <p>
          <strong>{t(draft.added ? 'access.change.user_added' : 'access.change.user_changed', { name: draft.person.name })}</strong>
        </p>
        {draft.newPerson && <p>{t('access.change.new_person', { name: draft.person.name, insz: formatInsz(draft.person.insz) })}</p>}
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('access.change.person')}</dt>
            <dd>{`${draft.person.name} (${formatInsz(draft.person.insz)})`}</dd>
          </div>
          <AppsList ctx={ctx} label={t('access.change.grant')} apps={draft.grant} />
          <AppsList ctx={ctx} label={t('access.change.revoke')} apps={draft.revoke} />
          <AppsList ctx={ctx} label={t('access.change.keep')} apps={draft.keep} />
        </dl>
        <DataTable ctx={ctx} changes={draft.changes} />
      </>
    );
  }
  if (draft.kind === 'ROLE') {
    const role = t(`right.${draft.role}`);
    return (
      <>
        <p>
          <strong>{t('access.change.role_granted', { name: draft.person.name, role })}</strong>
        </p>
        {draft.newPerson && <p>{t('access.change.new_person', { name: draft.person.name, insz: formatInsz(draft.person.insz) })}</p>}
        {draft.previous && (
          <p>{t(draft.previous.keepAsCoTb ? 'access.change.tb_previous_kept' : 'access.change.tb_previous', { name: draft.previous.name })}</p>
        )}
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('access.change.person')}</dt>
            <dd>{`${draft.person.name} (${formatInsz(draft.person.insz)})`}</dd>
          </div>
        </dl>
        <DataTable ctx={ctx} changes={draft.changes} />
      </>
    );
  }
  if (draft.kind === 'REMOVE_ROLE') {
    return (
      <p>
        <strong>{t('access.change.role_revoked', { name: draft.person.name, role: t(`right.${draft.role}`) })}</strong>
      </p>
    );
  }
  const intro =
    draft.kind === 'REMOVE'
      ? t('access.change.remove')
      : draft.kind === 'UNBLOCK'
        ? t('access.change.unblock')
        : draft.until
          ? t('access.change.block_until', { date: formatIsoDate(draft.until) })
          : t('access.change.block');
  return (
    <>
      <p>
        <strong>{intro}</strong>
      </p>
      <ul>
        {draft.persons.map((p) => (
          <PersonLine ctx={ctx} person={p} />
        ))}
      </ul>
    </>
  );
}

/** The overview ("Bevestigen" or "Annuleren"): nothing has changed yet. */
export function DraftOverviewPage({ ctx, overview }: { ctx: PageContext; overview: DraftOverview }) {
  const { t } = ctx;
  const title = t('access.overview_title');
  const action = `${base(ctx)}/drafts/${overview.id}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Notice kind="info">{t('access.overview_intro')}</Notice>
      <DraftContent ctx={ctx} draft={overview.draft} />
      <p class="field__hint">{t('access.overview_expires', { time: formatDateTime(overview.expiresAt, ctx.lang) })}</p>
      <div class="button-bar">
        <form method="post" action={`${action}/confirm`}>
          <button type="submit" class="button">
            {t('access.confirm')}
          </button>
        </form>
        <form method="post" action={`${action}/cancel`}>
          <button type="submit" class="button button--secondary">
            {t('access.cancel')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** "Bevestigen" that changed nothing: the overview was stale, or the change is refused. */
export function ConfirmRefusedPage({ ctx, kind, text }: { ctx: PageContext; kind: 'stale' | 'refused'; text: string }) {
  const { t } = ctx;
  const title = t(kind === 'stale' ? 'access.stale_title' : 'access.refused_title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <div class="error-summary" role="alert" aria-labelledby="refused-title" tabIndex={-1} data-autofocus="true">
        <h2 id="refused-title" class="error-summary__title">
          {title}
        </h2>
        <p>{text}</p>
      </div>
      <p>
        <a class="button" href={base(ctx)}>
          {t('access.back')}
        </a>
      </p>
    </Layout>
  );
}
