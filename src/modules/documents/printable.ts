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

export type PrintableSection =
  | { kind: 'fields'; title: string; rows: Array<{ label: string; value: string; emphasis?: boolean }> }
  | { kind: 'table'; title: string; columns: string[]; rows: string[][]; totals?: string[] };
