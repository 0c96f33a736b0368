import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { checkPdf, MAX_PDF_BYTES } from '../../src/modules/ebox/files/pdf-check.ts';

/** A PDF made by pdfkit, the way the application makes its own letters. */
function pdfkit(options: PDFKit.PDFDocumentOptions = {}, draw: (doc: PDFKit.PDFDocument) => void = (doc) => doc.text('Maandstaat')): Promise<Buffer> {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

const PAGE_TREE = {
  2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  4: '<< /Length 0 >>\nstream\n\nendstream',
};

/** A hand-written PDF: objects numbered 1… (1 the catalog), with a correct cross-reference table. */
function handPdf(objects: Record<number, string>): Buffer {
  const numbers = Object.keys(objects).map(Number);
  const size = Math.max(...numbers) + 1;
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const n of numbers.sort((a, b) => a - b)) {
    offsets[n] = Buffer.byteLength(out, 'latin1');
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) out += offsets[n] === undefined ? '0000000000 65535 f \n' : `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A hand-written PDF 1.5 whose `compressed` objects live in a deflated object stream (number 90), found through a
 * cross-reference stream (number 91): what hides dictionaries from a look at the raw bytes.
 */
function objectStreamPdf(plain: Record<number, string>, compressed: Record<number, string>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const entries = new Map<number, [number, number, number]>();
  const add = (n: number, head: string, data?: Buffer, tail = '') => {
    entries.set(n, [1, length, 0]);
    const piece = Buffer.concat([Buffer.from(`${n} 0 obj\n${head}`, 'latin1'), data ?? Buffer.alloc(0), Buffer.from(`${tail}\nendobj\n`, 'latin1')]);
    parts.push(piece);
    length += piece.length;
  };
  for (const [n, body] of Object.entries(plain)) add(Number(n), body);
  const numbers = Object.keys(compressed).map(Number);
  let header = '';
  let body = '';
  numbers.forEach((n, index) => {
    header += `${n} ${body.length} `;
    body += `${compressed[n]}\n`;
    entries.set(n, [2, 90, index]);
  });
  const stream = deflateSync(Buffer.from(header + body, 'latin1'));
  add(90, `<< /Type /ObjStm /N ${numbers.length} /First ${header.length} /Filter /FlateDecode /Length ${stream.length} >>\nstream\n`, stream, '\nendstream');
  const xrefAt = length;
  entries.set(91, [1, xrefAt, 0]);
  const size = 92;
  const rows = Buffer.alloc(size * 7);
  for (let n = 0; n < size; n++) {
    const [type, a, b] = entries.get(n) ?? [0, 0, n === 0 ? 65535 : 0];
    rows.writeUInt8(type, n * 7);
    rows.writeUInt32BE(a, n * 7 + 1);
    rows.writeUInt16BE(b, n * 7 + 5);
  }
  add(91, `<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Length ${rows.length} >>\nstream\n`, rows, '\nendstream');
  parts.push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

async function refused(pdf: Buffer) {
  const result = await checkPdf(pdf);
  return result.ok ? 'accepted' : result.reason;
}

describe('e-Box PDF check (by content)', () => {
  it('accepts a normal PDF made by pdfkit, with its page count, a web link and an owner-free document info', async () => {
    const pdf = await pdfkit({ info: { Title: 'Maandstaat 2026-10' } }, (doc) => {
      doc.text('Maandstaat oktober 2026');
      doc.text('Meer uitleg', { link: 'https://www.mi-is.be/' });
      doc.addPage().text('Bijlage');
    });
    assert.deepEqual(await checkPdf(pdf), { ok: true, pages: 2 });
  });

  it('accepts a hand-written minimal PDF', async () => {
    assert.deepEqual(await checkPdf(handPdf({ 1: '<< /Type /Catalog /Pages 2 0 R >>', ...PAGE_TREE })), { ok: true, pages: 1 });
  });

  it('refuses what is not a PDF, whatever its name: text, a PNG renamed .pdf, an empty file, a header further down', async () => {
    assert.equal(await refused(Buffer.from('Dit is geen PDF\n')), 'not_pdf');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    assert.equal(await refused(png), 'not_pdf');
    assert.equal(await refused(Buffer.alloc(0)), 'not_pdf');
    const clean = await pdfkit();
    assert.equal(await refused(Buffer.concat([Buffer.from('<html><script>alert(1)</script>\n'), clean])), 'not_pdf');
  });

  it('refuses a truncated PDF and one whose body is garbage', async () => {
    const clean = await pdfkit();
    assert.equal(await refused(clean.subarray(0, Math.floor(clean.length / 2))), 'damaged');
    assert.equal(await refused(Buffer.from('%PDF-1.7\nnothing here at all\n%%EOF\n')), 'damaged');
  });

  it('refuses an encrypted PDF, with a password to open it or only an owner password', async () => {
    assert.equal(await refused(await pdfkit({ userPassword: 'geheim', ownerPassword: 'eigenaar' })), 'encrypted');
    assert.equal(await refused(await pdfkit({ ownerPassword: 'eigenaar', permissions: { printing: 'lowResolution' } })), 'encrypted');
  });

  it('refuses JavaScript as the open action', async () => {
    const pdf = handPdf({ 1: '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>', ...PAGE_TREE, 5: '<< /S /JavaScript /JS (app.alert\\(1\\)) >>' });
    assert.equal(await refused(pdf), 'javascript');
  });

  it('refuses JavaScript in the document names tree', async () => {
    const pdf = handPdf({
      1: '<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 6 0 R >> >>',
      ...PAGE_TREE,
      5: '<< /S /JavaScript /JS (this.print\\(\\)) >>',
      6: '<< /Names [(init) 5 0 R] >>',
    });
    assert.equal(await refused(pdf), 'javascript');
  });

  it('refuses JavaScript behind a link on a page', async () => {
    const pdf = handPdf({
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: PAGE_TREE[2],
      3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>',
      4: PAGE_TREE[4],
      5: '<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /JavaScript /JS (app.launchURL\\("x"\\)) >> >>',
    });
    assert.equal(await refused(pdf), 'javascript');
  });

  it('refuses an embedded file', async () => {
    const pdf = handPdf({
      1: '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 6 0 R >> >>',
      ...PAGE_TREE,
      5: '<< /Type /Filespec /F (payload.exe) /UF (payload.exe) /EF << /F 7 0 R >> >>',
      6: '<< /Names [(payload.exe) 5 0 R] >>',
      7: '<< /Type /EmbeddedFile /Length 5 >>\nstream\nMZ...\nendstream',
    });
    assert.equal(await refused(pdf), 'embedded_files');
  });

  it('refuses a Launch action, as the open action and behind a link', async () => {
    const open = handPdf({ 1: '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (calc.exe) >> >>', ...PAGE_TREE });
    assert.equal(await refused(open), 'launch_action');
    const link = handPdf({
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: PAGE_TREE[2],
      3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>',
      4: PAGE_TREE[4],
      5: '<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /Win << /F (cmd.exe) >> >> >>',
    });
    assert.equal(await refused(link), 'launch_action');
  });

  it('finds a Launch action hidden in a compressed object stream under an escaped name', async () => {
    const hidden = objectStreamPdf(
      { 2: PAGE_TREE[2], 3: PAGE_TREE[3], 4: PAGE_TREE[4] },
      { 1: '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>', 5: '<< /S /La#75nch /F (calc.exe) >>' },
    );
    assert.equal(hidden.includes('Launch', 0, 'latin1'), false, 'the name is not in the raw bytes');
    assert.equal(await refused(hidden), 'launch_action');
    const clean = objectStreamPdf({ 2: PAGE_TREE[2], 3: PAGE_TREE[3], 4: PAGE_TREE[4] }, { 1: '<< /Type /Catalog /Pages 2 0 R >>' });
    assert.deepEqual(await checkPdf(clean), { ok: true, pages: 1 }, 'the same layout without the action passes');
  });

  it('refuses a file of 20 MB + 1 byte without parsing it, accepts the size limit itself', async () => {
    assert.equal(MAX_PDF_BYTES, 20 * 1024 * 1024);
    const big = Buffer.alloc(MAX_PDF_BYTES + 1, 0x20);
    big.write('%PDF-1.7\n', 0, 'latin1');
    const started = performance.now();
    assert.equal(await refused(big), 'too_large');
    assert.ok(performance.now() - started < 50, 'answered before any parsing');
  });
});
