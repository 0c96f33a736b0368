import { noise, rezip, text, unzip, workbookBytes, zip } from './xlsx-zip.ts';

/**
 * Workbooks a reference-data upload must survive (issue 11, item 2), each close to the 10 MB upload limit
 * and each passing the zip directory's ratio checks except the bomb: the sheet or the shared strings are
 * what is hostile. Deterministic (seeded), built in a second or two.
 */
export type HostileReferenceKind = 'inline-text' | 'shared-strings' | 'bomb' | 'wide-rows' | 'many-lines';

const MB = 1024 * 1024;

/** A first sheet with a valid header (nis, advance), then `rowsXml`, as an exceljs workbook rezipped. */
async function withFirstSheet(rowsXml: string, extra: (files: Map<string, Buffer>) => void = () => {}): Promise<Buffer> {
  const base = await workbookBytes((wb) => wb.addWorksheet('Blad1').addRow(['nis', 'advance']));
  return rezip(base, (files) => {
    const sheet = 'xl/worksheets/sheet1.xml';
    files.set(sheet, Buffer.from(text(files, sheet).replace('</sheetData>', `${rowsXml}</sheetData>`)));
    extra(files);
  });
}

function column(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Rows of `width` inline-string cells of `length` noise characters, until about `bytes` of XML. */
function inlineRows(bytes: number, width: number, length: number, seed: number): string {
  const parts: string[] = [];
  let size = 0;
  // a pool far larger than deflate's 32 KB window: the text cannot be compressed by repetition
  const cells = noise(4 * MB, seed);
  for (let r = 2; size < bytes; r++) {
    let row = `<row r="${r}">`;
    for (let c = 1; c <= width; c++) {
      const at = ((r * 7919 + c) * 104_729 + r * c) % (cells.length - length);
      row += `<c r="${column(c)}${r}" t="inlineStr"><is><t>${cells.slice(at, at + length)}</t></is></c>`;
    }
    row += '</row>';
    parts.push(row);
    size += row.length;
  }
  return parts.join('');
}

export async function hostileReferenceWorkbook(kind: HostileReferenceKind, targetBytes = 9.9 * MB): Promise<Buffer> {
  switch (kind) {
    case 'inline-text':
      // ≈ 9.9 MB zipped, ≈ 16 MB of sheet XML: 20 columns of random text on thousands of lines
      return withFirstSheet(inlineRows(targetBytes * 1.85, 20, 96, 7));
    case 'wide-rows':
      // rows as wide as Excel allows (16 384 cells each), built whole by exceljs before they are handed over
      return withFirstSheet(inlineRows(targetBytes * 1.7, 16_384, 48, 11));
    case 'shared-strings': {
      // shared strings just under the reference workbooks' 2 MB cap (60 000 unique strings), each used once on
      // 1 500 lines of 40 columns, the rest of the file padding: read whole, then staged with its problems
      const count = 60_000;
      const strings = noise(count * 16, 3);
      let sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`;
      let rows = '';
      for (let i = 0; i < count; i++) {
        sst += `<si><t>${strings.slice(i * 16, i * 16 + 16)}</t></si>`;
        if (i % 40 === 0) rows += `<row r="${i / 40 + 2}">`;
        rows += `<c r="${column((i % 40) + 1)}${Math.floor(i / 40) + 2}" t="s"><v>${i}</v></c>`;
        if (i % 40 === 39) rows += '</row>';
      }
      sst += '</sst>';
      const file = await withFirstSheet(rows, (files) => files.set('xl/sharedStrings.xml', Buffer.from(sst)));
      return padded(file, targetBytes);
    }
    case 'bomb': {
      // 28 MB of zeros declared honestly in the directory (ratio ≈ 1000), padded to the target size
      const file = await withFirstSheet('');
      return padded(file, targetBytes, [{ name: 'xl/media/zeros.bin', data: Buffer.alloc(28 * MB) }]);
    }
    case 'many-lines': {
      let rows = '';
      for (let r = 2; r <= 6002; r++)
        rows += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${String(10000 + r)}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`;
      return withFirstSheet(rows);
    }
  }
}

/** Adds parts to a zip (and a stored noise part) until it is about `targetBytes` long. */
async function padded(file: Buffer, targetBytes: number, parts: Array<{ name: string; data: Buffer }> = []): Promise<Buffer> {
  const files = [...(await unzip(file))].map(([name, data]) => ({ name, data }));
  const withParts = zip([...files, ...parts]);
  const pad = Math.max(0, Math.floor(targetBytes - withParts.length - 200));
  return zip([...files, ...parts, { name: 'xl/media/padding.bin', data: Buffer.from(noise(pad, 5), 'latin1'), store: true }]);
}
