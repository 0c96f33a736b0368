import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ExtractedPdf {
  pages: string[];
  text: string;
  title: unknown;
  language: unknown;
  marked: boolean;
}

/** Text of every page, as pdf.js (legacy build, for Node) extracts it, plus a few document facts. */
export async function extract(pdf: Buffer): Promise<ExtractedPdf> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
    }
    const { info } = await doc.getMetadata();
    const facts = info as Record<string, unknown>;
    const markInfo = await doc.getMarkInfo();
    return { pages, text: pages.join('\n'), title: facts.Title, language: facts.Language, marked: markInfo?.Marked === true };
  } finally {
    await doc.destroy();
  }
}
