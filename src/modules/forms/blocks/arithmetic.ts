import { roundHalfAwayFromZero } from '../../shared/money.ts';

/** a × b / c, exact, rounded half away from zero once (forms.md §2.6). Integers in, integer out. */
export function mulDiv(a: number, b: number, c: number): number {
  return Number(roundHalfAwayFromZero(BigInt(a) * BigInt(b), BigInt(c)));
}

/** Days from one ISO date to another, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The number of days two periods share (0 when they do not overlap). */
export function overlapDays(a: { from: string; to: string }, b: { from: string; to: string }): number {
  // ISO dates compare as strings (Math.max/min would not).
  // biome-ignore lint/complexity/useMathMinMax: strings
  const from = a.from > b.from ? a.from : b.from;
  // biome-ignore lint/complexity/useMathMinMax: strings
  const to = a.to < b.to ? a.to : b.to;
  return from > to ? 0 : daysInclusive(from, to);
}

export function sum(values: Array<number | null | undefined>): number {
  return values.reduce<number>((total, v) => total + (typeof v === 'number' ? v : 0), 0);
}

export function min(a: number, b: number): number {
  return Math.min(a, b);
}
