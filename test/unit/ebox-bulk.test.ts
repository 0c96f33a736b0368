import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { crc32, deflateRawSync } from 'node:zlib';
import type { BulkError } from '../../src/modules/ebox/bulk/bulk-errors.ts';
import { BULK_ZIP_LIMITS } from '../../src/modules/ebox/bulk/bulk-limits.ts';
import { type BulkDeps, type BulkValidation, type RecipientResult, validateBulk } from '../../src/modules/ebox/bulk/bulk-plan.ts';
import { bulkReportCsv } from '../../src/modules/ebox/bulk/bulk-report.ts';
import { openBulkZip } from '../../src/modules/ebox/bulk/bulk-zip.ts';
import { BulkReadError } from '../../src/modules/ebox/bulk/entry-reader.ts';
import { parseManifest } from '../../src/modules/ebox/bulk/manifest.ts';
import { makeKbo } from '../../src/modules/shared/identifiers.ts';
import { type BulkZipEntry, ZipWriter, bulkZip, fakePdf, manifestCsv, writeBulkZipFile } from '../support/bulk-zip.ts';

// Issue 16: bulk publication to the e-Box — the ZIP is read safely and the manifest validated completely into a
// publication plan before anything is published; bad input is refused with a precise error per row.

const KBO_A = makeKbo('02070000');
const KBO_B = makeKbo('02080000');
const KBO_C = makeKbo('02090000');
const KBO_MERGED = makeKbo('02100000');
const KBO_UNKNOWN = makeKbo('02110000');

const TYPES = [
  { code: 'MAANDSTAAT', legislations: ['RMI', 'WET65', 'VOH'] },
  { code: 'TUSSENTIJDSE_MAANDSTAAT', legislations: ['RMI', 'WET65'] },
  { code: 'INFO', legislations: ['GENERAL'] },
];

const RECIPIENTS = new Map<string, RecipientResult>([
  [KBO_A, { kind: 'ok', organisationId: 'org-a', name: 'OCMW Aalst' }],
  [KBO_B, { kind: 'ok', organisationId: 'org-b', name: 'CPAS de Namur' }],
  // a disappearing OCMW: POD MI keeps publishing there
  [KBO_C, { kind: 'ok', organisationId: 'org-c', name: 'OCMW Kluisbergen' }],
  [KBO_MERGED, { kind: 'merged', successorName: 'OCMW Nevele-Deinze', successorKbo: KBO_A }],
]);

/** The fake content check: a PDF must start like one and carry no JavaScript. */
function fakeCheckPdf(seen: string[] = []): BulkDeps['checkPdf'] {
  return async (bytes) => {
    seen.push(bytes.subarray(0, 40).toString('latin1'));
    if (!bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) return { ok: false, reason: 'unparseable' };
    if (bytes.includes('/JavaScript')) return { ok: false, reason: 'javascript' };
    return { ok: true };
  };
}

function deps(seen: string[] = []): BulkDeps {
  return { types: TYPES, lookup: (kbo) => RECIPIENTS.get(kbo) ?? { kind: 'unknown' }, checkPdf: fakeCheckPdf(seen) };
}

/** A row of the manifest with sensible defaults. */
function row(reference: string, kbo: string, main: string, overrides: Partial<Record<string, string>> = {}): string[] {
  const r = {
    row_reference: reference,
    recipient_kbo: kbo,
    message_type: 'MAANDSTAAT',
    legislation: 'RMI',
    period: '2026-11',
    subject_nl: 'Maandstaat november 2026',
    subject_fr: 'État mensuel novembre 2026',
    subject_de: '',
    main_file: main,
    attachments: '',
    ...overrides,
  };
  return [r.row_reference, r.recipient_kbo, r.message_type, r.legislation, r.period, r.subject_nl, r.subject_fr, r.subject_de, r.main_file, r.attachments];
}

