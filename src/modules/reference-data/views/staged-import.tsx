import type { ComponentChildren } from 'preact';
import type { T } from '../../../i18n/i18n.ts';
import type { ReferenceImportProblem, ReferenceImportState } from '../../shared/domain.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { Field, Notice, TableRegion } from '../../../views/components.tsx';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import type { StagedImportFacts, StagedImportSummary } from '../reference-data.model.ts';
import { fileSize } from './texts.ts';

/**
 * The parts of every staged import's pages (ADR 0015): reference values and POD MI's HTB lists. Each kind names
 * its own texts (StagedImportTexts, every key a literal where it is written) and shows its own lines.
 */

export interface StagedImportTexts {
  reportTitle: string;
  reportNone: string;
  /** with {{count}} */
  reportCaption: string;
  colLine: string;
  colColumn: string;
  colProblem: string;
  /** with {{count}}: the problems that keep the import from being committed */
  notLoadable: string;
  commit: string;
  discard: string;
  back: string;
}

/** The texts of a kind's upload page and of its lists' facts (POD MI's HTB lists, the registry's KBO/NIS lists). */
export interface ImportListTexts {
  columnsCaption: string;
  colColumn: string;
  colMeaning: string;
  file: string;
  uploaded: string;
  lines: string;
  problems: string;
  history: string;
  historyNone: string;
  committed: string;
  discarded: string;
}

