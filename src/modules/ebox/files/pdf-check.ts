import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { findMarkedNames } from './pdf-names.ts';

/** Why a file is not accepted as an e-Box PDF (the words are the i18n keys' last part). */
export type PdfRefusal = 'not_pdf' | 'too_large' | 'damaged' | 'encrypted' | 'javascript' | 'embedded_files' | 'launch_action';

export type PdfCheck = { ok: true; pages: number } | { ok: false; reason: PdfRefusal };

/** portal.md §4.3: at most 20 MB per file. */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;

/** How long pdf.js may take over one file before it counts as damaged (it runs in this process, in small steps). */
export const PDF_CHECK_TIMEOUT_MS = 30_000;

/** pdf.js's annotation type of a file attachment (AnnotationType.FILEATTACHMENT). */
const FILE_ATTACHMENT = 17;

/**
 * The header must be at the very first byte. Readers accept up to 1024 bytes of anything before it, but a file that
 * starts otherwise can be sniffed as another type (HTML, ZIP…) by whatever opens it later: a polyglot we refuse.
 */
function startsAsPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** A file cut short loses its last `%%EOF`; pdf.js would quietly rebuild what is left, we would rather say damaged. */
function endsAsPdf(bytes: Buffer): boolean {
  return bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF', 0, 'latin1');
}

/**
 * Checks an uploaded file by its content, never by its name or declared type (portal.md §4.3): a PDF of at most
 * 20 MB that pdf.js parses, not encrypted, without JavaScript (document, page, annotation and form actions, XFA),
 * without embedded files and without Launch actions. pdf.js runs without a worker thread, without eval, fonts or
 * network, under a time limit; anything it throws is 'damaged'. A byte-level look for the marked names backs it up
 * (pdf-names.ts), since pdf.js does not report every kind of action.
 */
export async function checkPdf(bytes: Buffer): Promise<PdfCheck> {
  if (bytes.length > MAX_PDF_BYTES) return { ok: false, reason: 'too_large' };
  if (!startsAsPdf(bytes)) return { ok: false, reason: 'not_pdf' };
  if (!endsAsPdf(bytes)) return { ok: false, reason: 'damaged' };
  const parsed = await parseWithPdfJs(bytes);
  if (!parsed.ok) return parsed;
  const { findings, overBudget } = await findMarkedNames(bytes);
  if (overBudget) return { ok: false, reason: 'damaged' };
  for (const reason of ['encrypted', 'javascript', 'launch_action', 'embedded_files'] as const) {
    if (findings.has(reason)) return { ok: false, reason };
  }
  return parsed;
}

async function parseWithPdfJs(bytes: Buffer): Promise<PdfCheck> {
  const task = getDocument({
    // a copy: pdf.js transfers (detaches) the buffer it is given
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PdfCheck>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'damaged' }), PDF_CHECK_TIMEOUT_MS);
  });
  const inspect = async (): Promise<PdfCheck> => {
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (error) {
      return { ok: false, reason: (error as { name?: string }).name === 'PasswordException' ? 'encrypted' : 'damaged' };
    }
    try {
      return await inspectDocument(doc);
    } catch {
      return { ok: false, reason: 'damaged' };
    }
  };
  try {
    return await Promise.race([inspect(), timeout]);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

/** What pdf.js itself reports: document, page, annotation and field JavaScript; attachments of the document and on pages. */
async function inspectDocument(doc: PDFDocumentProxy): Promise<PdfCheck> {
  if ((await doc.getJSActions()) || (await doc.hasJSActions())) return { ok: false, reason: 'javascript' };
  if (await doc.getAttachments()) return { ok: false, reason: 'embedded_files' };
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    if (await page.getJSActions()) return { ok: false, reason: 'javascript' };
    for (const annotation of await page.getAnnotations()) {
      if (annotation.actions && Object.keys(annotation.actions).length > 0) return { ok: false, reason: 'javascript' };
      if (annotation.annotationType === FILE_ATTACHMENT || annotation.attachment) return { ok: false, reason: 'embedded_files' };
    }
    page.cleanup();
  }
  return { ok: true, pages: doc.numPages };
}
