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

/**
 * The fill colour last written to a page's content: setting it again for every cell is most of a table's colour
 * operators. Drawing that changes it inside save/restore (rules, backgrounds) leaves it as it was; whatever changes it
 * otherwise calls forgetColor.
 */
const colors = new WeakMap<Doc, { page: unknown; color: string }>();

export function setPen(doc: Doc, pen: Pen): void {
  pens.set(doc, { bold: pen.bold, size: pen.size, color: pen.color });
  useFont(doc, pen);
  const color = pen.color ?? COLORS.text;
  const last = colors.get(doc);
  if (last?.page === doc.page && last.color === color) return;
  doc.fillColor(color);
  colors.set(doc, { page: doc.page, color });
}

/** The fill colour is no longer known (changed inside save/restore by another writer). */
export function forgetColor(doc: Doc): void {
  colors.delete(doc);
}

/** Re-applies the last pen: a new page starts with a fresh graphics state (and decorations may change the pen). */
export function restorePen(doc: Doc): void {
  const pen = pens.get(doc);
  forgetColor(doc);
  if (pen) setPen(doc, pen);
}

/** Hard line breaks inside a text (a Windows line end counts once). */
const HARD_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;

/** Spaces and tabs: the only places a line breaks, besides a hard break (never inside a word). */
const SPACES = /[ \t]+/;

/**
 * A number or an amount as the forms print them ("45.678,90 €", "45 678,90 €", "50,00 %", "0,80", "12"): printed
 * whole on one line, never wrapped at its spaces (the French grouping space, the space before €).
 */