const VALID_ROWS = [
  row('2026-11:a', KBO_A, 'a-maandstaat.pdf', { attachments: 'a-bijlage.pdf' }),
  row('2026-11:b', KBO_B, 'b-etat.pdf', { subject_de: 'Monatsaufstellung' }),
  row('2026-11:c', KBO_C, 'c-info.pdf', { message_type: 'info', legislation: 'general', period: '' }),
];

function validEntries(): BulkZipEntry[] {
  return [
    { name: 'manifest.csv', data: manifestCsv(VALID_ROWS) },
    { name: 'a-maandstaat.pdf', data: fakePdf('a') },
    { name: 'A-Bijlage.PDF', data: fakePdf('a2'), store: true },
    { name: 'b-etat.pdf', data: fakePdf('b') },
    { name: 'c-info.pdf', data: fakePdf('c') },
  ];
}

/** Opens and validates a zip in memory; a fatal refusal at opening counts as the validation's errors. */
async function validate(zip: Buffer | string, dependencies: BulkDeps = deps()): Promise<BulkValidation> {
  const opened = await openBulkZip(zip);
  if (!opened.ok) return opened;
  try {
    return await validateBulk(opened.zip, dependencies);
  } finally {
    opened.zip.close();
  }
}

async function errorsOf(zip: Buffer | string, dependencies?: BulkDeps): Promise<BulkError[]> {
  const result = await validate(zip, dependencies);
  assert.equal(result.ok, false, 'expected the upload to be refused');
  return result.ok ? [] : result.errors;
}

/** The errors as `row:code` (and the field when there is one) for compact assertions. */
function codes(errors: BulkError[]): string[] {
  return errors.map((e) => `${e.row ?? '-'}:${e.code}${e.field ? `@${e.field}` : ''}`);
}

function withManifest(rows: string[][], files: BulkZipEntry[]): Buffer {
  return bulkZip([{ name: 'manifest.csv', data: manifestCsv(rows) }, ...files]);
}

/** 1 GiB of zeros, deflated once for the bomb tests (about 4.5 MB). */
let bombKernel: { data: Buffer; size: number; crc: number } | null = null;
function oneGigabyteOfZeros(): { data: Buffer; size: number; crc: number } {
  if (!bombKernel) {
    const zeros = Buffer.alloc(1024 * 1024 * 1024);
    bombKernel = { data: deflateRawSync(zeros, { level: 1 }), size: zeros.length, crc: crc32(zeros) };
  }
  return bombKernel;
}

