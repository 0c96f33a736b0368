import { type WorkbookError, workbookError } from './types.ts';

/**
 * Limits of one streamed sheet, counted on its raw XML before exceljs builds anything from it. exceljs builds a
 * whole row (up to 16 384 cell objects) before handing it over, buffers any text, comment or processing
 * instruction until it ends, and creates one column object per column a `<col min max>` spans: without these
 * limits one 30 MB cell or `<col max="999999999">` would take the process's memory, and 40 MB of cells the CPU
 * for seconds. Empty formatted cells count: they cost exceljs as much as filled ones.
 */
export interface SheetLimits {
  /** `<c>` elements in the sheet, empty formatted cells included */
  maxCells: number;
  /** `<row>` elements in the sheet, empty rows included */
  maxRowElements: number;
  /** bytes between two `<`: the longest text or tag (Excel's longest cell text is 32 767 characters) */
  maxRunBytes: number;
}

export const SHEET_LIMITS: SheetLimits = {
  maxCells: 250_000,
  maxRowElements: 100_000,
  maxRunBytes: 512 * 1024,
};

/** Excel's last column (XFD). */
const MAX_COLUMN = 16_384;
/** the XML declaration; a longer processing instruction is not Excel's */
const MAX_PI_BYTES = 1024;
/** a `<col …/>` tag is read whole to check its span */
const MAX_COL_TAG_BYTES = 1024;

/** A sheet beyond its limits: reading stops, the upload is refused with `error`. */
export class SheetLimitError extends Error {
  constructor(readonly error: WorkbookError) {
    super(error.code);
  }
}

const LT = 0x3c;
const GT = 0x3e;
const QUESTION = 0x3f;
const BANG = 0x21;
const SLASH = 0x2f;

function isNameEnd(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === GT || byte === SLASH;
}

/** Where the scanner is: in text (or a tag it does not care about), reading a tag name, a `<col` tag, a `<?…?>`. */
type State = 'text' | 'name' | 'col' | 'pi';

/**
 * Counts cells and rows of a sheet's XML as it streams past and stops it (SheetLimitError) beyond the limits, on
 * an oversized text or tag, on comments, CDATA or DTDs (`<!`, never in an Excel sheet) and on column spans
 * beyond XFD. The chunks are passed on unchanged. Linear in the bytes, constant memory.
 */
export async function* budgeted(chunks: AsyncIterable<Buffer>, limits: SheetLimits = SHEET_LIMITS): AsyncGenerator<Buffer> {
  const tooMany = () => new SheetLimitError(workbookError('workbook.error.too_many_cells', { max: limits.maxCells }));
  const unreadable = () => new SheetLimitError(workbookError('workbook.error.unreadable'));
  let cells = 0;
  let rows = 0;
  let run = 0;
  let state: State = 'text';
  let name = '';
  let col = '';
  let piBytes = 0;
  let previous = 0;

  const nameEnded = (): State => {
    if (name === 'c') {
      if (++cells > limits.maxCells) throw tooMany();
    } else if (name === 'row') {
      if (++rows > limits.maxRowElements) throw tooMany();
    } else if (name === 'col') {
      col = '';
      return 'col';
    }
    return 'text';
  };

  for await (const bytes of chunks) {
    // latin1: one character per byte, so positions and lengths are bytes; string search is the fastest path
    const chunk = bytes.toString('latin1');
    let i = 0;
    while (i < chunk.length) {
      if (state === 'text') {
        // text and the tags we do not look into: jump to the next `<` (native search)
        const lt = chunk.indexOf('<', i);
        run += (lt === -1 ? chunk.length : lt) - i;
        if (run > limits.maxRunBytes) throw unreadable();
        if (lt === -1) break;
        run = 0;
        if (lt + 4 < chunk.length) {
          // fast path, the whole name is in this chunk: <c …, <row …, <col …, <! or <? decided here
          const c1 = chunk.charCodeAt(lt + 1);
          const c2 = chunk.charCodeAt(lt + 2);
          i = lt + 2;
          if (c1 === 0x63 && isNameEnd(c2)) {
            if (++cells > limits.maxCells) throw tooMany();
          } else if (c1 === 0x72 && c2 === 0x6f && chunk.charCodeAt(lt + 3) === 0x77 && isNameEnd(chunk.charCodeAt(lt + 4))) {
            if (++rows > limits.maxRowElements) throw tooMany();
          } else if (c1 === 0x63 && c2 === 0x6f && chunk.charCodeAt(lt + 3) === 0x6c && isNameEnd(chunk.charCodeAt(lt + 4))) {
            state = 'col';
            col = '';
            i = lt + 4;
          } else if (c1 === BANG) {
            throw unreadable();
          } else if (c1 === QUESTION) {
            state = 'pi';
            piBytes = 0;
            previous = 0;
          }
          continue;
        }
        state = 'name';
        name = '';
        i = lt + 1;
        continue;
      }
      const byte = chunk.charCodeAt(i++);
      if (state === 'pi') {
        if (++piBytes > MAX_PI_BYTES) throw unreadable();
        if (byte === GT && previous === QUESTION) state = 'text';
        previous = byte;
        continue;
      }
      if (byte === LT) {
        run = 0;
        state = 'name';
        name = '';
        continue;
      }
      if (++run > limits.maxRunBytes) throw unreadable();
      if (state === 'name') {
        if (name === '' && byte === BANG) throw unreadable();
        if (name === '' && byte === QUESTION) {
          state = 'pi';
          piBytes = 0;
          previous = 0;
        } else if (isNameEnd(byte)) {
          state = nameEnded();
          if (state === 'col' && byte === GT) state = 'text';
        } else if (name.length === 3) {
          state = 'text'; // a longer name: none of ours (rowBreaks, cols, conditionalFormatting…)
        } else {
          name += String.fromCharCode(byte);
        }
      } else if (byte === GT) {
        for (const m of col.matchAll(/\b(min|max)\s*=\s*["']\s*(\d+)/g)) if (Number(m[2]) > MAX_COLUMN) throw unreadable();
        state = 'text';
      } else {
        col += String.fromCharCode(byte);
        if (col.length > MAX_COL_TAG_BYTES) throw unreadable();
      }
    }
    yield bytes;
  }
}
