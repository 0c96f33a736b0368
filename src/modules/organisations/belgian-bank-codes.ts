import { readFileSync } from 'node:fs';
import { normaliseBic, normaliseIban } from '../shared/identifiers.ts';

/**
 * The bank of a Belgian IBAN from its bank identification code (issue 14, item 7; ADR 0043): a subset of the National
 * Bank of Belgium's list, shipped as data with its source in reference/belgian-bank-codes.csv.
 */
export interface BelgianBank {
  /** the BIC the NBB lists for the code */
  bic: string;
  /** every BIC accepted for the code (the listed one and, e.g. after a merger, the successor's) */
  accepted: readonly string[];
  name: string;
}

interface Range extends BelgianBank {
  from: number;
  to: number;
}

/** Parses the CSV: `#` comment lines, a header, then `from,to,bic,also,bank` rows (ranges inclusive, not overlapping). */
export function parseBankCodes(csv: string): Range[] {
  const rows = csv.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const [header, ...data] = rows;
  if (header !== 'from,to,bic,also,bank') throw new Error(`belgian-bank-codes.csv: unexpected header "${header}"`);
  const ranges = data.map((line, i) => {
    const [from, to, bic, also, ...name] = line.split(',');
    const range = { from: Number(from), to: Number(to), bic, accepted: [bic, ...also.split(' ').filter(Boolean)], name: name.join(',') };
    if (!/^\d{3}$/.test(from) || !/^\d{3}$/.test(to) || range.from > range.to || !/^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(bic) || !range.name)
      throw new Error(`belgian-bank-codes.csv: bad row ${i + 1}: ${line}`);
    return range;
  });
  ranges.sort((a, b) => a.from - b.from);
  for (let i = 1; i < ranges.length; i++)
    if (ranges[i].from <= ranges[i - 1].to) throw new Error(`belgian-bank-codes.csv: ranges overlap at ${ranges[i].from}`);
  return ranges;
}

const RANGES = parseBankCodes(readFileSync(new URL('./reference/belgian-bank-codes.csv', import.meta.url), 'utf8'));

/** The bank of a Belgian IBAN (BE + check digits + 3-digit bank code …), or undefined: not Belgian, or a code not listed. */
export function belgianBankOf(iban: string): BelgianBank | undefined {
  const match = /^BE\d{2}(\d{3})\d{9}$/.exec(normaliseIban(iban));
  if (!match) return undefined;
  const code = Number(match[1]);
  const range = RANGES.find((r) => r.from <= code && code <= r.to);
  return range && { bic: range.bic, accepted: range.accepted, name: range.name };
}

/** Whether a BIC names the bank: the same institution (its first 8 characters; the branch code after them does not matter). */
export function bicBelongsTo(bic: string, bank: BelgianBank): boolean {
  const eight = normaliseBic(bic).slice(0, 8);
  return bank.accepted.some((b) => b.slice(0, 8) === eight);
}
