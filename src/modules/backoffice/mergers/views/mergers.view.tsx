import type { Actor } from '../../../../access/access.ts';
import { formatDateTime, formatIsoDate } from '../../../../i18n/format.ts';
import { Notice, TableRegion, TextInput } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { organisationName } from '../../../shared/organisation-name.ts';
import { formatKbo } from '../../../shared/identifiers.ts';
import type { CopyReport, MergerDetail, MergerErrors, MergerEvent, MergerRow, MergersList, TransitionOverview } from '../mergers.model.ts';
import { Errors, type Flash, Hidden, MergersNav, Summary, orgLabel } from './parts.tsx';
import { SCENARIO_KEYS, SKIP_KEYS, STATUS_KEYS, eventName, problemsText, rightName } from './texts.ts';

const BASE = '/backoffice/mergers';

function transitionText(ctx: PageContext, value: string | null): string {
  return value ? formatIsoDate(value) : ctx.t('bo.mergers.provisional');
}

function FlashNotice({ ctx, flash }: { ctx: PageContext; flash?: Flash }) {
  return flash ? <Notice kind={flash.kind}>{ctx.t(flash.key, flash.params ?? {})}</Notice> : null;
}

/** One merger's rows: the merged OCMW heads its partners (one row each). */
function MergerRows({ ctx, merger }: { ctx: PageContext; merger: MergerRow }) {
  const { t, lang } = ctx;
  const copied = merger.accessCopiedAt ? t('bo.mergers.copied_on', { date: formatDateTime(merger.accessCopiedAt, lang) }) : t('bo.mergers.not_copied');
  return (
    <tbody>
      {merger.partners.map((p, i) => (
        <tr>
          {i === 0 && (
            <th scope="rowgroup" rowSpan={merger.partners.length} class="merger-cell">
              <a href={`${BASE}/${merger.id}`}>{organisationName(merger.merged, lang)}</a>
              <br />
              {t('common.kbo')} {formatKbo(merger.merged.kbo)}, {t('bo.mergers.nis')} {merger.merged.nis ?? '—'}
              <br />
              {t('bo.mergers.effective_short', { date: formatIsoDate(merger.effectiveOn) })}
              <br />
              {t('bo.mergers.transition_short', { date: transitionText(ctx, merger.transitionEndsOn) })}
            </th>
          )}
          <td>
            {organisationName(p, lang)}
            {p.keepsIdentity && (
              <>
                <br />
                <em>{t('bo.mergers.keeps_identity')}</em>
              </>
            )}
          </td>
          <td class="nowrap">
            {formatKbo(p.kbo)}
            <br />
            {p.nisBefore}
          </td>
          <td>{t(STATUS_KEYS[p.status])}</td>
          <td class="nowrap">{p.offered > 0 ? t('bo.mergers.forms_submitted', { year: p.reportYear, submitted: p.submitted, offered: p.offered }) : '—'}</td>
          <td>{p.keepsIdentity ? t('bo.mergers.copy_not_needed') : copied}</td>
        </tr>
      ))}
    </tbody>
  );
}

