/**
 * The single PDF writer for every form of the application: a tagged PDF/A-1a document
 * (A4, embedded DejaVu Sans) printed from an already translated and formatted PrintableForm.
 */
import { openPdf } from './pdf-document.ts';
import { gap, writeHash, writeHeader, writeSection, writeSignatures, writeStateLine, writeTitle } from './pdf-form-parts.ts';
import { watermarkNewPages, writeFooters } from './pdf-page-furniture.ts';
import type { PrintableForm } from './printable.ts';

export async function renderFormPdf(form: PrintableForm): Promise<Buffer> {
  const { doc, output } = await openPdf({ language: form.language, title: form.title });
  if (form.draft) watermarkNewPages(doc, form.draftWatermark);
  doc.addPage();

  const root = doc.struct('Document');
  doc.addStructure(root);
  writeTitle(doc, root, form.title);
  gap(doc, 10);
  writeHeader(doc, root, form.header);
  gap(doc, 8);
  writeStateLine(doc, root, form.stateLabel);
  for (const section of form.sections) {
    gap(doc, 16);
    writeSection(doc, root, section);
  }
  gap(doc, 30);
  writeSignatures(doc, root, form.signatures);
  gap(doc, 20);
  writeHash(doc, root, form.contentHash);
  root.end();

  writeFooters(doc, form.footer);
  doc.end();
  return output;
}