describe('e-Box bulk: a valid upload', () => {
  it('plans one message per row, files in the ZIP spelling, main file first', async () => {
    const seen: string[] = [];
    const result = await validate(bulkZip(validEntries()), deps(seen));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.equal(seen.length, 4, 'every PDF is checked by content');
    assert.deepEqual(result.messages, [
      {
        rowNumber: 1,
        reference: '2026-11:a',
        recipientKbo: KBO_A,
        recipientName: 'OCMW Aalst',
        organisationId: 'org-a',
        messageType: 'MAANDSTAAT',
        legislation: 'RMI',
        period: '2026-11',
        subjects: { nl: 'Maandstaat november 2026', fr: 'État mensuel novembre 2026' },
        files: [
          { name: 'a-maandstaat.pdf', size: fakePdf('a').length, isMain: true },
          { name: 'A-Bijlage.PDF', size: fakePdf('a2').length, isMain: false },
        ],
      },
      {
        rowNumber: 2,
        reference: '2026-11:b',
        recipientKbo: KBO_B,
        recipientName: 'CPAS de Namur',
        organisationId: 'org-b',
        messageType: 'MAANDSTAAT',
        legislation: 'RMI',
        period: '2026-11',
        subjects: { nl: 'Maandstaat november 2026', fr: 'État mensuel novembre 2026', de: 'Monatsaufstellung' },
        files: [{ name: 'b-etat.pdf', size: fakePdf('b').length, isMain: true }],
      },
      {
        rowNumber: 3,
        reference: '2026-11:c',
        recipientKbo: KBO_C,
        recipientName: 'OCMW Kluisbergen',
        organisationId: 'org-c',
        messageType: 'INFO',
        legislation: 'GENERAL',
        period: null,
        subjects: { nl: 'Maandstaat november 2026', fr: 'État mensuel novembre 2026' },
        files: [{ name: 'c-info.pdf', size: fakePdf('c').length, isMain: true }],
      },
    ]);
  });

  it('reads the PDFs again on demand, byte for byte', async () => {
    const opened = await openBulkZip(bulkZip(validEntries()));
    assert.ok(opened.ok);
    assert.deepEqual(await opened.zip.readFile('a-bijlage.pdf'), fakePdf('a2'));
    assert.deepEqual(await opened.zip.readFile('b-etat.pdf'), fakePdf('b'));
    await assert.rejects(opened.zip.readFile('nope.pdf'), (e) => e instanceof BulkReadError && e.error.code === 'file_missing');
    opened.zip.close();
  });

  it('accepts a BOM, `,` as separator, quoted cells, dotted KBO numbers and Excel padding', async () => {
    const rows = VALID_ROWS.map((r) => [...r]);
    rows[0][1] = `0207.000.0${KBO_A.slice(8)}`;
    rows[0][5] = 'Maandstaat, november 2026';
    const manifest = manifestCsv(rows, { separator: ',', bom: true });
    const entries = validEntries();
    entries[0] = { name: 'MANIFEST.CSV', data: manifest };
    const result = await validate(bulkZip(entries));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.equal(result.messages[0].recipientKbo, KBO_A);
    assert.equal(result.messages[0].subjects.nl, 'Maandstaat, november 2026');

    const padded = Buffer.from(manifestCsv(VALID_ROWS).toString('utf8').replace(/\r\n/g, ';;\r\n'));
    const parsed = parseManifest(Buffer.concat([Buffer.from('\uFEFF'), padded]));
    assert.ok(parsed.ok && parsed.errors.length === 0 && parsed.rows.length === 3, JSON.stringify(parsed));
  });

  it('reports blank lines without error and numbers rows as the spreadsheet does', async () => {
    const text = manifestCsv(VALID_ROWS).toString('utf8').replace('\r\n2026-11:b', '\r\n;;;;;;;;;\r\n\r\n2026-11:b');
    const zip = bulkZip([{ name: 'manifest.csv', data: Buffer.from(text) }, ...validEntries().slice(1)]);
    const result = await validate(zip);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.deepEqual(
      result.messages.map((m) => m.rowNumber),
      [1, 4, 5],
    );
  });
});

