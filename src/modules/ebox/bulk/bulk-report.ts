import { csvLine } from './report-csv.ts';

/** What happened to one manifest row at publication (given by the publishing code). */
export interface BulkRowOutcome {
  row: number;
  reference: string;
  recipientKbo: string;
  result: 'published' | 'already_published' | 'refused';
  messageId?: string | null;
  /** why the row was refused, already in the reader's language */
  reasons?: string[];
}

const RESULT_TEXT: Record<BulkRowOutcome['result'], string> = {
  published: 'published',
  already_published: 'already published',
  refused: 'refused',
};

export const BULK_REPORT_HEADER = ['row', 'reference', 'recipient_kbo', 'result', 'message_id', 'reasons'];

/**
 * The per-row report of a bulk publication, to download: CSV as Belgian spreadsheets open it (UTF-8 with BOM,
 * `;`, CRLF, quoted where needed; report-csv.ts), every text cell — references and reasons come from the uploaded
 * manifest — neutralised against formula injection. Column names and result words are fixed codes (like the
 * manifest's header), so a report can also be read back by a program.
 */
export function bulkReportCsv(outcomes: BulkRowOutcome[]): string {
  let out = `\uFEFF${csvLine(BULK_REPORT_HEADER)}`;
  for (const o of [...outcomes].sort((a, b) => a.row - b.row)) {
    out += csvLine([o.row, o.reference, o.recipientKbo, RESULT_TEXT[o.result], o.messageId ?? null, (o.reasons ?? []).join(' | ')]);
  }
  return out;
}