/** The columns a list has: each column's name and what it holds. */
export function ImportColumns({ t, texts, columns }: { t: T; texts: ImportListTexts; columns: ReadonlyArray<readonly [string, string]> }) {
  return (
    <TableRegion labelledBy="import-columns">
      <table class="data-table">
        <caption id="import-columns">{t(texts.columnsCaption)}</caption>
        <thead>
          <tr>
            <th scope="col">{t(texts.colColumn)}</th>
            <th scope="col">{t(texts.colMeaning)}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map(([column, meaning]) => (
            <tr>
              <th scope="row">
                <code>{column}</code>
              </th>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** The lists uploaded before: file (a link to its page), who and when, state, lines and problems. */
export function ImportHistory({
  ctx,
  texts,
  stateKeys,
  base,
  imports,
}: {
  ctx: PageContext;
  texts: ImportListTexts;
  stateKeys: Record<ReferenceImportState, string>;
  /** the lists' base path: a list's page is {base}/{id} */
  base: string;
  imports: StagedImportSummary[];
}) {
  const { t, lang } = ctx;
  return (
    <>
      <h2 id="import-history">{t(texts.history)}</h2>
      {imports.length === 0 ? (
        <p>{t(texts.historyNone)}</p>
      ) : (
        <TableRegion labelledBy="import-history">
          <table class="data-table">
            <caption class="visually-hidden">{t(texts.history)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(texts.file)}</th>
                <th scope="col">{t(texts.uploaded)}</th>
                <th scope="col">{t('common.state')}</th>
                <th scope="col" class="num">
                  {t(texts.lines)}
                </th>
                <th scope="col" class="num">
                  {t(texts.problems)}
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr>
                  <th scope="row">
                    <a href={`${base}/${i.id}`}>{i.fileName}</a>
                  </th>
                  <td>{`${formatDateTime(i.uploadedAt, lang)}, ${i.uploadedBy}`}</td>
                  <td>{t(stateKeys[i.state])}</td>
                  <td class="num">{i.rowCount}</td>
                  <td class="num">{i.problemCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}

/** A list's facts for its page's summary: file and size, uploaded, state, lines, the kind's own rows, committed or discarded. */
export function importFacts(
  ctx: PageContext,
  texts: ImportListTexts,
  stateKeys: Record<ReferenceImportState, string>,
  detail: StagedImportFacts,
  extra: Array<[string, string]> = [],
): Array<[string, string]> {
  const { t, lang } = ctx;
  const when = (at: Date | null, by: string | null): string => `${at ? formatDateTime(at, lang) : ''}, ${by ?? ''}`;
  return [
    [t(texts.file), `${detail.fileName} (${fileSize(detail.fileSize)})`],
    [t(texts.uploaded), when(detail.uploadedAt, detail.uploadedBy)],
    [t('common.state'), t(stateKeys[detail.state])],
    [t(texts.lines), String(detail.rowCount)],
    ...extra,
    ...(detail.committedAt ? [[t(texts.committed), when(detail.committedAt, detail.committedBy)] as [string, string]] : []),
    ...(detail.discardedAt ? [[t(texts.discarded), when(detail.discardedAt, detail.discardedBy)] as [string, string]] : []),
  ];
}

/** The file field of an upload form (CSV or XLSX), with its hint and the upload's error. */
export function UploadFileField({ id, label, hint, error, accept }: { id: string; label: string; hint: string; error?: string; accept: string }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {({ describedBy, invalid }) => (
        <input id={id} name="file" type="file" class="field__input" accept={accept} aria-describedby={describedBy} aria-invalid={invalid} />
      )}
    </Field>
  );
}

/** The validation report: a table of the problems (line, column, what), or a sentence that there are none. */
export function ProblemsReport({
  t,
  id,
  texts,
  problems,
  problemText,
}: {
  t: T;
  /** the heading's id, naming the table's region */
  id: string;
  texts: StagedImportTexts;
  problems: ReferenceImportProblem[];
  problemText: (t: T, problem: ReferenceImportProblem) => string;
}) {
  return (
    <section>
      <h2 id={id}>{t(texts.reportTitle)}</h2>
      {problems.length === 0 ? (
        <p>{t(texts.reportNone)}</p>
      ) : (
        <TableRegion labelledBy={id}>
          <table class="data-table">
            <caption>{t(texts.reportCaption, { count: problems.length })}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t(texts.colLine)}
                </th>
                <th scope="col">{t(texts.colColumn)}</th>
                <th scope="col">{t(texts.colProblem)}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr>
                  <td class="num">{p.line ?? '—'}</td>
                  <td>{p.column ?? '—'}</td>
                  <td>{problemText(t, p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

/** While staged: whether it can be loaded (`ready`, else how many problems stop it), then commit (if it can) or discard. */
export function StagedImportActions({
  t,
  detail,
  texts,
  base,
  loadable,
  ready,
}: {
  t: T;
  detail: StagedImportFacts;
  texts: StagedImportTexts;
  /** the import's address: its commit and discard post below it */
  base: string;
  loadable: boolean;
  ready: string;
}) {
  if (detail.state !== 'STAGED') return null;
  return (
    <>
      {loadable ? <Notice kind="info">{ready}</Notice> : <Notice kind="warning">{t(texts.notLoadable, { count: detail.problems.length })}</Notice>}
      <div class="button-bar">
        {loadable && (
          <form method="post" action={`${base}/commit`} class="inline-form">
            <button type="submit" class="button">
              {t(texts.commit)}
            </button>
          </form>
        )}
        <form method="post" action={`${base}/discard`} class="inline-form">
          <button type="submit" class="button button--secondary">
            {t(texts.discard)}
          </button>
        </form>
      </div>
    </>
  );
}

/**
 * One staged import's page: above, its facts (`meta`); then while staged whether it can be loaded, commit and
 * discard; its validation report; its own lines (`children`); the way back to the list.
 */
export function StagedImportPage({
  ctx,
  title,
  nav,
  flash,
  meta,
  detail,
  texts,
  base,
  loadable,
  ready,
  reportId,
  problemText,
  backHref,
  children,
}: {
  ctx: PageContext;
  title: string;
  nav?: ComponentChildren;
  flash?: { key: string; kind: 'success' | 'info' | 'warning' };
  meta: ComponentChildren;
  detail: StagedImportFacts;
  texts: StagedImportTexts;
  base: string;
  loadable: boolean;
  ready: string;
  reportId: string;
  problemText: (t: T, problem: ReferenceImportProblem) => string;
  backHref: string;
  children?: ComponentChildren;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      {nav}
      <h1>{title}</h1>
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      {meta}
      <StagedImportActions t={t} detail={detail} texts={texts} base={base} loadable={loadable} ready={ready} />
      <ProblemsReport t={t} id={reportId} texts={texts} problems={detail.problems} problemText={problemText} />
      {children}
      <p>
        <a class="button button--secondary" href={backHref}>
          {t(texts.back)}
        </a>
      </p>
    </Layout>
  );
}
