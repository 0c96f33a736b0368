/**
 * Opens a new PDF of the application: a tagged PDF/A-1a document (A4, our margins, the embedded DejaVu fonts
 * registered) in the reader's language, with its bytes collected. The caller adds the first page and ends it.
 */
import PDFDocument from 'pdfkit';
import { failpoint } from '../../platform/failpoints.ts';
import { registerFonts } from './pdf-fonts.ts';
import { type Doc, MARGINS } from './pdf-layout.ts';

export interface OpenedPdf {
  doc: Doc;
  /** the whole file, once `doc.end()` was called */
  output: Promise<Buffer>;
}

export async function openPdf({ language, title }: { language: string; title: string }): Promise<OpenedPdf> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    autoFirstPage: false,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-1a',
    tagged: true,
    displayTitle: true,
    lang: language,
    info: { Title: title },
  });
  const output = collect(doc);
  await registerFonts(doc);
  return { doc, output };
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => {
      // armed only by the crash-consistency suite, while a settlement writes its letters
      if (chunks.length === 0) failpoint('pdf:writing');
      chunks.push(chunk);
    });
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
