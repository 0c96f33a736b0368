import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_CENTS, formatMoney, formatMoneyInput, parseMoney, roundHalfAwayFromZero } from '../../src/modules/shared/money.ts';

const ok = (cents: number) => ({ ok: true, cents });
const err = (error: string) => ({ ok: false, error });

describe('parseMoney: accepted formats', () => {
  const cases: Array<[string, number]> = [
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1234.56', 123456],
    ['1 234,56', 123456],
    ['1\u00A0234,56', 123456],
    ['1\u202F234,56', 123456],
    ['1\u2009234,56', 123456],
    ['€ 1.234,56', 123456],
    ['€1.234,56', 123456],
    ['1.234,56 €', 123456],
    ['1.234,56€', 123456],
    ['1.234,56\u00A0€', 123456],
    ['1234', 123400],
    ['0,5', 50],
    ['0,05', 5],
    ['0', 0],
    ['0,00', 0],
    ['007', 700],
    ['  12,30  ', 1230],
    ['\t12\n', 1200],
    ['1,234.56', 123456],
    ['1.234.567,89', 123456789],
    ['1,234,567.89', 123456789],
    ['1 234 567,89', 123456789],
    ['1 234.56', 123456],
    ['1.5', 150],
    ['12.34', 1234],
    ['1234.5', 123450],
    ['1.234.567', 123456700],
    ['999', 99900],
  ];
  for (const [input, cents] of cases) {
    test(JSON.stringify(input), () => assert.deepEqual(parseMoney(input), ok(cents)));
  }

  test('a single dot followed by exactly three digits is a thousands separator', () => {
    assert.deepEqual(parseMoney('1.234'), ok(123400));
    assert.deepEqual(parseMoney('12.345'), ok(1234500));
    assert.deepEqual(parseMoney('123.456'), ok(12345600));
    assert.deepEqual(parseMoney('€ 1.234'), ok(123400));
  });

  test('a single comma is always decimal', () => {
    assert.deepEqual(parseMoney('1,2'), ok(120));
    assert.deepEqual(parseMoney('1,23'), ok(123));
    assert.deepEqual(parseMoney('1,234'), err('decimals'));
  });
});

describe('parseMoney: rejected formats', () => {
  const formatCases = [
    '',
    '   ',
    '€',
    '-',
    'abc',
    '12a',
    '1,2,3',
    '1..2',
    '1,,2',
    '12e3',
    '1E3',
    'Infinity',
    'NaN',
    '+5',
    '0x10',
    ',5',
    '5,',
    '5.',
    '.5',
    '1.23.4',
    '1.234.56',
    '12.34,5.6',
    '1.234,567.8',
    '1,234,56',
    '12345.678',
    '0.500',
    '1.2.3,4',
    '1 23,45',
    '12 345 67',
    ' 1 234.567 890',
    '1 234.567,89',
    '€ 5 €',
    '€€5',
    '5 EUR',
    '$5',
    '1_000',
    '--5',
    '- 5',
    '5-',
    '1,23 4',
    '١٢٣',
  ];
  for (const input of formatCases) {
    test(`format: ${JSON.stringify(input)}`, () => assert.deepEqual(parseMoney(input), err('format')));
  }

  test('more than two decimals is never rounded', () => {
    assert.deepEqual(parseMoney('1,23'), ok(123));
    assert.deepEqual(parseMoney('1,234'), err('decimals'));
    assert.deepEqual(parseMoney('1,230'), err('decimals'));
    assert.deepEqual(parseMoney('0,001'), err('decimals'));
    assert.deepEqual(parseMoney('1.234,567'), err('decimals'));
    assert.deepEqual(parseMoney('1 234.567'), err('decimals'));
    assert.deepEqual(parseMoney('1.2345'), err('decimals'));
    assert.deepEqual(parseMoney('1234.5678'), err('decimals'));
  });

  test('negative amounts', () => {
    assert.deepEqual(parseMoney('-5'), err('negative'));
    assert.deepEqual(parseMoney('\u22125'), err('negative'));
    assert.deepEqual(parseMoney('-1.234,56 €'), err('negative'));
    assert.deepEqual(parseMoney('€ -5'), err('negative'));
    assert.deepEqual(parseMoney('-€ 5'), err('negative'));
    assert.deepEqual(parseMoney('-0'), ok(0));
    assert.deepEqual(parseMoney('-0,00'), ok(0));
  });

  test('negative amounts with allowNegative', () => {
    const opts = { allowNegative: true };
    assert.deepEqual(parseMoney('-5', opts), ok(-500));
    assert.deepEqual(parseMoney('\u22121.234,56', opts), ok(-123456));
    assert.deepEqual(parseMoney('-1.234,56 €', opts), ok(-123456));
    assert.deepEqual(parseMoney('€ -0,5', opts), ok(-50));
    assert.deepEqual(parseMoney('5', opts), ok(500));
    assert.ok(Object.is((parseMoney('-0', opts) as { cents: number }).cents, 0), 'no negative zero');
    assert.deepEqual(parseMoney('-1,234', opts), err('decimals'));
    assert.deepEqual(parseMoney('--5', opts), err('format'));
  });

  test('upper bound 10^13 cents', () => {
    assert.equal(MAX_CENTS, 10 ** 13);
    assert.deepEqual(parseMoney('100000000000'), ok(10 ** 13));
    assert.deepEqual(parseMoney('100.000.000.000,00'), ok(10 ** 13));
    assert.deepEqual(parseMoney('99.999.999.999,99'), ok(10 ** 13 - 1));
    assert.deepEqual(parseMoney('100000000000,01'), err('too_large'));
    assert.deepEqual(parseMoney('100000000001'), err('too_large'));
    assert.deepEqual(parseMoney('99999999999999999999999999'), err('too_large'));
    assert.deepEqual(parseMoney('-100000000000,01', { allowNegative: true }), err('too_large'));
    assert.deepEqual(parseMoney('-100000000000', { allowNegative: true }), ok(-(10 ** 13)));
  });
});