/** The mergers per scenario, each partner with its state today. */
export function MergersListPage({ ctx, actor, list, flash }: { ctx: PageContext; actor: Actor; list: MergersList; flash?: Flash }) {
  const { t } = ctx;
  const title = t('bo.mergers.list.title');
  return (
    <Layout ctx={ctx} title={title}>
      <MergersNav ctx={ctx} actor={actor} />
      <h1>{title}</h1>
      <FlashNotice ctx={ctx} flash={flash} />
      <p>{t('bo.mergers.list.intro')}</p>
      {list.canEdit && (
        <p>
          <a class="button" href={`${BASE}/new`}>
            {t('bo.mergers.list.record')}
          </a>
        </p>
      )}
      {list.groups.map((group) => (
        <section aria-labelledby={`s-${group.scenario}`}>
          <h2 id={`s-${group.scenario}`}>{t(SCENARIO_KEYS[group.scenario])}</h2>
          {group.mergers.length === 0 ? (
            <p>{t('bo.mergers.list.none')}</p>
          ) : (
            <TableRegion labelledBy={`c-${group.scenario}`}>
              <table class="data-table">
                <caption id={`c-${group.scenario}`}>
                  {t('bo.mergers.list.caption', { scenario: t(SCENARIO_KEYS[group.scenario]), count: group.mergers.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('bo.mergers.col.merged')}</th>
                    <th scope="col">{t('bo.mergers.col.partner')}</th>
                    <th scope="col">{t('bo.mergers.col.identifiers')}</th>
                    <th scope="col">{t('bo.mergers.col.status')}</th>
                    <th scope="col">{t('bo.mergers.col.forms')}</th>
                    <th scope="col">{t('bo.mergers.col.users')}</th>
                  </tr>
                </thead>
                {group.mergers.map((m) => (
                  <MergerRows ctx={ctx} merger={m} />
                ))}
              </table>
            </TableRegion>
          )}
        </section>
      ))}
    </Layout>
  );
}

function eventDetails(ctx: PageContext, e: MergerEvent): string {
  const p = e.payload;
  const { t } = ctx;
  if (e.type === 'MERGER_TRANSITION_CHANGED') {
    return t('bo.mergers.event_details.transition', {
      before: transitionText(ctx, (p.before as string | null) ?? null),
      after: transitionText(ctx, (p.after as string | null) ?? null),
    });
  }
  if (e.type === 'NIS_CHANGED') return t('bo.mergers.event_details.nis', { before: String(p.before ?? '—'), after: String(p.after ?? '') });
  if (e.type === 'ORGANISATION_DISAPPEARS' && typeof p.validTo === 'string') return t('bo.mergers.event_details.last_day', { date: formatIsoDate(p.validTo) });
  if (e.type === 'MERGER_ACCESS_COPIED') {
    return t('bo.mergers.event_details.copied', { persons: Number(p.persons ?? 0), rights: Number(p.rightsAdded ?? 0), skipped: Number(p.skipped ?? 0) });
  }
  if (e.type === 'MERGER_RECORDED' && typeof p.scenario === 'string' && p.scenario in SCENARIO_KEYS)
    return t(SCENARIO_KEYS[p.scenario as keyof typeof SCENARIO_KEYS]);
  return '';
}

/** The copy's report: totals, then per person what was added and what was skipped, and why. */
export function CopyReportView({ ctx, report }: { ctx: PageContext; report: CopyReport }) {
  const { t, lang } = ctx;
  const partnerName = new Map(report.partners.map((p) => [p.id, organisationName(p, lang)]));
  return (
    <>
      <p>{t('bo.mergers.copy.totals', { ...report.totals })}</p>
      {report.persons.length === 0 ? (
        <p>{t('bo.mergers.copy.nobody')}</p>
      ) : (
        <TableRegion labelledBy="copy-caption">
          <table class="data-table">
            <caption id="copy-caption">{t('bo.mergers.copy.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.mergers.copy.col.person')}</th>
                <th scope="col">{t('bo.mergers.copy.col.from')}</th>
                <th scope="col">{t('bo.mergers.copy.col.added')}</th>
                <th scope="col">{t('bo.mergers.copy.col.skipped')}</th>
              </tr>
            </thead>
            <tbody>
              {report.persons.map((p) => (
                <tr>
                  <th scope="row">
                    {p.name} <span class="nowrap">({p.insz})</span>
                    {p.newMember && (
                      <>
                        <br />
                        <em>{t('bo.mergers.copy.new_member')}</em>
                      </>
                    )}
                    {p.blocked && (
                      <>
                        <br />
                        <strong>{t('bo.mergers.copy.blocked')}</strong>
                      </>
                    )}
                  </th>
                  <td>{p.partnerIds.map((id) => partnerName.get(id) ?? '').join(', ')}</td>
                  <td>
                    {p.added.length === 0 ? (
                      '—'
                    ) : (
                      <ul class="plain-list">
                        {p.added.map((a) => (
                          <li>
                            {a.from === a.right
                              ? rightName(t, a.right)
                              : t('bo.mergers.copy.became', { from: rightName(t, a.from), to: rightName(t, a.right) })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {p.skipped.length === 0 ? (
                      '—'
                    ) : (
                      <ul class="plain-list">
                        {p.skipped.map((s) => (
                          <li>
                            {rightName(t, s.right)}: {t(SKIP_KEYS[s.reason])}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}

export interface MergerPageProps {
  ctx: PageContext;
  actor: Actor;
  merger: MergerDetail;
  flash?: Flash;
  /** the end-of-transition form as typed, with its errors */
  transition?: { value: string; errors: MergerErrors };
}

/** One merger: its details and partners, the end of the transition, the copy of access, the log. */
export function MergerPage({ ctx, actor, merger, flash, transition }: MergerPageProps) {
  const { t, lang } = ctx;
  const name = organisationName(merger.merged, lang);
  const title = t('bo.mergers.detail.title', { name });
  const errors = transition?.errors ?? {};
  return (
    <Layout ctx={ctx} title={title}>
      <MergersNav ctx={ctx} actor={actor} />
      <Errors ctx={ctx} errors={errors} />
      <p>
        <a href={BASE}>{t('bo.mergers.back')}</a>
      </p>
      <h1>{title}</h1>
      <FlashNotice ctx={ctx} flash={flash} />
      <Summary
        rows={[
          [t('bo.mergers.field.scenario'), t(SCENARIO_KEYS[merger.scenario])],
          [t('bo.mergers.col.merged'), orgLabel(ctx, merger.merged)],
          [t('bo.mergers.nis'), merger.merged.nis ?? '—'],
          [t('bo.mergers.field.effective_on'), formatIsoDate(merger.effectiveOn)],
          [t('bo.mergers.field.transition_ends_on'), transitionText(ctx, merger.transitionEndsOn)],
          [t('bo.mergers.detail.recorded'), `${formatDateTime(merger.recordedAt, lang)} — ${merger.recordedBy ?? t('bo.mergers.detail.loaded')}`],
        ]}
      />

      <h2 id="partners-title">{t('bo.mergers.detail.partners')}</h2>
      <TableRegion labelledBy="partners-caption">
        <table class="data-table">
          <caption id="partners-caption">{t('bo.mergers.detail.partners_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bo.mergers.col.partner')}</th>
              <th scope="col">{t('common.kbo')}</th>
              <th scope="col">{t('bo.mergers.detail.nis_before')}</th>
              <th scope="col">{t('bo.mergers.col.status')}</th>
              <th scope="col">{t('bo.mergers.col.forms')}</th>
            </tr>
          </thead>
          <tbody>
            {merger.partners.map((p) => (
              <tr>
                <th scope="row">
                  {organisationName(p, lang)}
                  {p.keepsIdentity && (
                    <>
                      <br />
                      <em>{t('bo.mergers.keeps_identity')}</em>
                    </>
                  )}
                </th>
                <td class="nowrap">{formatKbo(p.kbo)}</td>
                <td>{p.nisBefore}</td>
                <td>{t(STATUS_KEYS[p.status])}</td>
                <td class="nowrap">
                  {p.offered > 0 ? t('bo.mergers.forms_submitted', { year: p.reportYear, submitted: p.submitted, offered: p.offered }) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>

      <h2 id="copy-title">{t('bo.mergers.copy.title')}</h2>
      <p>{t('bo.mergers.copy.intro')}</p>
      {merger.copyReport ? (
        <>
          <Notice kind="info">
            {t('bo.mergers.copy.done', {
              date: formatDateTime(merger.accessCopiedAt ?? new Date(merger.copyReport.copiedAt), lang),
              by: merger.copyReport.copiedBy,
            })}
          </Notice>
          <CopyReportView ctx={ctx} report={merger.copyReport} />
        </>
      ) : merger.canEdit ? (
        <form method="post" action={`${BASE}/${merger.id}/copy`} aria-labelledby="copy-title">
          <button type="submit" class="button">
            {t('bo.mergers.copy.start')}
          </button>
        </form>
      ) : (
        <p>{t('bo.mergers.not_copied')}</p>
      )}
      {merger.canEdit && (
        <p>
          <a href={`/backoffice/access/ocmw/${merger.merged.id}`}>{t('bo.mergers.copy.htb_link', { name })}</a>
        </p>
      )}

      {merger.canEdit && (
        <>
          <h2 id="transition-title">{t('bo.mergers.transition.title')}</h2>
          <form method="post" action={`${BASE}/${merger.id}/transition`} aria-labelledby="transition-title" novalidate>
            <TextInput
              id="m-transition"
              name="transitionEndsOn"
              label={t('bo.mergers.field.transition_ends_on')}
              hint={t('bo.mergers.field.transition_hint')}
              value={transition?.value ?? (merger.transitionEndsOn ? formatIsoDate(merger.transitionEndsOn) : '')}
              error={problemsText(t, errors.transitionEndsOn)}
            />
            <div class="button-bar">
              <button type="submit" class="button">
                {t('bo.mergers.save')}
              </button>
            </div>
          </form>
        </>
      )}

      <h2 id="log-title">{t('bo.mergers.detail.log')}</h2>
      {merger.events.length === 0 ? (
        <p>{t('bo.mergers.detail.log_empty')}</p>
      ) : (
        <TableRegion labelledBy="log-caption">
          <table class="data-table">
            <caption id="log-caption">{t('bo.mergers.detail.log_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.mergers.log.when')}</th>
                <th scope="col">{t('bo.mergers.log.what')}</th>
                <th scope="col">{t('bo.mergers.log.organisation')}</th>
                <th scope="col">{t('bo.mergers.log.details')}</th>
                <th scope="col">{t('bo.mergers.log.who')}</th>
              </tr>
            </thead>
            <tbody>
              {merger.events.map((e) => (
                <tr>
                  <td class="nowrap">{formatDateTime(e.at, lang)}</td>
                  <td>{eventName(t, e.type)}</td>
                  <td>{e.organisation ? orgLabel(ctx, e.organisation) : '—'}</td>
                  <td>{eventDetails(ctx, e)}</td>
                  <td>{e.actor ?? t('bo.mergers.detail.loaded')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

/** "Opslaan" of a new end of transition: before → after; nothing changed yet. */
export function TransitionOverviewPage({
  ctx,
  actor,
  merger,
  overview,
}: {
  ctx: PageContext;
  actor: Actor;
  merger: MergerDetail;
  overview: TransitionOverview;
}) {
  const { t, lang } = ctx;
  const title = t('bo.mergers.transition.overview_title');
  return (
    <Layout ctx={ctx} title={title}>
      <MergersNav ctx={ctx} actor={actor} />
      <h1>{title}</h1>
      <Notice kind="info">{t('bo.mergers.nothing_yet')}</Notice>
      <Summary
        rows={[
          [t('bo.mergers.col.merged'), organisationName(merger.merged, lang)],
          [t('bo.mergers.transition.before'), transitionText(ctx, overview.before)],
          [t('bo.mergers.transition.after'), transitionText(ctx, overview.after)],
        ]}
      />
      {overview.after === null && <p>{t('bo.mergers.transition.provisional_hint')}</p>}
      <form method="post" action={`${BASE}/${merger.id}/transition/confirm`}>
        <Hidden values={{ transitionEndsOn: overview.value, version: overview.version }} />
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.mergers.confirm')}
          </button>
          <a class="button button--secondary" href={`${BASE}/${merger.id}`}>
            {t('bo.mergers.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** "Gebruikers kopiëren": what the copy will do as things stand; nothing copied yet. */
export function CopyOverviewPage({ ctx, actor, merger, report }: { ctx: PageContext; actor: Actor; merger: MergerDetail; report: CopyReport }) {
  const { t, lang } = ctx;
  const title = t('bo.mergers.copy.overview_title', { name: organisationName(merger.merged, lang) });
  return (
    <Layout ctx={ctx} title={title}>
      <MergersNav ctx={ctx} actor={actor} />
      <h1>{title}</h1>
      <Notice kind="info">{t('bo.mergers.copy.nothing_yet')}</Notice>
      <p>{t('bo.mergers.copy.rules')}</p>
      <CopyReportView ctx={ctx} report={report} />
      <form method="post" action={`${BASE}/${merger.id}/copy/confirm`}>
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.mergers.confirm')}
          </button>
          <a class="button button--secondary" href={`${BASE}/${merger.id}`}>
            {t('bo.mergers.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