describe('e-Box bulk: the files of the ZIP and of the manifest', () => {
  it('refuses a missing manifest', async () => {
    assert.deepEqual(codes(await errorsOf(bulkZip(validEntries().slice(1)))), ['-:manifest_missing']);
  });

  it('refuses a missing file, an extra file and a non-PDF file, each by name', async () => {
    const entries = validEntries().filter((e) => e.name !== 'b-etat.pdf');
    entries.push({ name: 'forgotten.pdf', data: fakePdf('x') }, { name: 'notes.docx', data: Buffer.from('PK') });
    const errors = await errorsOf(bulkZip(entries));
    assert.deepEqual(codes(errors), ['-:file_not_pdf', '-:file_extra', '2:file_missing@main_file']);
    assert.deepEqual(errors[0].params, { name: 'notes.docx' });
    assert.deepEqual(errors[1].params, { name: 'forgotten.pdf' });
    assert.deepEqual(errors[2], { row: 2, reference: '2026-11:b', field: 'main_file', code: 'file_missing', params: { name: 'b-etat.pdf' } });
  });

  it('refuses a file named twice, in two rows or in one', async () => {
    const rows = [...VALID_ROWS, row('2026-11:d', KBO_B, 'A-MAANDSTAAT.pdf'), row('2026-11:e', KBO_B, 'x.pdf', { attachments: 'x.pdf' })];
    const errors = await errorsOf(withManifest(rows, [...validEntries().slice(1), { name: 'x.pdf', data: fakePdf('x') }]));
    assert.deepEqual(codes(errors), ['4:file_reused@main_file', '5:file_reused@attachments']);
    assert.deepEqual(errors[0].params, { name: 'A-MAANDSTAAT.pdf', firstRow: 1 });
    assert.deepEqual(errors[1].params, { name: 'x.pdf', firstRow: 5 });
  });

  it('refuses a seventh file in a message (six at most: the main file and five attachments)', async () => {
    const names = ['m.pdf', 'a1.pdf', 'a2.pdf', 'a3.pdf', 'a4.pdf', 'a5.pdf', 'a6.pdf'];
    const files = names.map((name) => ({ name, data: fakePdf(name) }));
    const ok = await validate(withManifest([row('r1', KBO_A, 'm.pdf', { attachments: names.slice(1, 6).join('|') })], files.slice(0, 6)));
    assert.ok(ok.ok);
    const errors = await errorsOf(withManifest([row('r1', KBO_A, 'm.pdf', { attachments: names.slice(1).join(' | ') })], files));
    assert.deepEqual(codes(errors), ['1:too_many_files@attachments']);
    assert.deepEqual(errors[0].params, { count: 7, max: 6 });
  });

  it('refuses a PDF over 20 MB, without reading it', async () => {
    const seen: string[] = [];
    const big = Buffer.alloc(BULK_ZIP_LIMITS.maxPdfBytes + 1, 0x20);
    big.write('%PDF-1.7');
    const errors = await errorsOf(withManifest([row('r1', KBO_A, 'big.pdf')], [{ name: 'big.pdf', data: big, store: true }]), deps(seen));
    assert.deepEqual(codes(errors), ['1:file_too_large@main_file']);
    assert.deepEqual(errors[0].params, { name: 'big.pdf', megabytes: 20 });
    assert.equal(seen.length, 0);
  });

  it('refuses a PDF with JavaScript and one that does not parse, with the reason of the check', async () => {
    const errors = await errorsOf(
      withManifest(
        [row('r1', KBO_A, 'ok.pdf', { attachments: 'script.pdf' }), row('r2', KBO_B, 'broken.pdf')],
        [
          { name: 'ok.pdf', data: fakePdf() },
          { name: 'script.pdf', data: fakePdf('', true) },
          { name: 'broken.pdf', data: Buffer.from('<html>not a pdf</html>') },
        ],
      ),
    );
    assert.deepEqual(codes(errors), ['1:pdf_refused@attachments', '2:pdf_refused@main_file']);
    assert.deepEqual(errors[0].params, { name: 'script.pdf', reason: 'javascript' });
    assert.deepEqual(errors[1].params, { name: 'broken.pdf', reason: 'unparseable' });
  });

  it('refuses paths in names, in the ZIP and in the manifest', async () => {
    const entries: BulkZipEntry[] = [
      { name: 'manifest.csv', data: manifestCsv([row('r1', KBO_A, '../a.pdf'), row('r2', KBO_B, 'b.pdf', { attachments: 'C:\\temp\\c.pdf' })]) },
      { name: 'b.pdf', data: fakePdf('b') },
      { name: 'sub/d.pdf', data: fakePdf('d') },
      { name: '..\\e.pdf', data: fakePdf('e') },
      { name: '/etc/f.pdf', data: fakePdf('f') },
      { name: 'C:g.pdf', data: fakePdf('g') },
      { name: 'bad\u0007name.pdf', data: fakePdf('h') },
    ];
    const errors = await errorsOf(bulkZip(entries));
    assert.deepEqual(codes(errors), [
      '-:path_in_name',
      '-:path_in_name',
      '-:path_in_name',
      '-:path_in_name',
      '-:name_invalid',
      '1:path_in_name@main_file',
      '2:path_in_name@attachments',
    ]);
    assert.deepEqual(
      errors.map((e) => e.params?.name),
      ['sub/d.pdf', '..\\e.pdf', '/etc/f.pdf', 'C:g.pdf', 'bad\u0007name.pdf', '../a.pdf', 'C:\\temp\\c.pdf'],
    );
  });

  it('refuses folders, symlinks, encrypted entries, other compressions and duplicate names', async () => {
    const entries = [...validEntries()];
    entries.push(
      { name: 'folder/', data: Buffer.alloc(0), store: true },
      { name: 'link.pdf', data: Buffer.from('/etc/passwd'), store: true, unixMode: 0o120777 },
      { name: 'secret.pdf', data: fakePdf('s'), encrypted: true },
      { name: 'bzip.pdf', data: fakePdf('z'), method: 12 },
      { name: 'B-ETAT.pdf', data: fakePdf('b again') },
    );
    const zip = bulkZip(entries);
    const errors = await errorsOf(zip);
    assert.deepEqual(codes(errors), ['-:zip_directory', '-:zip_symlink', '-:zip_encrypted', '-:zip_compression', '-:name_duplicate']);
    assert.deepEqual(
      errors.map((e) => e.params?.name),
      ['folder/', 'link.pdf', 'secret.pdf', 'bzip.pdf', 'B-ETAT.pdf'],
    );
    assert.deepEqual(errors[4].params, { name: 'B-ETAT.pdf', other: 'b-etat.pdf' });
  });

  it('does not report a file refused in the ZIP as missing from the row that names it', async () => {
    const errors = await errorsOf(withManifest([row('r1', KBO_A, 'secret.pdf')], [{ name: 'secret.pdf', data: fakePdf(), encrypted: true }]));
    assert.deepEqual(codes(errors), ['-:zip_encrypted']);
  });
});

