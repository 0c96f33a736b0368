import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../src/i18n/i18n.ts';
import { HEADER_SHRINK, columnNeeds, columnWidths, headerSize, tableMode } from '../../src/modules/documents/pdf-columns.ts';
import { openPdf } from '../../src/modules/documents/pdf-document.ts';
import { type Doc, contentWidthOf, isAmount, layoutRun, lineWidth, widestWord } from '../../src/modules/documents/pdf-layout.ts';
import { contactSentence } from '../../src/modules/reports/form-printable.ts';

/** Issue 14, item 17: how the printouts lay text out — amounts and words are never cut; tables take the page they need. */

async function page(): Promise<Doc> {
  const { doc } = await openPdf({ language: 'nl', title: 'test' });
  doc.addPage();
  return doc;
}

const STAFF_NL = [
  'Naam',
  'Voornaam',
  'Personeelsnummer of INSZ',
  'Functie',
  'Statuut',
  'Periode',
  'Tewerkstellingsbreuk (VTE)',
  'Percentage toegewezen aan de maatregel',
  'Totale loonkost voor de periode',
  'Andere subsidies (APE, Maribel, …)',
  'Ten laste van de toelage',
  'VTE ten laste',
];
const staffRow = (i: number) => [
  'Vandenbroucke-Verstraeten',
  'Anne-Catherine',
  `P-2026-${String(412 + i).padStart(5, '0')}`,
  'Maatschappelijk werker',
  'Contractueel',
  '01/01/2026 – 31/12/2026',
  '0,80',
  '50,00 %',
  '45.678,90 €',
  '1.250,00 €',
  '22.839,45 €',
  '0,40',
];

describe('PDF text layout', () => {
  it('knows an amount, in Dutch and in French, from other text', () => {
    for (const amount of ['45.678,90 €', '45 678,90 €', '1 234 567,89 €', '-12,00 €', '50,00 %', '0,80', '12']) assert.ok(isAmount(amount), amount);
    for (const text of ['01/01/2026 – 31/12/2026', 'P-2026-00412', 'Art. 60 §7', 'Totaal', '—']) assert.ok(!isAmount(text), text);
  });

  it('never wraps an amount, even in a box narrower than it', async () => {
    const doc = await page();
    for (const amount of ['189.381,54 €', '189 381,54 €', '1 234 567,89 €']) {
      const laid = layoutRun(doc, { text: amount, size: 7 }, 20);
      assert.deepEqual(
        laid.lines.map((l) => l.text),
        [amount],
      );
    }
  });

  it('keeps an amount inside a sentence whole, but breaks the sentence around it', async () => {
    const doc = await page();
    const text = 'Les frais de personnel du volet A (94 690,78 €) dépassent le maximum de 16 833,91 €. Tél. 050 12 34 56.';
    for (const width of [50, 80, 120, 200]) {
      const lines = layoutRun(doc, { text, size: 10 }, width).lines.map((l) => l.text);
      assert.ok(
        lines.some((l) => l.includes('(94 690,78 €)')),
        `${width}: ${lines.join(' | ')}`,
      );
      assert.ok(
        lines.some((l) => l.includes('16 833,91 €.')),
        `${width}: ${lines.join(' | ')}`,
      );
    }
    const phone = layoutRun(doc, { text: 'Tél. 050 12 34 56', size: 10 }, 30).lines.map((l) => l.text);
    assert.ok(phone.length > 2, `a phone number is no amount: ${phone.join(' | ')}`);
  });

  it('breaks lines between words only, and fills them', async () => {
    const doc = await page();
    const text = 'Budgetbegeleiding en energiescan bij gezinnen met een betalingsachterstand';
    const width = widestWord(doc, { size: 9 }, text) + 1;
    const laid = layoutRun(doc, { text, size: 9 }, width);
    assert.ok(laid.lines.length > 1);
    assert.deepEqual(
      laid.lines.flatMap((l) => l.text.split(' ')),
      text.split(' '),
      'every word whole, in order',
    );
    for (const line of laid.lines) assert.ok(line.width <= width + 0.01, `"${line.text}" fits`);
    assert.equal(laid.height, laid.lines.length * laid.lineHeight);
  });

  it('splits only a word wider than the whole line: after its hyphen first, then between characters', async () => {
    const doc = await page();
    const narrow = widestWord(doc, { size: 9 }, 'Vandenbroucke-') + 1;
    assert.deepEqual(
      layoutRun(doc, { text: 'Vandenbroucke-Verstraeten', size: 9 }, narrow).lines.map((l) => l.text),
      ['Vandenbroucke-', 'Verstraeten'],
    );
    const euros = layoutRun(doc, { text: '€'.repeat(400), size: 9 }, 100).lines;
    assert.ok(euros.length > 3);
    assert.equal(euros.map((l) => l.text).join(''), '€'.repeat(400));
  });

  it('keeps hard line breaks', async () => {
    const doc = await page();
    assert.deepEqual(
      layoutRun(doc, { text: 'eerste\r\ntweede\nderde', size: 9 }, 400).lines.map((l) => l.text),
      ['eerste', 'tweede', 'derde'],
    );
  });
});

