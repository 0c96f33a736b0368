import fc from 'fast-check';

/**
 * fast-check arbitraries of the fuzzing suite. Values hold the token §M§ where a unique marker goes
 * (`x-fuzz-<n>`, substituted when posted, so the arbitraries stay pure and every reflection names its input).
 */
export const TOKEN = '§M§';

const HTML = [
  `<${TOKEN}>`,
  `"><${TOKEN}>`,
  `'><${TOKEN}>`,
  `" ${TOKEN}="1`,
  `' ${TOKEN}='1`,
  `${TOKEN} ${TOKEN}x=1`,
  `</textarea><${TOKEN}>`,
  `</title></option></select><${TOKEN}>`,
  `<script>${TOKEN}</script>`,
  `</script><script>${TOKEN}</script>`,
  `<img src=x onerror=${TOKEN}>`,
  `<svg/onload=${TOKEN}>`,
  `javascript:${TOKEN}`,
  `<!--<${TOKEN}>-->`,
  `<style>${TOKEN}{}</style>`,
  `&lt;${TOKEN}&gt;&amp;&#60;${TOKEN}`,
  `{{${TOKEN}}}\${${TOKEN}}<%= ${TOKEN} %>`,
  `<a href="javascript:${TOKEN}">x</a>`,
  `<${TOKEN.toUpperCase()} ${TOKEN}>`,
];

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE form_instances; --",
  '1; SELECT pg_sleep(10); --',
  "' UNION SELECT national_number FROM persons --",
  "\\'; --",
  '%_%',
  '$1 $$ $tag$',
  "E'\\x00'",
  "'||(SELECT version())||'",
  '"; DELETE FROM audit_events; --',
  '/* */ -- #',
  "O'Brien-D'Hondt",
  '\\',
  "')) OR 1=1 --",
];

const RTL = ['\u202Egnp.exe\u202C', 'مرحبا بالعالم', 'שלום עולם', '\u200Fabc\u200E', '\u2067abc\u2069', '١٢٣٫٤٥', '\u202B1.234,56\u202C', 'ملف\u200F 12'];

const COMBINING = [
  'e\u0301',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035A',
  `a${'\u0300'.repeat(200)}`,
  '\u0301',
  'Cafe\u0301',
  '\u1100\u1161\u11A8',
  'ﬁ ﬀ Å Å',
];

const EMOJI = ['👍🏽', '👨‍👩‍👧‍👦', '🇧🇪', '\uD83D', '\uDC00x', '😀'.repeat(300), '🏳️‍🌈', '\uFE0F\u20E3'];

const CONTROL = [
  '\u0000',
  'a\u0000b',
  '\u0007\u0008',
  '\u001B[31mred\u001B[0m',
  '\r\n\r\n',
  '\t',
  '\u2028\u2029',
  '\uFEFF',
  '\u200B\u200C\u200D',
  '\u0085',
  '\uFFFE\uFFFF',
  '\u007F',
  '%00',
  '\\u0000',
];

const NUMBERS = [
  '1.234,56',
  '1,234.56',
  '1e5',
  '1E-5',
  '-0',
  '+0',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1_000',
  ' 12 ',
  '12,345,678.90',
  '1.234.567,891',
  '99999999999999999999',
  '9007199254740993',
  '-1',
  '+5',
  '1.5.5',
  '1,,5',
  '１２３',
  '1 234,56',
  '1\u00a0234,56',
  '1\u202f234,56',
  '€ 12,00',
  '12,00 €',
  '.5',
  '5.',
  ',5',
  '0,001',
  '00012',
  '1/2',
  '12%',
  '-',
  '--1',
  '1-',
  '(12)',
  '1e309',
  '0.1e1',
];

const DATES = [
  '31/02/2026',
  '29/02/2025',
  '29/02/2024',
  '2026-13-01',
  '2026-02-30',
  '00/01/2026',
  '01/00/2026',
  '32/01/2026',
  '1/1/2026',
  '01.01.2026',
  '01-01-2026',
  '01/01-2026',
  '2026/01/01',
  '2026-01-01T00:00:00Z',
  '31/12/9999',
  '01/01/1899',
  '01/01/0000',
  '01/01/26',
  '٠١/٠١/٢٠٢٦',
  '１/１/２０２６',
  'today',
  '2026-1-1',
  ' 15/03/2027 ',
];

const constant = (list: string[]) => fc.constantFrom(...list);

/** A number in another notation: locale formats, exponents, signs. */
const formattedNumber = fc
  .tuple(fc.double({ noNaN: false, min: -1e12, max: 1e12 }), fc.constantFrom('de-DE', 'en-US', 'fr-BE', 'nl-BE', 'de-CH', 'raw', 'exp'))
  .map(([n, locale]) => (locale === 'raw' ? String(n) : locale === 'exp' ? n.toExponential() : n.toLocaleString(locale, { maximumFractionDigits: 4 })));

const randomDate = fc
  .tuple(fc.integer({ min: 0, max: 33 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1890, max: 2210 }), fc.constantFrom('/', '.', '-', ' '))
  .map(([d, m, y, sep]) => `${String(d).padStart(2, '0')}${sep}${String(m).padStart(2, '0')}${sep}${y}`);

export const numberLike = fc.oneof(
  constant(NUMBERS),
  formattedNumber,
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
);
export const dateLike = fc.oneof(constant(DATES), randomDate);

/** Hostile text of every family, alone or mixed into a longer string. */
const hostileAtom = fc.oneof(
  { arbitrary: constant(HTML), weight: 4 },
  { arbitrary: constant(SQL), weight: 2 },
  { arbitrary: constant(RTL), weight: 1 },
  { arbitrary: constant(COMBINING), weight: 1 },
  { arbitrary: constant(EMOJI), weight: 1 },
  { arbitrary: constant(CONTROL), weight: 2 },
  { arbitrary: numberLike, weight: 2 },
  { arbitrary: dateLike, weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
);

export const hostile = fc.oneof(
  { arbitrary: hostileAtom, weight: 3 },
  { arbitrary: fc.array(hostileAtom, { minLength: 2, maxLength: 5 }).map((parts) => parts.join('')), weight: 2 },
  // Long, below the body limit: a marker at the start survives any truncation.
  { arbitrary: fc.tuple(constant(HTML), fc.integer({ min: 251, max: 12_000 })).map(([html, n]) => `${html}${'ä'.repeat(n)}`), weight: 1 },
);

/** A value for a field of a type: mostly what the type invites (numbers, dates, an option), else anything hostile. */
export function valueFor(kind: 'number' | 'date' | 'text' | 'choice', options: string[] = [], valid?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const typed = kind === 'number' ? numberLike : kind === 'date' ? dateLike : kind === 'choice' && options.length > 0 ? fc.constantFrom(...options) : hostile;
  return fc.oneof(
    { arbitrary: typed, weight: 3 },
    { arbitrary: hostile, weight: 3 },
    { arbitrary: valid ?? typed, weight: 2 },
    { arbitrary: fc.constant(''), weight: 1 },
  );
}

/** A row count as posted in `t.<table>.rows`: usually the rows sent, sometimes a hostile number. */
export const rowCountNoise = fc.constantFrom('1e5', '-0', 'NaN', '-1', '99999999999', '1.5', ' 2', '0x3', '３', `<${TOKEN}>`, '', '2,5', 'Infinity');
