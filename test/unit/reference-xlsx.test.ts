import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readSheetTable } from '../../src/modules/reference-data/read-table.ts';
import type { TableResult } from '../../src/modules/reference-data/sheet.ts';
import { type HostileReferenceKind, hostileReferenceWorkbook } from '../support/hostile-workbooks.ts';
import { noise, rezip, text, workbookBytes } from '../support/xlsx-zip.ts';

// Issue 11, item 2: a reference workbook is read by the guarded streaming reader of the form workbooks; a
// hostile file of 9.9 MB is refused (or read) with bounded memory, where exceljs's whole-file load took 1.7 GB.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Peak growth of heap + array buffers while `work` runs, sampled every millisecond, MB. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; mb: number; ms: number }> {
  gc();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 1);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, used());
    return { result, mb: (peak - base) / 1024 / 1024, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

const refusal = (result: TableResult) => (result.ok ? `ok: ${result.rows.length} rows` : result.refusal);

describe('reference workbooks read with bounded memory (issue 11, item 2)', () => {
  const cases: Array<[HostileReferenceKind, string]> = [
    ['bomb', 'suspicious_zip'],
    ['inline-text', 'too_much_data'],
    ['wide-rows', 'too_much_data'],
    ['many-lines', 'too_many_lines'],
    ['shared-strings', 'ok: 1501 rows'],
  ];
  for (const [kind, expected] of cases) {
    it(`${kind}: ${expected}, memory growth under 64 MB`, async () => {
      const file = await hostileReferenceWorkbook(kind);
      const { result, mb, ms } = await peakGrowth(() => readSheetTable(`${kind}.xlsx`, file));
      console.log(`${kind} (${(file.length / 1024 / 1024).toFixed(1)} MB): ${refusal(result)} in ${ms.toFixed(0)} ms, peak growth ${mb.toFixed(1)} MB`);
      assert.equal(refusal(result), expected);
      assert.ok(mb < 64, `${mb} MB`);
    });
  }

  it('refuses shared strings above 2 MB before parsing them', async () => {
    const base = await workbookBytes((wb) => wb.addWorksheet('Blad1').addRow(['nis', 'advance']));
    const big = await rezip(base, (files) =>
      files.set(
        'xl/sharedStrings.xml',
        Buffer.from(text(files, 'xl/sharedStrings.xml').replace('</sst>', `<si><t>${noise(2.1 * 1024 * 1024)}</t></si></sst>`)),
      ),
    );
    assert.equal(refusal(await readSheetTable('strings.xlsx', big)), 'too_large_unpacked');
  });

  it('still reads a plain file: numbers, text, dates, formulas by their result, the first visible sheet', async () => {
    const file = await workbookBytes((wb) => {
      const hidden = wb.addWorksheet('Verborgen');
      hidden.state = 'hidden';
      hidden.addRow(['nis', 'advance']);
      const sheet = wb.addWorksheet('Blad1');
      sheet.addRow(['nis', 'advance', 'date']);
      sheet.addRow(['99001', 12.5, new Date(Date.UTC(2026, 0, 31))]);
      sheet.getCell('B3').value = { formula: '1+1', result: 2 };
      sheet.getCell('A3').value = 99002;
      sheet.getCell('E5').value = 'far';
    });
    const result = await readSheetTable('plain.xlsx', file);
    assert.ok(result.ok);
    assert.deepEqual(result.rows, [
      { line: 1, cells: ['nis', 'advance', 'date'] },
      { line: 2, cells: ['99001', 12.5, '2026-01-31'] },
      { line: 3, cells: [99002, 2] },
      { line: 5, cells: [null, null, null, null, 'far'] },
    ]);
  });
});