describe('e-Box bulk: hostile and broken ZIPs', () => {
  it('refuses a zip bomb (1 GiB of zeros) on the directory, before unpacking it', async () => {
    const seen: string[] = [];
    const zip = bulkZip([
      { name: 'manifest.csv', data: manifestCsv([row('r1', KBO_A, 'bomb.pdf')]) },
      { name: 'bomb.pdf', packed: oneGigabyteOfZeros() },
    ]);
    const before = process.memoryUsage();
    const errors = await errorsOf(zip, deps(seen));
    const grown = process.memoryUsage().arrayBuffers - before.arrayBuffers;
    assert.deepEqual(codes(errors), ['-:zip_ratio']);
    assert.deepEqual(errors[0].params, { name: 'bomb.pdf', max: 100 });
    assert.equal(seen.length, 0, 'nothing unpacked');
    assert.ok(grown < 64 * 1024 * 1024, `memory grew by ${grown} bytes`);
  });

  it('stops a bomb that lies about its size while streaming, after the announced bytes', async () => {
    const kernel = oneGigabyteOfZeros();
    const zip = bulkZip([
      { name: 'manifest.csv', data: manifestCsv([row('r1', KBO_A, 'liar.pdf')]) },
      { name: 'liar.pdf', packed: { ...kernel, size: 10_000 } },
    ]);
    const before = process.memoryUsage().arrayBuffers;
    const errors = await errorsOf(zip);
    assert.deepEqual(codes(errors), ['1:zip_damaged@main_file']);
    assert.equal(errors[0].params?.name, 'liar.pdf');
    console.log(`lying bomb: array buffers grew by ${((process.memoryUsage().arrayBuffers - before) / 1024 / 1024).toFixed(1)} MB`);
  });

  it('refuses a total unpacked size over 2 GiB as a whole', async () => {
    const packed = { data: deflateRawSync(Buffer.alloc(1000)), size: 1100 * 1024 * 1024, crc: 0 };
    const zip = bulkZip([
      { name: 'manifest.csv', data: manifestCsv([row('r1', KBO_A, 'a.pdf')]) },
      { name: 'a.pdf', packed },
      { name: 'b.pdf', packed },
    ]);
    assert.deepEqual(codes(await errorsOf(zip)), ['-:zip_too_large']);
  });

  it('refuses overlapping entries (a non-recursive bomb)', async () => {
    const chunks: Buffer[] = [];
    const writer = new ZipWriter((chunk) => chunks.push(chunk));
    writer.add({ name: 'manifest.csv', data: manifestCsv([row('r1', KBO_A, 'a.pdf')]) });
    writer.add({ name: 'a.pdf', data: randomBytes(4000), store: true });
    writer.alias('b.pdf', 1);
    writer.alias('c.pdf', 1);
    writer.finish();
    assert.deepEqual(codes(await errorsOf(Buffer.concat(chunks))), ['-:zip_damaged']);
  });

  it('refuses what is not a zip, a truncated zip, too many entries and a tampered entry', async () => {
    assert.deepEqual(codes(await errorsOf(fakePdf())), ['-:zip_not_zip']);
    assert.deepEqual(codes(await errorsOf(Buffer.alloc(0))), ['-:zip_not_zip']);
    const valid = bulkZip(validEntries());
    assert.deepEqual(codes(await errorsOf(valid.subarray(0, valid.length - 30))), ['-:zip_damaged']);
    const many = await openBulkZip(valid, { ...BULK_ZIP_LIMITS, maxEntries: 3 });
    assert.ok(!many.ok);
    assert.deepEqual(many.errors, [{ row: null, code: 'zip_too_many_entries', params: { max: 3 } }]);
    const tampered = bulkZip(validEntries().map((e) => (e.name === 'b-etat.pdf' ? { ...e, store: true } : e)));
    const at = tampered.indexOf(fakePdf('b'));
    tampered[at + 20] ^= 0xff;
    const errors = await errorsOf(tampered);
    assert.deepEqual(codes(errors), ['2:zip_damaged@main_file']);
  });

  it('refuses an empty zip as having no manifest', async () => {
    assert.deepEqual(codes(await errorsOf(bulkZip([]))), ['-:manifest_missing']);
  });
});

