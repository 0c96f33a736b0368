import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * A PDF's text as it lies on its pages (issue 14, item 17: the printouts), read back with pdf.js: every piece of text
 * on one line that is not separated by a gap — one line of one table cell, one heading, one amount — is a run.
 * The runs are in reading order: page by page, top to bottom, left to right.
 */
export interface PdfRun {
  /** 1-based */
  page: number;
  x: number;
  /** from the top of the page */
  y: number;
  /** the end of the run on the line */
  right: number;
  size: number;
  text: string;
}

export interface PdfPage {
  width: number;
  height: number;
  runs: PdfRun[];
}

export interface PdfRuns {
  pages: PdfPage[];
  runs: PdfRun[];
}

interface Item {
  x: number;
  y: number;
  width: number;
  size: number;
  text: string;
}

export async function readRuns(pdf: Buffer): Promise<PdfRuns> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view;
      const items: Item[] = [];
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, , , e, f] = item.transform as number[];
        // the draft watermark is the only rotated text
        if (Math.abs(b) > 0.01) continue;
        items.push({ x: e, y: height - f, width: item.width, size: Math.abs(a), text: item.str });
      }
      items.sort((p, q) => p.y - q.y || p.x - q.x);
      const runs: PdfRun[] = [];
      for (const item of items) {
        const last = runs[runs.length - 1];
        const gap = last ? item.x - last.right : Number.POSITIVE_INFINITY;
        if (last && Math.abs(last.y - item.y) < 0.5 && gap > -0.5 && gap < item.size * 0.45) {
          const space = gap > item.size * 0.1 && !last.text.endsWith(' ') && !item.text.startsWith(' ');
          last.text += (space ? ' ' : '') + item.text;
          last.right = item.x + item.width;
        } else {
          runs.push({ page: n, x: item.x, y: item.y, right: item.x + item.width, size: item.size, text: item.text });
        }
      }
      for (const run of runs) run.text = run.text.replace(/\s+/g, ' ').trim();
      pages.push({ width, height, runs });
    }
    return { pages, runs: pages.flatMap((p) => p.runs) };
  } finally {
    await doc.destroy();
  }
}
