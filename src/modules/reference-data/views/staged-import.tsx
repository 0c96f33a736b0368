import type { ComponentChildren } from 'preact';
import type { T } from '../../../i18n/i18n.ts';
import type { ReferenceImportProblem } from '../../shared/domain.ts';
import { Field, Notice, TableRegion } from '../../../views/components.tsx';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import type { StagedImportFacts } from '../reference-data.model.ts';

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