describe('formatMoney', () => {
  test('nl and de use dots for thousands and a comma for decimals', () => {
    for (const lang of ['nl', 'de'] as const) {
      assert.equal(formatMoney(123456, lang), '1.234,56 €');
      assert.equal(formatMoney(0, lang), '0,00 €');
      assert.equal(formatMoney(5, lang), '0,05 €');
      assert.equal(formatMoney(50, lang), '0,50 €');
      assert.equal(formatMoney(99999, lang), '999,99 €');
      assert.equal(formatMoney(100000, lang), '1.000,00 €');
      assert.equal(formatMoney(123456789, lang), '1.234.567,89 €');
      assert.equal(formatMoney(10 ** 13, lang), '100.000.000.000,00 €');
    }
  });

  test('fr uses a normal space for thousands', () => {
    assert.equal(formatMoney(123456, 'fr'), '1 234,56 €');
    assert.equal(formatMoney(123456789, 'fr'), '1 234 567,89 €');
    assert.equal(formatMoney(99999, 'fr'), '999,99 €');
    assert.equal(formatMoney(0, 'fr'), '0,00 €');
    assert.doesNotMatch(formatMoney(123456789, 'fr'), /[\u00A0\u202F]/);
  });

  test('negative amounts get a leading minus', () => {
    assert.equal(formatMoney(-123456, 'nl'), '-1.234,56 €');
    assert.equal(formatMoney(-5, 'fr'), '-0,05 €');
    assert.equal(formatMoney(-123456789, 'fr'), '-1 234 567,89 €');
    assert.equal(formatMoney(-0, 'de'), '0,00 €');
  });

  test('exact for the largest safe integers (no float division)', () => {
    assert.equal(formatMoney(Number.MAX_SAFE_INTEGER, 'nl'), '90.071.992.547.409,91 €');
    assert.equal(formatMoney(-Number.MAX_SAFE_INTEGER, 'nl'), '-90.071.992.547.409,91 €');
    assert.equal(formatMoney(9007199254740899, 'nl'), '90.071.992.547.408,99 €');
  });

  test('rejects non-integers', () => {
    assert.throws(() => formatMoney(1.5, 'nl'), RangeError);
    assert.throws(() => formatMoney(Number.NaN, 'nl'), RangeError);
    assert.throws(() => formatMoney(Number.POSITIVE_INFINITY, 'fr'), RangeError);
    assert.throws(() => formatMoney(2 ** 53, 'de'), RangeError);
  });

  test('round-trips through parseMoney', () => {
    for (const cents of [0, 1, 50, 99, 100, 123456, 100000, 987654321, 10 ** 13]) {
      for (const lang of ['nl', 'fr', 'de'] as const) {
        assert.deepEqual(parseMoney(formatMoney(cents, lang)), ok(cents), `${cents} ${lang}`);
      }
    }
  });
});

