/**
 * The single PDF writer for every form of the application: a tagged PDF/A-1a document
 * (A4, embedded DejaVu Sans) printed from an already translated and formatted PrintableForm.
 */
import { openPdf } from './pdf-document.ts';
import { gap, hashHeight, signaturesHeight, writeHash, writeHeader, writeSection, writeSignatures, writeStateLine, writeTitle } from './pdf-form-parts.ts';
import { watermarkNewPages, writeFooters } from './pdf-page-furniture.ts';
import type { PrintableForm } from './printable.ts';

const SIGNATURES_GAP = 30;
const SIGNATURES_TO_HASH = 20;

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
  // the signatures and the hash close the form on the page of its last rows, never on a page of their own
  const hash = SIGNATURES_TO_HASH + hashHeight(doc, form.contentHash);
  const tail = SIGNATURES_GAP + signaturesHeight(doc, form.signatures) + hash;
  form.sections.forEach((section, i) => {
    gap(doc, 16);
    writeSection(doc, root, section, { keepWith: i === form.sections.length - 1 ? tail : undefined });
  });
  gap(doc, SIGNATURES_GAP);
  writeSignatures(doc, root, form.signatures, { keepWith: hash });
  gap(doc, SIGNATURES_TO_HASH);
  writeHash(doc, root, form.contentHash);
  root.end();

  writeFooters(doc, form.footer);
  doc.end();
  return output;
}
