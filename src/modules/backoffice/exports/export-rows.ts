import { organisationName } from '../../shared/organisation-name.ts';
import type { Db } from '../../../db/database.ts';
import type { Language } from '../../../db/types.ts';
import type { T } from '../../../i18n/i18n.ts';
import type { TableField } from '../../forms/definition.ts';
import type { CampaignRow } from '../../campaigns/campaigns.repository.ts';
import { evaluateStoredForm } from '../../reports/reports.service.ts';
import { type ExportCell, MOMENT_FMT, summaryColumns, tableColumns } from './export-columns.ts';
import { tablesOf } from '../../forms/definition.ts';
import { type SubmittedFormRow, unsafeListSubmittedFormsBatch } from './exports.repository.ts';
import { getDefinition } from '../../forms/registry.ts';

/** Forms read and evaluated at once: bounds memory whatever the number of OCMWs and rows. */
const BATCH = 100;

/** A sheet of the export: its headers, numeric formats, then rows streamed by `rows`. */
export interface ExportSheet {
  key: string;
  title: string;
  headers: string[];
  numFmts: Array<string | undefined>;
}

const text = (value: string | null | undefined): ExportCell => (value ? { text: value } : null);

/**
 * The export of a campaign's submitted data (forms.md §6.4): a summary sheet, one line per OCMW (every scalar,
 * reference and computed value, state, submission time, signers) and one sheet per table of the definition
 * (a line per row), OCMW KBO/NIS/name first. Only submitted data: each form evaluated with its snapshot.
 */
export function exportLayout(campaign: CampaignRow, t: T, lang: Language) {
  const definition = getDefinition(campaign.measure, campaign.definition_version);
  const identity = [t('bo.exports.col.kbo'), t('bo.exports.col.nis'), t('bo.exports.col.name')];
  const summary = summaryColumns(definition, t, lang);
  const tables = tablesOf(definition).map((table) => ({ table, columns: tableColumns(table, t, lang) }));
  const summarySheet: ExportSheet = {
    key: 'summary',
    title: t('bo.exports.summary_sheet'),
    headers: [
      ...identity,
      t('bo.exports.col.state'),
      t('bo.exports.col.submitted_at'),
      t('bo.exports.col.chair'),
      t('bo.exports.col.director'),
      ...summary.map((c) => c.header),
    ],
    numFmts: [undefined, undefined, undefined, undefined, MOMENT_FMT, undefined, undefined, ...summary.map((c) => c.numFmt)],
  };
  const tableSheets: Array<ExportSheet & { table: TableField }> = tables.map(({ table, columns }) => ({
    key: table.key,
    table,
    title: t(table.labelKey),
    headers: [...identity, t('bo.exports.col.row'), ...columns.map((c) => c.header)],
    numFmts: [undefined, undefined, undefined, undefined, ...columns.map((c) => c.numFmt)],
  }));

  /** Reads the submitted forms a batch at a time and hands every line to `emit` (sheet key, cells). */
  async function each(db: Db, emit: (sheet: string, cells: ExportCell[]) => void | Promise<void>, only?: string) {
    let after: string | null = null;
    for (;;) {
      const batch: SubmittedFormRow[] = await unsafeListSubmittedFormsBatch(db, campaign.id, after, BATCH);
      if (batch.length === 0) return;
      after = batch[batch.length - 1].id;
      for (const form of batch) {
        const org: Record<string, string | null> = {
          kbo: form.kbo,
          nis: form.nis,
          name_nl: form.name_nl,
          name_fr: form.name_fr,
          name_de: form.name_de,
          ...(form.snapshot?.organisation ?? {}),
        };
        const ids: ExportCell[] = [
          text(org.kbo),
          text(org.nis),
          text(organisationName(org as { name_nl: string | null; name_fr: string | null; name_de: string | null }, lang)),
        ];
        const { evaluation } = evaluateStoredForm(campaign, form.definition_version, form.input, form.snapshot?.refs ?? {});
        if (!only || only === 'summary') {
          const signer = (role: string) => text(form.signers?.find((s) => s.role === role)?.name);
          const state = form.review_state === 'ACCEPTED' ? t('bo.exports.state_accepted') : t('bo.exports.state_submitted');
          const submittedAt: ExportCell = form.submitted_at ? { at: new Date(form.submitted_at) } : null;
          await emit('summary', [...ids, text(state), submittedAt, signer('CHAIR'), signer('DIRECTOR'), ...summary.map((c) => c.value(evaluation))]);
        }
        for (const { table, columns } of tables) {
          if (only && only !== table.key) continue;
          const rows = evaluation.tables[table.key] ?? [];
          const computed = evaluation.rowComputed[table.key] ?? [];
          for (let i = 0; i < rows.length; i++) {
            await emit(table.key, [...ids, { int: i + 1, scale: 1 }, ...columns.map((c) => c.value(rows[i], computed[i] ?? {}))]);
          }
        }
      }
    }
  }

  return { definition, summarySheet, tableSheets, each };
}