const AMOUNT = /^[-+\u2212(]?\s*(€\s*)?\d[\d.,\s\u00A0\u202F']*(\s*[€%])?\)?$/;

export function isAmount(text: string): boolean {
  return text.length < 40 && AMOUNT.test(text.trim());
}

/** Words at least this long are checked against the line width (see breakLongWords). */
const LONG_WORD = /\S{30,}/g;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Widths of texts at 1 pt, per font, kept across documents (the fonts are parsed once per process, ADR 0009): the
 * words of a form repeat (labels, categories, dates), and measuring a word with fontkit costs more than a lookup.
 */
const unitWidths = new Map<string, Map<string, number>>();
const MAX_CACHED = 50_000;

function fontName(pen: Pen): string {
  return pen.bold ? FONT_BOLD : FONT_REGULAR;
}

/** Width of `text` in the pen (selects the pen's font and size). */
export function widthIn(doc: Doc, pen: Pen, text: string): number {
  useFont(doc, pen);
  return unitWidth(doc, fontName(pen), pen.size, text) * pen.size;
}

/** Width at 1 pt of `text` in `font`, which must be the current font of `doc`, at `size`. */
function unitWidth(doc: Doc, font: string, size: number, text: string): number {
  let widths = unitWidths.get(font);
  if (!widths) {
    widths = new Map();
    unitWidths.set(font, widths);
  }
  let width = widths.get(text);
  if (width === undefined) {
    width = doc.widthOfString(text) / size;
    if (widths.size >= MAX_CACHED) widths.clear();
    widths.set(text, width);
  }
  return width;
}

/** The widest word of `text` in the pen (an amount counts whole, also inside a sentence: it is never wrapped). */
export function widestWord(doc: Doc, pen: Pen, text: string): number {
  if (isAmount(text)) return widthIn(doc, pen, text.trim());
  useFont(doc, pen);
  const font = fontName(pen);
  let widest = 0;
  for (const word of unbreakable(text.split(/\s+/))) widest = Math.max(widest, unitWidth(doc, font, pen.size, word));
  return widest * pen.size;
}

/** Width of `text` on one line in the pen (words measured one by one: long texts are not cached whole). */
export function lineWidth(doc: Doc, pen: Pen, text: string): number {
  useFont(doc, pen);
  const font = fontName(pen);
  let width = 0;
  let words = 0;
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    width += unitWidth(doc, font, pen.size, word);
    words++;
  }
  return (width + Math.max(0, words - 1) * unitWidth(doc, font, pen.size, ' ')) * pen.size;
}

/**
 * Splits words wider than `width` into lines that fit, in the current font (the footer's text).
 */
export function breakLongWords(doc: Doc, text: string, width: number): string {
  if (text.length < 30) return text;
  return text.replace(LONG_WORD, (word) => splitGraphemes(word, width, (segment) => doc.widthOfString(segment)).join('\n'));
}

function splitGraphemes(word: string, width: number, widthOf: (segment: string) => number): string[] {
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
  return lines;
}

/** A run laid out in lines: what is measured is exactly what is drawn. */
export interface LaidOut {
  lines: Array<{ text: string; width: number }>;
  lineHeight: number;
  height: number;
}

/** Tolerance of a line's fit (rounding of the widths of the words that make it). */
const FIT = 0.01;

/**
 * Lays a run out in lines no wider than `width`: lines break at spaces and hard breaks only, so a word is never cut;
 * an amount stays on one line whatever the width. Only a word wider than the whole line is split — after its hyphens
 * first, then between characters — as nothing else can print it.
 */
export function layoutRun(doc: Doc, run: TextRun, width: number): LaidOut {
  useFont(doc, run);
  const lineHeight = doc.currentLineHeight(true);
  const font = fontName(run);
  const size = run.size;
  const lines: LaidOut['lines'] = [];
  if (run.text === '') return { lines, lineHeight, height: lineHeight };
  if (isAmount(run.text)) {
    const text = run.text.trim();
    lines.push({ text, width: unitWidth(doc, font, size, text) * size });
    return { lines, lineHeight, height: lineHeight };
  }
  const space = unitWidth(doc, font, size, ' ') * size;
  // (loops without closures: this runs for every cell of every table)
  for (const paragraph of run.text.split(HARD_BREAK)) {
    let line = '';
    let current = 0;
    for (const word of unbreakable(paragraph.split(SPACES))) {
      if (word === '') continue;
      const ww = unitWidth(doc, font, size, word) * size;
      if (line !== '' && current + space + ww <= width + FIT) {
        line += ` ${word}`;
        current += space + ww;
        continue;
      }
      if (line !== '') lines.push({ text: line, width: current });
      if (ww <= width + FIT) {
        line = word;
        current = ww;
        continue;
      }
      // an amount found in the text (glued, with its spaces) stays whole even wider than the line
      const pieces = word.includes(' ') ? [word] : splitWord(word, width, (text) => unitWidth(doc, font, size, text) * size);
      for (let k = 0; k < pieces.length - 1; k++) lines.push({ text: pieces[k], width: unitWidth(doc, font, size, pieces[k]) * size });
      line = pieces[pieces.length - 1];
      current = unitWidth(doc, font, size, line) * size;
    }
    lines.push({ text: line, width: current });
  }
  return { lines, lineHeight, height: Math.max(1, lines.length) * lineHeight };
}

/** A currency or percent sign after a number ("€", "%)", "€,"). */
const SIGN_AFTER = /^[€%][)\].,;:]*$/;
/** A group of three digits after a group of one to three (the French "45 678,90", "1 250 000"). */
const NEXT_GROUP = /^\d{3}(?:[.,]\d+)?[)\].,;:]*$/;
const LAST_GROUP = /(?:^|[\s([])[-+\u2212]?\d{1,3}$/;

/**
 * The words of a text with the amounts inside it glued into one: "(94 690,78 €)" or "16.833,91 €" in a sentence
 * (a message, a letter) never breaks at its spaces either.
 */
function unbreakable(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (word === '') continue;
    const last = out[out.length - 1];
    const glue =
      last !== undefined &&
      ((SIGN_AFTER.test(word) && /\d$/.test(last)) || (NEXT_GROUP.test(word) && LAST_GROUP.test(last)) || (last === '€' && /^\d/.test(word)));
    if (glue) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out;
}

/** A word wider than a line: after its hyphens where the parts fit, else between characters. */
function splitWord(word: string, width: number, w: (text: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const part of word.split(/(?<=[-\u2010])/)) {
    if (piece !== '' && w(piece + part) <= width + FIT) {
      piece += part;
      continue;
    }
    if (piece !== '') pieces.push(piece);
    if (w(part) <= width + FIT) {
      piece = part;
      continue;
    }
    const chunks = splitGraphemes(part, width, w);
    pieces.push(...chunks.slice(0, -1));
    piece = chunks[chunks.length - 1];
  }
  pieces.push(piece);
  return pieces;
}

/** Height of a run laid out in `width`. */
export function measureRun(doc: Doc, run: TextRun, width: number): number {
  return layoutRun(doc, run, width).height;
}

/** Draws laid-out lines from (x, y) in a box of `width`, aligned as the run says; never breaks a page. */
function drawLines(doc: Doc, run: TextRun, lines: LaidOut['lines'], lineHeight: number, x: number, y: number, width: number): void {
  const draw = () => {
    setPen(doc, run);
    lines.forEach((line, i) => {
      if (line.text === '') return;
      const free = width - line.width;
      const dx = run.align === 'right' ? free : run.align === 'center' ? free / 2 : 0;
      doc.text(line.text, x + dx, y + i * lineHeight, { lineBreak: false, textWidth: line.width } as PDFKit.Mixins.TextOptions);
    });
  };
  if (run.tag) run.tag.add(draw);
  else asArtifact(doc, draw);
}

/** Draws a run in the box at (x, y) of `width` (its measured height is layoutRun's). */
export function drawRun(doc: Doc, run: TextRun, x: number, y: number, width: number, laid = layoutRun(doc, run, width)): void {
  if (run.text === '' || laid.lines.length === 0) return;
  drawLines(doc, run, laid.lines, laid.lineHeight, x, y, width);
}

/** Writes a run at doc.y, line by line, continuing on new pages as needed; moves doc.y below it. */
export function flowRun(doc: Doc, run: TextRun, x: number, width: number): void {
  const laid = layoutRun(doc, run, width);
  if (run.text === '' || laid.lines.length === 0) {
    doc.y += laid.lineHeight;
    return;
  }
  let from = 0;
  while (from < laid.lines.length) {
    ensureSpace(doc, laid.lineHeight);
    const fit = Math.max(1, Math.floor((doc.page.maxY() - doc.y + 0.01) / laid.lineHeight));
    const lines = laid.lines.slice(from, from + fit);
    drawLines(doc, run, lines, laid.lineHeight, x, doc.y, width);
    doc.y += lines.length * laid.lineHeight;
    from += lines.length;
  }
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

export type PageLayout = 'portrait' | 'landscape';

/** The orientation of the pages a table continues on (portrait unless a table says otherwise). */
const continuations = new WeakMap<Doc, PageLayout>();

export function pageLayout(doc: Doc): PageLayout {
  return (doc.page as unknown as { layout: PageLayout }).layout;
}

/** Content width of a page of the document in the given orientation. */
export function contentWidthOf(doc: Doc, layout: PageLayout): number {
  const { width, height } = doc.page;
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  return (layout === 'landscape' ? long : short) - doc.page.margins.left - doc.page.margins.right;
}

/** Runs `write` with new pages in `layout` (a table continues in the orientation it started in). */
export function continuingIn<T>(doc: Doc, layout: PageLayout, write: () => T): T {
  const before = continuations.get(doc);
  continuations.set(doc, layout);
  try {
    return write();
  } finally {
    if (before) continuations.set(doc, before);
    else continuations.delete(doc);
  }
}

/** Starts a new page: in `layout` when given, else in the orientation new pages have now (portrait by default). */
export function newPage(doc: Doc, layout?: PageLayout): void {
  doc.continueOnNewPage({ ...doc.options, layout: layout ?? continuations.get(doc) ?? 'portrait' });
  doc.x = contentLeft(doc);
  doc.y = doc.page.margins.top;
}

/**
 * Starts a new page unless `height` still fits below doc.y (and, when `layout` is given, the page has that
 * orientation); returns true when a page was added.
 */
export function ensureSpace(doc: Doc, height: number, layout?: PageLayout): boolean {
  if (layout && pageLayout(doc) !== layout) {
    newPage(doc, layout);
    return true;
  }
  if (doc.y + height <= doc.page.maxY() || atPageTop(doc)) return false;
  newPage(doc, layout);
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
