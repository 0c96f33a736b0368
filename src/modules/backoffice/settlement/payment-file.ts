import ExcelJS from 'exceljs';
import type { T } from '../../../i18n/i18n.ts';
import { neutraliseCell, neutraliseText } from '../exports/cell-safety.ts';
import { CSV_BOM, centsText, csvLine } from '../exports/csv.ts';
import type { SettlementListRow } from './settlement.repository.ts';
import { isValidStructuredCommunication } from './structured-communication.ts';

/**
 * The payment file of a settled campaign: one line per OCMW with an amount to pay (KBO, name, IBAN, BIC,
 * amount, structured communication); the reclaims apart (second sheet, or the `reclaims` CSV), and apart from
 * those the reclaims compensated on next year's allocation (gas and electricity fund, forms.md §4.2.6: they are
 * withheld, never invoiced — a third sheet, or the `compensations` CSV).
 * CSV: UTF-8 with BOM, `;`, amounts in euros with a decimal comma and no thousands separator ("1234,56").
 * XLSX: amounts as numbers in euros (format #,##0.00). The names are in Dutch, the language of POD MI's books.
 */
export type PaymentKind = 'payments' | 'reclaims' | 'compensations';
export const PAYMENT_KINDS: readonly PaymentKind[] = ['payments', 'reclaims', 'compensations'];

interface PaymentLine {
  kbo: string;
  name: string;
  iban: string;
  bic: string;
  cents: number;
  communication: string;
}

/** A structured communication we generated is written as the bank reads it; anything else is neutralised. */
function safeCommunication(text: string): string {
  return isValidStructuredCommunication(text) ? text : neutraliseText(text);
}

function compensated(row: SettlementListRow): boolean {
  return (row.details as { compensatedNextYear?: boolean } | null)?.compensatedNextYear === true;
}

export function paymentLines(rows: SettlementListRow[], kind: PaymentKind): PaymentLine[] {
  return rows
    .filter((r) => kind === 'payments' || compensated(r) === (kind === 'compensations'))
    .map((r) => ({ r, cents: Number(kind === 'payments' ? r.to_pay_cents : r.to_reclaim_cents) }))
    .filter(({ cents }) => cents > 0)
    .map(({ r, cents }) => ({ kbo: r.kbo, name: r.name_nl, iban: r.iban ?? '', bic: r.bic ?? '', cents, communication: safeCommunication(r.communication) }));
}

function headers(t: T): string[] {
  return [
    t('bo.settlement.file.kbo'),
    t('bo.settlement.file.name'),
    t('bo.settlement.file.iban'),
    t('bo.settlement.file.bic'),
    t('bo.settlement.file.amount'),
    t('bo.settlement.file.communication'),
  ];
}

export function paymentCsv(rows: SettlementListRow[], kind: PaymentKind, t: T): string {
  let out = CSV_BOM + csvLine(headers(t));
  // the communication is checked by safeCommunication: written as is, like the amount
  for (const line of paymentLines(rows, kind))
    out += csvLine([line.kbo, line.name, line.iban, line.bic, centsText(line.cents), { trusted: line.communication }]);
  return out;
}

export async function paymentXlsx(rows: SettlementListRow[], t: T): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [kind, nameKey] of [
    ['payments', 'bo.settlement.file.sheet_payments'],
    ['reclaims', 'bo.settlement.file.sheet_reclaims'],
    ['compensations', 'bo.settlement.file.sheet_compensations'],
  ] as const) {
    const sheet = workbook.addWorksheet(t(nameKey));
    sheet.addRow(headers(t)).font = { bold: true };
    for (const line of paymentLines(rows, kind)) {
      // text cells neutralised; the communication was checked by safeCommunication
      sheet.addRow([...[line.kbo, line.name, line.iban, line.bic].map((v) => neutraliseCell(v)), line.cents / 100, line.communication]);
    }
    sheet.getColumn(5).numFmt = '#,##0.00';
    sheet.columns.forEach((column, i) => {
      column.width = [14, 36, 22, 12, 14, 24][i];
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