describe('PDF table columns and orientation', () => {
  it('prints a narrow table on the portrait page, every column wide enough for its widest word and amount', async () => {
    const doc = await page();
    const table = {
      columns: ['Energie', 'Aantal geholpen gezinnen', 'Bedrag'],
      rows: [['Gas en elektriciteit', '14', '47.900,88 €']],
      totals: ['Totaal', '14', '189.381,54 €'],
    };
    const needs = columnNeeds(doc, table, 3, 9, 3);
    const widths = { portrait: contentWidthOf(doc, 'portrait'), landscape: contentWidthOf(doc, 'landscape') };
    assert.deepEqual(tableMode(needs, widths), { kind: 'table', layout: 'portrait' });
    const columns = columnWidths(needs, widths.portrait);
    assert.ok(Math.abs(columns.reduce((a, b) => a + b, 0) - widths.portrait) < 0.01);
    assert.ok(columns[2] >= lineWidth(doc, { size: 9, bold: true }, '189.381,54 €') + 6, 'the bold total fits its column');
  });

  it('prints a staff table of 12 columns on landscape pages, headers at most a little smaller', async () => {
    const doc = await page();
    const table = {
      columns: STAFF_NL,
      rows: Array.from({ length: 4 }, (_, i) => staffRow(i)),
      totals: ['Totaal', '', '', '', '', '', '', '', '189.381,54 €', '2.500,00 €', '94.690,78 €', '1,30'],
    };
    const needs = columnNeeds(doc, table, 12, 7, 3);
    const landscape = contentWidthOf(doc, 'landscape');
    assert.deepEqual(tableMode(needs, { portrait: contentWidthOf(doc, 'portrait'), landscape }), { kind: 'table', layout: 'landscape' });
    const columns = columnWidths(needs, landscape);
    columns.forEach((width, c) => {
      assert.ok(width + 0.01 >= needs.min[c], `column ${c} holds its widest word or amount`);
      const size = headerSize(needs, c, width, 7);
      assert.ok(size >= 7 * HEADER_SHRINK - 1e-9 && size <= 7);
      assert.ok(needs.headerWord[c] * (size / 7) <= width - 6, `the header word of column ${c} fits at ${size.toFixed(2)} pt`);
    });
  });

  it('prints a table too wide even for a landscape page row by row', async () => {
    const doc = await page();
    const columns = [...STAFF_NL, 'Module', 'Naam van de partner', 'Toelichting bij de berekening'];
    const rows = [[...staffRow(0), 'Module 1: budgetbeheer en energie', 'vzw Samen Op Stap', 'Verdeeld over de drie luiken']];
    const needs = columnNeeds(doc, { columns, rows }, columns.length, 7, 3);
    assert.deepEqual(tableMode(needs, { portrait: contentWidthOf(doc, 'portrait'), landscape: contentWidthOf(doc, 'landscape') }), { kind: 'records' });
  });
});

describe('the contact person on the printout', () => {
  const org = { contact_first_name: 'An', contact_last_name: 'Peeters', contact_email: 'an@ocmw.be', contact_phone: '050 12 34 56' };
  it('reads as a sentence in every language', () => {
    assert.equal(contactSentence(translator('nl'), org), 'An Peeters, bereikbaar via an@ocmw.be of op 050 12 34 56');
    assert.equal(contactSentence(translator('fr'), org), "An Peeters, joignable à l'adresse an@ocmw.be ou au 050 12 34 56");
    assert.equal(contactSentence(translator('de'), org), 'An Peeters, erreichbar unter an@ocmw.be oder 050 12 34 56');
  });
  it('says what is known, and a dash when nothing is', () => {
    const nl = translator('nl');
    assert.equal(contactSentence(nl, { ...org, contact_phone: null }), 'An Peeters, bereikbaar via an@ocmw.be');
    assert.equal(contactSentence(nl, { ...org, contact_email: null }), 'An Peeters, bereikbaar op 050 12 34 56');
    assert.equal(contactSentence(nl, { ...org, contact_first_name: null, contact_last_name: ' ' }), 'Bereikbaar via an@ocmw.be of op 050 12 34 56');
    assert.equal(contactSentence(nl, { ...org, contact_email: null, contact_phone: null }), 'An Peeters');
    assert.equal(contactSentence(nl, { contact_first_name: null, contact_last_name: null, contact_email: null, contact_phone: null }), '—');
  });
});
