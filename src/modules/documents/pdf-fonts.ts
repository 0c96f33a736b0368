/// <reference types="pdfkit" />
/**
 * The TrueType fonts embedded in every generated PDF (DejaVu Sans, see public/fonts/DejaVu-LICENSE).
 * The files are read once per process; each document registers the cached buffers.
 */
import { readFile } from 'node:fs/promises';

export const FONT_REGULAR = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

const FONT_DIR = new URL('../../../public/fonts/', import.meta.url);

interface FontBuffers {
  regular: Buffer;
  bold: Buffer;
}

let cached: Promise<FontBuffers> | undefined;

function loadFonts(): Promise<FontBuffers> {
  if (!cached) {
    cached = Promise.all([
      readFile(new URL('DejaVuSans.ttf', FONT_DIR)),
      readFile(new URL('DejaVuSans-Bold.ttf', FONT_DIR)),
    ]).then(
      ([regular, bold]) => ({ regular, bold }),
      (error: unknown) => {
        cached = undefined; // let a later call retry
        throw error;
      },
    );
  }
  return cached;
}

/** Registers the embedded fonts on a document under FONT_REGULAR / FONT_BOLD and selects the regular one. */
export async function registerFonts(doc: PDFKit.PDFDocument): Promise<void> {
  const fonts = await loadFonts();
  doc.registerFont(FONT_REGULAR, fonts.regular);
  doc.registerFont(FONT_BOLD, fonts.bold);
  doc.font(FONT_REGULAR);
}
