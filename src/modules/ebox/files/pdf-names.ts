import { createInflate } from 'node:zlib';

/**
 * A byte-level look for the PDF names that mark active or hidden content, as a second opinion beside pdf.js (which
 * reports JavaScript and attachments but not Launch actions, and reads no XFA): the whole file, and every stream
 * that inflates as zlib (object streams hide dictionaries there). Names are compared after decoding their #xx escapes
 * (`/J#61vaScript` is `/JavaScript`). A literal text "/Launch" in an uncompressed page would also count: a false
 * refusal, rare, and on the safe side. Objects hidden in object streams under other filters (LZW, ASCIIHex…) are
 * left to pdf.js's own checks.
 */
export type NameFinding = 'javascript' | 'launch_action' | 'embedded_files' | 'encrypted';

const MARKED_NAMES: Record<string, NameFinding> = {
  JavaScript: 'javascript',
  XFA: 'javascript',
  Launch: 'launch_action',
  EmbeddedFile: 'embedded_files',
  EmbeddedFiles: 'embedded_files',
  Encrypt: 'encrypted',
};

/** At most this many inflated bytes are looked at for one file (a zip bomb stops here and counts as damaged). */
export const INFLATE_BUDGET_BYTES = 1024 * 1024 * 1024;

/** A name: a slash and regular characters up to a delimiter or white space (PDF 32000-1 §7.2.2, §7.3.5). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of PDF's white-space characters
const NAME = /\/([^\x00\t\n\f\r ()<>[\]{}/%]{1,127})(?=[\x00\t\n\f\r ()<>[\]{}/%]|$)/g;
/** The longest marked name plus an escape per letter: what must overlap between two inflated chunks. */
const OVERLAP = 64;

function decodeName(raw: string): string {
  return raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : raw;
}

/** The findings among the names of a piece of PDF text. */
export function markedNamesIn(bytes: Buffer, into: Set<NameFinding>): void {
  const text = bytes.toString('latin1');
  for (const match of text.matchAll(NAME)) {
    const finding = MARKED_NAMES[decodeName(match[1])];
    if (finding) into.add(finding);
  }
}

/** Start of the data of every stream: the end of line after the `stream` keyword. */
function* streamStarts(bytes: Buffer): Generator<number> {
  let at = bytes.indexOf('stream', 0, 'latin1');
  while (at >= 0) {
    let start = at + 6;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    // 'endstream' contains 'stream' too: only a keyword followed by an end of line opens data
    if (start > at + 6 && bytes.subarray(at - 3, at).toString('latin1') !== 'end') yield start;
    at = bytes.indexOf('stream', at + 6, 'latin1');
  }
}

/** A zlib header (RFC 1950): what pdf.js's FlateDecode requires, whatever the dictionary says the filter is. */
function isZlibHeader(bytes: Buffer, at: number): boolean {
  if (at + 2 > bytes.length) return false;
  const cmf = bytes[at];
  const flg = bytes[at + 1];
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

/** Inflates from `start` (trailing bytes after the zlib stream are ignored), looking at the names chunk by chunk. */
function inflateNames(bytes: Buffer, start: number, budget: { left: number }, into: Set<NameFinding>): Promise<'ok' | 'over_budget'> {
  return new Promise((resolve) => {
    const inflate = createInflate();
    let tail = Buffer.alloc(0);
    let over = false;
    inflate.on('data', (chunk: Buffer) => {
      budget.left -= chunk.length;
      if (budget.left < 0) {
        over = true;
        inflate.destroy();
        resolve('over_budget');
        return;
      }
      const piece = Buffer.concat([tail, chunk]);
      markedNamesIn(piece, into);
      tail = piece.subarray(Math.max(0, piece.length - OVERLAP));
    });
    // a broken or truncated deflate stream: what came out was looked at; pdf.js judges the rest
    inflate.on('error', () => over || resolve('ok'));
    inflate.on('end', () => over || resolve('ok'));
    inflate.end(bytes.subarray(start));
  });
}

/** The marked names of a whole file and its inflatable streams; 'over_budget' when inflating would not end. */
export async function findMarkedNames(bytes: Buffer): Promise<{ findings: Set<NameFinding>; overBudget: boolean }> {
  const findings = new Set<NameFinding>();
  markedNamesIn(bytes, findings);
  const budget = { left: INFLATE_BUDGET_BYTES };
  for (const start of streamStarts(bytes)) {
    if (!isZlibHeader(bytes, start)) continue;
    if ((await inflateNames(bytes, start, budget, findings)) === 'over_budget') return { findings, overBudget: true };
  }
  return { findings, overBudget: false };
}
