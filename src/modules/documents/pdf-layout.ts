/// <reference types="pdfkit" />
/**
 * Layout primitives shared by the PDF writer: page geometry, the "pen" (font, size, colour),
 * text runs that can be measured and drawn, page breaks and artifact marking.
 */
import { FONT_BOLD, FONT_REGULAR } from './pdf-fonts.ts';

export type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;

export const MARGINS = { top: 50, left: 50, right: 50, bottom: 60 };

export const COLORS = {
  text: '#000000',
  muted: '#555555',
  rule: '#999999',
  headerFill: '#e8e8e8',
  totalsFill: '#f3f3f3',
  watermark: '#e4e4e4',
};

/** Font, size and colour; the current pen is re-applied after every page break. */
export interface Pen {
  bold?: boolean;
  size: number;
  color?: string;
}

/** A piece of text in one pen; tagged with a structure element, or an artifact when `tag` is absent. */
export interface TextRun extends Pen {
  text: string;
  align?: 'left' | 'right' | 'center';
  tag?: StructElement;
}

const pens = new WeakMap<Doc, Pen>();

/** Selects the pen's font and size only: enough for measuring, writes nothing to the page. */
export function useFont(doc: Doc, pen: Pen): void {
  doc.font(pen.bold ? FONT_BOLD : FONT_REGULAR).fontSize(pen.size);
}

export function setPen(doc: Doc, pen: Pen): void {
  pens.set(doc, { bold: pen.bold, size: pen.size, color: pen.color });
  useFont(doc, pen);
  doc.fillColor(pen.color ?? COLORS.text);
}

/** Re-applies the last pen: a new page starts with a fresh graphics state (and decorations may change the pen). */
export function restorePen(doc: Doc): void {
  const pen = pens.get(doc);
  if (pen) setPen(doc, pen);
}

/** Line breaks that force LineWrapper onto a new line. */
const HARD_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;

/** Longer texts never fit on one line of an A4 page; measuring them whole would be wasted. */
const MAX_ONE_LINE = 300;

/** Words at least this long are checked against the line width (see breakLongWords). */
const LONG_WORD = /\S{30,}/g;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Splits words wider than `width` into lines that fit, in the current font. pdfkit can wrap such
 * words itself, but its character-by-character search is quadratic (seconds for 10 000 chars).
 */
export function breakLongWords(doc: Doc, text: string, width: number): string {
  if (text.length < 30) return text;
  const widths = new Map<string, number>();
  const widthOf = (segment: string) => {
    let w = widths.get(segment);
    if (w === undefined) {
      w = doc.widthOfString(segment);
      widths.set(segment, w);
    }
    return w;
  };
  return text.replace(LONG_WORD, (word) => {
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const { segment } of graphemes.segment(word)) {
      const w = widthOf(segment);
      if (line !== '' && lineWidth + w > width * 0.97) {
        lines.push(line);
        line = '';
        lineWidth = 0;
      }
      line += segment;
      lineWidth += w;
    }
    lines.push(line);
    return lines.join('\n');
  });
}

/**
 * Height of a run wrapped to `width`. Clearly single-line runs take a fast path; everything else
 * is measured by pdfkit's own line wrapper, exactly as drawRun will wrap it.
 */
export function measureRun(doc: Doc, run: TextRun, width: number): number {
  useFont(doc, run);
  const lineHeight = doc.currentLineHeight(true);
  if (run.text === '') return lineHeight;
  const short = run.text.length <= MAX_ONE_LINE && !HARD_BREAK.test(run.text);
  if (short && doc.widthOfString(run.text) <= width - 1) return lineHeight;
  return Math.max(lineHeight, doc.heightOfString(breakLongWords(doc, run.text, width), { width }));
}

/**
 * Draws a run at (x, y). With `maxHeight` the text never leaves the box (no page break);
 * without it the text flows onto following pages as needed.
 */
export function drawRun(doc: Doc, run: TextRun, x: number, y: number, width: number, maxHeight?: number): void {
  if (run.text === '') return;
  const draw = () => {
    setPen(doc, run);
    doc.text(breakLongWords(doc, run.text, width), x, y, {
      width,
      align: run.align ?? 'left',
      ...(maxHeight === undefined ? {} : { height: maxHeight + 1 }),
    });
  };
  if (run.tag) run.tag.add(draw);
  else asArtifact(doc, draw);
}

/** Runs `draw` as non-structural content (rules, backgrounds, repeated headers, page furniture). */
export function asArtifact(doc: Doc, draw: () => void, type?: 'Pagination' | 'Layout'): void {
  doc.markContent('Artifact', type ? { type } : undefined);
  try {
    draw();
  } finally {
    doc.endMarkedContent();
  }
}

export function contentLeft(doc: Doc): number {
  return doc.page.margins.left;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Usable height of an empty page. */
export function bodyHeight(doc: Doc): number {
  return doc.page.maxY() - doc.page.margins.top;
}

/** 1-based number of the current page (pages are buffered, so the current page is the last one). */
export function pageNumber(doc: Doc): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count;
}

export function atPageTop(doc: Doc): boolean {
  return doc.y <= doc.page.margins.top + 0.5;
}

export function newPage(doc: Doc): void {
  doc.continueOnNewPage();
  doc.x = contentLeft(doc);
  doc.y = doc.page.margins.top;
}

/** Starts a new page unless `height` still fits below doc.y; returns true when a page was added. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= doc.page.maxY() || atPageTop(doc)) return false;
  newPage(doc);
  return true;
}

/** Adds a new structure element of `type` under `parent`. */
export function addStruct(doc: Doc, parent: StructElement, type: string, scope?: 'Row' | 'Column'): StructElement {
  const options: PDFKit.Mixins.StructureElementOptions & { scope?: string } = scope ? { scope } : {};
  const element = doc.struct(type, options);
  parent.add(element);
  return element;
}

/** A horizontal rule (artifact). */
export function rule(doc: Doc, x: number, y: number, width: number, lineWidth: number): void {
  asArtifact(doc, () => {
    doc
      .save()
      .moveTo(x, y)
      .lineTo(x + width, y)
      .lineWidth(lineWidth)
      .strokeColor(COLORS.rule)
      .stroke()
      .restore();
  });
}

/** A filled background box (artifact). */
export function fillBox(doc: Doc, x: number, y: number, width: number, height: number, color: string): void {
  asArtifact(doc, () => {
    doc.save().rect(x, y, width, height).fill(color).restore();
  });
}