describe('e-Box bulk: the manifest', () => {
  it('refuses a header with a missing, unknown or repeated column', async () => {
    const text = manifestCsv(VALID_ROWS).toString('utf8').replace('period;', 'periode;').replace('subject_de;', 'subject_nl;');
    const errors = await errorsOf(bulkZip([{ name: 'manifest.csv', data: Buffer.from(text) }, ...validEntries().slice(1)]));
    assert.deepEqual(codes(errors), ['-:header_column_unknown', '-:header_column_duplicate', '-:header_column_missing', '-:header_column_missing']);
    assert.deepEqual(
      errors.map((e) => e.params?.column),
      ['periode', 'subject_nl', 'period', 'subject_de'],
    );
  });

  it('refuses a manifest that is not UTF-8, empty, without rows, or with a broken quote', async () => {
    const latin1 = Buffer.from(manifestCsv(VALID_ROWS).toString('utf8'), 'latin1');
    const files = validEntries().slice(1);
    assert.deepEqual(codes(await errorsOf(bulkZip([{ name: 'manifest.csv', data: latin1 }, ...files]))), ['-:manifest_not_utf8']);
    assert.deepEqual(codes(await errorsOf(bulkZip([{ name: 'manifest.csv', data: Buffer.from('') }, ...files]))), ['-:manifest_empty']);
    assert.deepEqual(codes(await errorsOf(bulkZip([{ name: 'manifest.csv', data: manifestCsv([]) }, ...files]))), ['-:manifest_no_rows']);
    const broken = Buffer.from(`${manifestCsv(VALID_ROWS).toString('utf8')}r9;"unclosed\r\n`);
    const errors = await errorsOf(bulkZip([{ name: 'manifest.csv', data: broken }, ...files]));
    assert.deepEqual(codes(errors), ['-:manifest_unparseable']);
  });

  it('refuses a row with a missing separator, without calling its files extra', async () => {
    const text = manifestCsv(VALID_ROWS).toString('utf8').replace('2026-11:b;', '2026-11:b');
    const errors = await errorsOf(bulkZip([{ name: 'manifest.csv', data: Buffer.from(text) }, ...validEntries().slice(1)]));
    assert.deepEqual(codes(errors), ['2:row_columns']);
    assert.deepEqual(errors[0].params, { expected: 10, found: 9 });
  });

  it('refuses bad values, each with its row, field and parameters', async () => {
    const names = ['1.pdf', '2.pdf', '3.pdf', '4.pdf', '5.pdf', '6.pdf', '7.pdf', '8.pdf', '9.pdf', '10.pdf', '11.pdf'];
    const rows = [
      row('ok-1', KBO_A, '1.pdf'),
      row('bad ref!', KBO_A, '2.pdf'),
      row('ok-1', KBO_A, '3.pdf'),
      row('r4', '0207000000', '4.pdf'),
      row('r5', KBO_A.slice(1), '5.pdf'),
      row('r6', KBO_UNKNOWN, '6.pdf'),
      row('r7', KBO_MERGED, '7.pdf'),
      row('r8', KBO_A, '8.pdf', { message_type: 'BRIEF', legislation: 'XYZ' }),
      row('r9', KBO_A, '9.pdf', { message_type: 'TUSSENTIJDSE_MAANDSTAAT', legislation: 'VOH', period: '2026-13' }),
      row('r10', KBO_A, '10.pdf', { subject_nl: '', subject_fr: 'x'.repeat(251) }),
      row('r11', KBO_A, '11.pdf', { subject_de: 'line\nbreak', main_file: '', attachments: '11.pdf' }),
    ];
    const errors = await errorsOf(
      withManifest(
        rows,
        names.map((name) => ({ name, data: fakePdf(name) })),
      ),
    );
    assert.deepEqual(codes(errors), [
      '2:reference_invalid@row_reference',
      '3:reference_duplicate@row_reference',
      '4:kbo_invalid@recipient_kbo',
      '5:kbo_leading_zero@recipient_kbo',
      '6:recipient_unknown@recipient_kbo',
      '7:recipient_merged@recipient_kbo',
      '8:type_unknown@message_type',
      '8:legislation_unknown@legislation',
      '9:legislation_not_for_type@legislation',
      '9:period_invalid@period',
      '10:subject_required@subject_nl',
      '10:subject_too_long@subject_fr',
      '11:subject_invalid@subject_de',
      '11:main_file_required@main_file',
    ]);
    const byRow = (n: number, code: string) => errors.find((e) => e.row === n && e.code === code)!;
    assert.equal(byRow(2, 'reference_invalid').reference, undefined);
    assert.deepEqual(byRow(3, 'reference_duplicate'), {
      row: 3,
      reference: 'ok-1',
      field: 'row_reference',
      code: 'reference_duplicate',
      params: { value: 'ok-1', firstRow: 1 },
    });
    assert.deepEqual(byRow(5, 'kbo_leading_zero').params, { value: KBO_A.slice(1), suggestion: `0207.000.0${KBO_A.slice(8)}` });
    assert.deepEqual(byRow(6, 'recipient_unknown').params, { kbo: KBO_UNKNOWN });
    assert.deepEqual(byRow(7, 'recipient_merged').params, { kbo: KBO_MERGED, successorName: 'OCMW Nevele-Deinze', successorKbo: KBO_A });
    assert.deepEqual(byRow(9, 'legislation_not_for_type').params, { legislation: 'VOH', type: 'TUSSENTIJDSE_MAANDSTAAT', allowed: 'RMI, WET65' });
    assert.deepEqual(byRow(10, 'subject_too_long').params, { language: 'fr', max: 250, length: 251 });
  });

  it('looks each distinct KBO up once', async () => {
    const looked: string[] = [];
    const rows = [row('r1', KBO_A, 'a.pdf'), row('r2', KBO_A, 'b.pdf'), row('r3', KBO_B, 'c.pdf')];
    const files = ['a.pdf', 'b.pdf', 'c.pdf'].map((name) => ({ name, data: fakePdf(name) }));
    const dependencies = deps();
    const result = await validate(withManifest(rows, files), {
      ...dependencies,
      lookup: async (kbo) => {
        looked.push(kbo);
        return dependencies.lookup(kbo);
      },
    });
    assert.ok(result.ok);
    assert.deepEqual(looked, [KBO_A, KBO_B]);
  });
});

