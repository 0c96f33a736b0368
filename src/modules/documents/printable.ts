/**
 * What the PDF writer needs to print any form: already translated, already formatted.
 * Built by the reports module from a form definition + instance; the writer knows nothing of measures.
 */
export interface PrintableForm {
  language: 'nl' | 'fr' | 'de';
  /** Document title, e.g. "Covid-19: Tijdelijke premie" */
  title: string;
  /** Header lines: application name, report year, OCMW name, KBO, IBAN, BIC, contact ... as label/value pairs */
  header: Array<{ label: string; value: string }>;
  /** Translated state line, e.g. "Verzonden naar de POD MI op 23/11/2026 10:12" */
  stateLabel: string;
  /** true until the form is submitted: every page carries the draft watermark text */
  draft: boolean;
  /** Translated watermark text, e.g. "ONTWERP" / "PROJET" */
  draftWatermark: string;
  sections: PrintableSection[];
  /** Signature blocks (always two: chair and director); value lines when signed, a "not signed" text otherwise */
  signatures: Array<{ heading: string; lines: string[] }>;
  /** Label + value of the SHA-256 content hash (hex), printed at the end */
  contentHash: { label: string; value: string };
  /** Footer text, e.g. "Afgedrukt op 23/11/2026 10:15" */
  footer: string;
}

export interface PrintableField {
  label: string;
  value: string;
  emphasis?: boolean;
}

export interface PrintableTable {
  columns: string[];
  rows: string[][];
  /** the totals row, one text per column ('' where nothing is totalled; the first empty cell may say "Totaal") */
  totals?: string[];
  /**
   * how many leading columns name a row (a staff member: last and first name, 2): the title of the row's block when
   * the table is too wide for a landscape page and is printed row by row (default 1)
   */
  titleColumns?: number;
}

/** One block of a part: field rows, or a table; `title` is printed above it (a table's name). */
export type PrintableBlock = ({ kind: 'fields'; rows: PrintableField[] } | ({ kind: 'table' } & PrintableTable)) & { title?: string };

/**
 * A part of the form: its heading (with the form's own numbering, "2a. …"), then its blocks in order — the heading
 * always comes first and is never left at the bottom of a page without the start of its first block. A section of
 * kind 'fields' or 'table' is a part of one block under the part's heading.
 */
export type PrintableSection =
  | { kind: 'part'; title: string; blocks: PrintableBlock[] }
  | { kind: 'fields'; title: string; rows: PrintableField[] }
  | ({ kind: 'table'; title: string } & PrintableTable);
