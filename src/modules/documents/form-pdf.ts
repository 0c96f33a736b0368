/**
 * The single PDF writer for every form of the application: a tagged PDF/A-1a document
 * (A4, embedded DejaVu Sans) printed from an already translated and formatted PrintableForm.
 */
import PDFDocument from 'pdfkit';
import {
  gap,
  writeHash,
  writeHeader,
  writeSection,
  writeSignatures,
  writeStateLine,
  writeTitle,
} from './pdf-form-parts.ts';
import { registerFonts } from './pdf-fonts.ts';
import { type Doc, MARGINS } from './pdf-layout.ts';
import { watermarkNewPages, writeFooters } from './pdf-page-furniture.ts';
import type { PrintableForm } from './printable.ts';

export async function renderFormPdf(form: PrintableForm): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    autoFirstPage: false,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-1a',
    tagged: true,
    displayTitle: true,
    lang: form.language,
    info: { Title: form.title },
  });
  const output = collect(doc);
  await registerFonts(doc);
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

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