describe('e-Box bulk: the report', () => {
  it('writes a CSV with BOM, `;`, CRLF, results in words and neutralised cells', () => {
    const csv = bulkReportCsv([
      { row: 2, reference: '=HYPERLINK("http://x")', recipientKbo: KBO_B, result: 'refused', reasons: ['Onbekend OCMW', 'Bestand ontbreekt; b.pdf'] },
      { row: 1, reference: 'r1', recipientKbo: KBO_A, result: 'published', messageId: '6f1c7f0e-1b7e-4d5c-9a37-1c7b8c3f0a11' },
      { row: 3, reference: 'r3', recipientKbo: KBO_C, result: 'already_published', messageId: 'm-3' },
    ]);
    assert.ok(csv.startsWith('\uFEFFrow;reference;recipient_kbo;result;message_id;reasons\r\n'));
    const lines = csv.slice(1).split('\r\n');
    assert.equal(lines[1], `1;r1;${KBO_A};published;6f1c7f0e-1b7e-4d5c-9a37-1c7b8c3f0a11;`);
    assert.equal(lines[2], `2;"'=HYPERLINK(""http://x"")";${KBO_B};refused;;"Onbekend OCMW | Bestand ontbreekt; b.pdf"`);
    assert.equal(lines[3], `3;r3;${KBO_C};already published;m-3;`);
    assert.equal(lines[4], '');
  });
});