describe('formatMoneyInput', () => {
  test('plain digits with a decimal comma', () => {
    assert.equal(formatMoneyInput(123456), '1234,56');
    assert.equal(formatMoneyInput(123400), '1234,00');
    assert.equal(formatMoneyInput(50), '0,50');
    assert.equal(formatMoneyInput(5), '0,05');
    assert.equal(formatMoneyInput(0), '0,00');
    assert.equal(formatMoneyInput(-123456), '-1234,56');
    assert.equal(formatMoneyInput(10 ** 13), '100000000000,00');
    assert.throws(() => formatMoneyInput(0.1), RangeError);
  });

  test('round-trips through parseMoney', () => {
    for (const cents of [0, 7, 50, 123456, 123400, 10 ** 13]) {
      assert.deepEqual(parseMoney(formatMoneyInput(cents)), ok(cents));
    }
    assert.deepEqual(parseMoney(formatMoneyInput(-123456), { allowNegative: true }), ok(-123456));
  });
});

describe('roundHalfAwayFromZero', () => {
  test('exact quotients', () => {
    assert.equal(roundHalfAwayFromZero(10n, 2n), 5n);
    assert.equal(roundHalfAwayFromZero(0n, 7n), 0n);
    assert.equal(roundHalfAwayFromZero(-10n, 2n), -5n);
  });

  test('halves round away from zero', () => {
    assert.equal(roundHalfAwayFromZero(5n, 2n), 3n);
    assert.equal(roundHalfAwayFromZero(-5n, 2n), -3n);
    assert.equal(roundHalfAwayFromZero(5n, -2n), -3n);
    assert.equal(roundHalfAwayFromZero(-5n, -2n), 3n);
    assert.equal(roundHalfAwayFromZero(1n, 2n), 1n);
    assert.equal(roundHalfAwayFromZero(-1n, 2n), -1n);
    assert.equal(roundHalfAwayFromZero(250n, 100n), 3n);
  });

  test('below and above a half', () => {
    assert.equal(roundHalfAwayFromZero(249n, 100n), 2n);
    assert.equal(roundHalfAwayFromZero(251n, 100n), 3n);
    assert.equal(roundHalfAwayFromZero(-249n, 100n), -2n);
    assert.equal(roundHalfAwayFromZero(-251n, 100n), -3n);
    assert.equal(roundHalfAwayFromZero(1n, 3n), 0n);
    assert.equal(roundHalfAwayFromZero(2n, 3n), 1n);
    assert.equal(roundHalfAwayFromZero(-2n, 3n), -1n);
  });

  test('cents × percent / 100', () => {
    // 12,34 € × 15 % = 1,851 € → 1,85 €
    assert.equal(roundHalfAwayFromZero(1234n * 15n, 100n), 185n);
    // 0,10 € × 5 % = 0,005 € → 0,01 €
    assert.equal(roundHalfAwayFromZero(10n * 5n, 100n), 1n);
    // 1.000,01 € × 12,5 % (percent in hundredths: 1250 / 10000) = 125,00125 € → 125,00 €
    assert.equal(roundHalfAwayFromZero(100001n * 1250n, 10000n), 12500n);
    // exact far beyond Number precision
    assert.equal(roundHalfAwayFromZero(10n ** 30n + 5n, 10n), 10n ** 29n + 1n);
  });

  test('division by zero throws', () => {
    assert.throws(() => roundHalfAwayFromZero(1n, 0n), RangeError);
  });
});
