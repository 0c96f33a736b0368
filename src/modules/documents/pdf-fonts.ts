/// <reference types="pdfkit" />
/**
 * The TrueType fonts embedded in every generated PDF (DejaVu Sans, see public/fonts/DejaVu-LICENSE).
 * The files are read and parsed once per process; each document registers the parsed fonts (pdfkit accepts
 * fontkit fonts), which saves re-parsing them for every PDF — that parsing was most of a PDF's CPU time.
 */
import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';

export const FONT_REGULAR = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

const FONT_DIR = new URL('../../../public/fonts/', import.meta.url);

type ParsedFont = fontkit.Font;

interface FontBuffers {
  regular: ParsedFont;
  bold: ParsedFont;
}

let cached: Promise<FontBuffers> | undefined;

function loadFonts(): Promise<FontBuffers> {
  if (!cached) {
    cached = Promise.all([readFile(new URL('DejaVuSans.ttf', FONT_DIR)), readFile(new URL('DejaVuSans-Bold.ttf', FONT_DIR))]).then(
      ([regular, bold]) => ({ regular: fontkit.create(regular), bold: fontkit.create(bold) }),
      (error: unknown) => {
        cached = undefined; // let a later call retry
        throw error;
      },
    );
  }
  return cached;
}

/**
 * pdfkit lays out (shapes) every word it prints with fontkit and keeps the result per document: the same words were
 * shaped again for every PDF, the largest part of a long table's time. The layouts depend on the font only (glyph ids
 * and scaled advances; the subset of each document is still built from the glyphs it uses), so one cache per font
 * serves every document of the process — bounded, started afresh when full. pdfkit (pinned) keeps it in its embedded
 * font's `layoutCache`; without that field nothing is shared and nothing breaks.
 */
const layoutCaches = new Map<string, Record<string, unknown>>();
const MAX_LAYOUTS = 30_000;

function shareLayouts(doc: PDFKit.PDFDocument, name: string): void {
  doc.font(name);
  const font = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (!font?.layoutCache) return;
  let shared = layoutCaches.get(name);
  if (!shared || Object.keys(shared).length > MAX_LAYOUTS) {
    shared = Object.create(null) as Record<string, unknown>;
    layoutCaches.set(name, shared);
  }
  font.layoutCache = shared;
}

/** Registers the embedded fonts on a document under FONT_REGULAR / FONT_BOLD and selects the regular one. */
export async function registerFonts(doc: PDFKit.PDFDocument): Promise<void> {
  const fonts = await loadFonts();
  // pdfkit's types only list paths and buffers; its runtime takes any object with a layout() (a fontkit font).
  doc.registerFont(FONT_REGULAR, fonts.regular as unknown as Buffer);
  doc.registerFont(FONT_BOLD, fonts.bold as unknown as Buffer);
  shareLayouts(doc, FONT_BOLD);
  shareLayouts(doc, FONT_REGULAR);
}
