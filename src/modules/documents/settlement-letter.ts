/**
 * The annual settlement letter ("Jaarlijkse afrekening" / "Décompte annuel" / "Jährliche Abrechnung") of one
 * OCMW for one measure and report year: a tagged PDF/A-1a (A4, the embedded DejaVu fonts parsed once per
 * process), printed from already translated text. Kept in the OCMW's e-Box.
 */
import { openPdf } from './pdf-document.ts';
import { gap, writeHeader, writeSection, writeTitle } from './pdf-form-parts.ts';
import { addStruct, contentLeft, contentWidth } from './pdf-layout.ts';
import { writeFooters } from './pdf-page-furniture.ts';
import { placeRow } from './pdf-rows.ts';

export interface SettlementLetter {
  language: 'nl' | 'fr' | 'de';
  title: string;
  /** sender, addressee, measure, year, date, communication… */
  header: Array<{ label: string; value: string }>;
  amountsTitle: string;
  amounts: Array<{ label: string; value: string; emphasis?: boolean }>;
  /** details of the measure (gas fund: art. 4 / art. 6), absent when empty */
  detailsTitle: string;
  details: Array<{ label: string; value: string }>;
  /** what happens now: payment to the IBAN, reclaim, compensation, nothing */
  paragraphs: string[];
  footer: string;
}

export async function renderSettlementLetter(letter: SettlementLetter): Promise<Buffer> {
  const { doc, output } = await openPdf({ language: letter.language, title: letter.title });
  doc.addPage();
  const root = doc.struct('Document');
  doc.addStructure(root);
  writeTitle(doc, root, letter.title);
  gap(doc, 12);
  writeHeader(doc, root, letter.header);
  gap(doc, 16);
  writeSection(doc, root, { kind: 'fields', title: letter.amountsTitle, rows: letter.amounts });
  if (letter.details.length > 0) {
    gap(doc, 16);
    writeSection(doc, root, { kind: 'fields', title: letter.detailsTitle, rows: letter.details });
  }
  for (const paragraph of letter.paragraphs) {
    gap(doc, 10);
    placeRow(doc, [{ x: contentLeft(doc), width: contentWidth(doc), runs: [{ text: paragraph, size: 10, tag: addStruct(doc, root, 'P') }] }], { padding: 0 });
  }
  root.end();
  writeFooters(doc, letter.footer);
  doc.end();
  return output;
}
