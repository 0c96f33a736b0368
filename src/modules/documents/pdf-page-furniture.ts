/**
 * What every page carries besides the content: the draft watermark (drawn first, so it lies
 * behind the content) and the footer with "page / pages" (drawn once all pages exist).
 * Both are artifacts, not part of the document structure. No transparency is used (PDF/A-1).
 */
import { COLORS, type Doc, asArtifact, breakLongWords, contentLeft, contentWidth, forgetColor, restorePen, setPen } from './pdf-layout.ts';

const FOOTER_SIZE = 8;
const FOOTER_FROM_BOTTOM = 40;
const PAGE_NUMBER_WIDTH = 60;

/** Draws `text` diagonally across every page added from now on. */
export function watermarkNewPages(doc: Doc, text: string): void {
  doc.on('pageAdded', () => {
    const { x, y } = doc;
    drawWatermark(doc, text);
    doc.x = x;
    doc.y = y;
    restorePen(doc);
  });
}

function drawWatermark(doc: Doc, text: string): void {
  const label = text.trim();
  if (label === '') return;
  const { width, height } = doc.page;
  const diagonal = Math.hypot(width, height);
  asArtifact(
    doc,
    () => {
      doc.save();
      setPen(doc, { bold: true, size: 100, color: COLORS.watermark });
      const size = Math.max(8, Math.min(100, (100 * diagonal * 0.7) / Math.max(1, doc.widthOfString(label))));
      setPen(doc, { bold: true, size, color: COLORS.watermark });
      const angle = (-Math.atan2(height, width) * 180) / Math.PI;
      doc.rotate(angle, { origin: [width / 2, height / 2] });
      const textWidth = doc.widthOfString(label);
      doc.text(label, (width - textWidth) / 2, (height - doc.currentLineHeight()) / 2, { lineBreak: false });
      doc.restore();
      forgetColor(doc);
    },
    'Pagination',
  );
}

/** Writes the footer text and "n / total" at the bottom of every buffered page. */
export function writeFooters(doc: Doc, footer: string): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = 0; i < total; i++) {
    doc.switchToPage(range.start + i);
    asArtifact(
      doc,
      () => {
        setPen(doc, { size: FOOTER_SIZE, color: COLORS.muted });
        const x = contentLeft(doc);
        const y = doc.page.height - FOOTER_FROM_BOTTOM;
        const lineHeight = doc.currentLineHeight(true);
        const oneLine = { height: lineHeight, ellipsis: true };
        const footerWidth = contentWidth(doc) - PAGE_NUMBER_WIDTH;
        doc.text(breakLongWords(doc, footer, footerWidth), x, y, { ...oneLine, width: footerWidth });
        doc.text(`${i + 1} / ${total}`, x + contentWidth(doc) - PAGE_NUMBER_WIDTH, y, {
          ...oneLine,
          width: PAGE_NUMBER_WIDTH,
          align: 'right',
        });
      },
      'Pagination',
    );
  }
}