describe('e-Box bulk: the monthly run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebox-bulk-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('validates 565 OCMWs × 12 documents from a file on disk, one PDF in memory at a time', async () => {
    const ocmws = Array.from({ length: 565 }, (_, i) => makeKbo(`0${String(2_000_000 + i * 7).padStart(7, '0')}`));
    const recipients = new Map(ocmws.map((kbo, i) => [kbo, { kind: 'ok' as const, organisationId: `org-${i}`, name: `OCMW ${i}` }]));
    const rows: string[][] = [];
    for (const [i, kbo] of ocmws.entries()) {
      for (let d = 0; d < 12; d++) rows.push(row(`2026-11:${i}:${d}`, kbo, `${i}-${d}.pdf`, { legislation: ['RMI', 'WET65', 'VOH'][d % 3] }));
    }
    const pdfSize = 32 * 1024;
    function* entries(): Generator<BulkZipEntry> {
      yield { name: 'manifest.csv', data: manifestCsv(rows) };
      for (let i = 0; i < ocmws.length; i++) {
        for (let d = 0; d < 12; d++) {
          const data = Buffer.concat([fakePdf(`${i}-${d}`), randomBytes(pdfSize)]);
          yield { name: `${i}-${d}.pdf`, data, store: true };
        }
      }
    }
    const path = join(dir, 'monthly.zip');
    writeBulkZipFile(path, entries());

    global.gc?.();
    const before = process.memoryUsage();
    let peakArrayBuffers = 0;
    const checkPdf = fakeCheckPdf();
    const started = Date.now();
    const result = await validate(path, {
      types: TYPES,
      lookup: (kbo) => recipients.get(kbo) ?? { kind: 'unknown' },
      checkPdf: async (bytes) => {
        peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers);
        return checkPdf(bytes);
      },
    });
    const after = process.memoryUsage();
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors.slice(0, 5)));
    assert.equal(result.messages.length, 565 * 12);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `monthly run: ${rows.length} rows, ${mb(rows.length * pdfSize)} of PDFs, ${Date.now() - started} ms; ` +
        `heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}, rss ${mb(before.rss)} → ${mb(after.rss)}, ` +
        `array buffers ${mb(before.arrayBuffers)} → peak ${mb(peakArrayBuffers)}`,
    );
  });
});
