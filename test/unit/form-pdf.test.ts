import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderFormPdf } from '../../src/modules/documents/form-pdf.ts';
import type { PrintableForm } from '../../src/modules/documents/printable.ts';
import { extract } from '../support/pdf-text.ts';

/** Whitespace-free form of a text, for values that may be wrapped across lines. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

const HASH = '3f0a9c1e5b7d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a';

function baseForm(overrides: Partial<PrintableForm>): PrintableForm {
  return {
    language: 'nl',
    title: 'Covid-19: Tijdelijke premie',
    header: [
      { label: 'Toepassing', value: 'Uniek Verslag' },
      { label: 'Verslagjaar', value: '2026' },
      { label: 'OCMW', value: 'OCMW Sint-Gillis' },
      { label: 'KBO', value: '0212.345.678' },
      { label: 'IBAN', value: 'BE68 5390 0754 7034' },
    ],
    stateLabel: 'Ontwerp, laatst gewijzigd op 20/11/2026 09:00',
    draft: true,
    draftWatermark: 'ONTWERP',
    sections: [],
    signatures: [
      { heading: 'De voorzitter', lines: ['Jan Peeters', 'Ondertekend op 21/11/2026'] },
      { heading: 'De algemeen directeur', lines: ['Marie Dubois-Wouters'] },
    ],
    contentHash: { label: 'Inhoudshash (SHA-256)', value: HASH },
    footer: 'Afgedrukt op 23/11/2026 10:15',
    ...overrides,
  };
}

const nlDraft = baseForm({
  sections: [
    {
      kind: 'fields',
      title: 'Ontvangen middelen',
      rows: [
        { label: 'Ontvangen subsidie', value: '1.234,56 €' },
        { label: 'Besteed aan energiekosten (gas, elektriciteit, stookolie)', value: '987,00 €' },
        { label: 'Totaal', value: '2.221,56 €', emphasis: true },
      ],
    },
  ],
});

const frRows = Array.from({ length: 300 }, (_, i) => [
  `Bénéficiaire n° ${i + 1}`,
  i % 2 === 0 ? 'Aide énergétique' : 'Aide alimentaire',
  `${(i * 17.25 + 3).toFixed(2).replace('.', ',')} €`,
]);

const frSubmitted = baseForm({
  language: 'fr',
  title: 'Covid-19 : Prime temporaire',
  header: [
    { label: 'Application', value: 'Rapport unique' },
    { label: 'CPAS', value: 'CPAS de Saint-Gilles' },
  ],
  stateLabel: 'Envoyé au SPP IS le 23/11/2026 10:12',
  draft: false,
  draftWatermark: 'PROJET',
  sections: [
    {
      kind: 'table',
      title: 'Détail des bénéficiaires',
      columns: ['Bénéficiaire', 'Type d’aide', 'Montant'],
      rows: frRows,
      totals: ['Total', '', '777.600,00 €'],
    },
  ],
  signatures: [
    { heading: 'Le président', lines: ['Jean-Luc Lefèvre', 'Signé le 23/11/2026'] },
    { heading: 'Le directeur général', lines: ['Anne Müller'] },
  ],
  contentHash: { label: 'Empreinte du contenu (SHA-256)', value: HASH },
  footer: 'Imprimé le 23/11/2026 10:15',
});

describe('renderFormPdf', () => {
  it('prints a Dutch draft with its amounts, signatures, hash and watermark', async () => {
    const pdf = await renderFormPdf(nlDraft);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const out = await extract(pdf);
    assert.ok(out.text.includes('1.234,56 €'), 'amount');
    assert.ok(out.text.includes('Covid-19: Tijdelijke premie'), 'title');
    assert.ok(out.text.includes('Jan Peeters'), 'first signatory');
    assert.ok(out.text.includes('Marie Dubois-Wouters'), 'second signatory');
    assert.ok(squeeze(out.text).includes(HASH), 'content hash');
    assert.ok(out.text.includes('Afgedrukt op 23/11/2026 10:15'), 'footer');
    assert.ok(out.text.includes('1 / 1'), 'page number');
    for (const page of out.pages) assert.ok(page.includes('ONTWERP'), 'watermark on every page');
    assert.equal(out.title, 'Covid-19: Tijdelijke premie');
    assert.equal(out.language, 'nl');
    assert.equal(out.marked, true, 'tagged PDF');
  });

  it('prints a submitted French form with a 300-row table over several pages, without watermark', async () => {
    const pdf = await renderFormPdf(frSubmitted);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const out = await extract(pdf);
    assert.ok(out.pages.length > 1, `expected several pages, got ${out.pages.length}`);
    assert.ok(out.text.includes('Covid-19 : Prime temporaire'), 'title');
    assert.ok(out.text.includes('Bénéficiaire n° 1 '), 'first row');
    assert.ok(out.text.includes('Bénéficiaire n° 300'), 'last row');
    assert.ok(out.text.includes('777.600,00 €'), 'totals');
    assert.ok(out.text.includes('Jean-Luc Lefèvre'), 'first signatory');
    assert.ok(out.text.includes('Anne Müller'), 'second signatory');
    assert.ok(squeeze(out.text).includes(HASH), 'content hash');
    assert.ok(!out.text.includes('PROJET'), 'no watermark once submitted');
    assert.equal(out.language, 'fr');
    const total = out.pages.length;
    out.pages.forEach((page, i) => {
      assert.ok(page.includes(`${i + 1} / ${total}`), `page number on page ${i + 1}`);
    });
    const tablePages = out.pages.filter((page) => page.includes('Bénéficiaire n°'));
    for (const page of tablePages) assert.ok(page.includes('Type d’aide'), 'header row repeated on every table page');
  });

  it('survives empty parts, very long strings and any Unicode text', async () => {
    const long = 'Überschrift très longue – ça coûte 1.234,56 € '.repeat(220).slice(0, 10_000);
    const unbroken = '€'.repeat(10_000);
    const mixed = 'Ĳsselmeer, façade, Größe, € 5 — עברית שלום, مرحبا بالعالم, 😀 漢字, tab\tand\r\nbreaks';
    const form = baseForm({
      language: 'de',
      title: long,
      header: [
        { label: mixed, value: unbroken },
        { label: '', value: '' },
      ],
      stateLabel: mixed,
      draftWatermark: mixed,
      sections: [
        { kind: 'fields', title: '', rows: [] },
        { kind: 'table', title: 'Leer', columns: [], rows: [] },
        { kind: 'table', title: 'Nur Kopf', columns: ['A', 'B'], rows: [] },
        { kind: 'fields', title: mixed, rows: [{ label: long, value: unbroken, emphasis: true }] },
        {
          kind: 'table',
          title: 'Breit',
          columns: Array.from({ length: 10 }, (_, i) => `Spalte ${i + 1} ${mixed}`),
          rows: [[long, unbroken, mixed], [], Array.from({ length: 12 }, () => '1,00 €')],
          totals: ['Σ'],
        },
      ],
      signatures: [
        { heading: mixed, lines: [long] },
        { heading: '', lines: [] },
      ],
      contentHash: { label: mixed, value: unbroken },
      footer: long,
    });
    const pdf = await renderFormPdf(form);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.subarray(-8).toString('latin1').includes('%%EOF'));
    const out = await extract(pdf);
    assert.ok(out.text.includes('Größe'));
    assert.ok(out.text.includes('שלום') || out.text.includes('םולש'), 'Hebrew text is kept');

    const empty = await renderFormPdf(baseForm({ title: '', header: [], stateLabel: '', sections: [], signatures: [], footer: '', draftWatermark: '' }));
    assert.equal((await extract(empty)).pages.length, 1);
  });

  it('renders a 1 000-row table quickly', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`Begunstigde ${i + 1}`, `${i * 3},00 €`, `${i * 7},50 €`, `${i},25 €`, `${i * 2},00 €`]);
    const form = baseForm({
      sections: [{ kind: 'table', title: 'Begunstigden', columns: ['Naam', 'A', 'B', 'C', 'D'], rows }],
    });
    await renderFormPdf(form); // warm up
    const before = process.cpuUsage();
    await renderFormPdf(form);
    const used = process.cpuUsage(before);
    const cpuMs = (used.user + used.system) / 1000;
    // CPU time, not wall time, so a busy machine does not fail it. Typically a few hundred ms;
    // the bound is loose but catches accidental quadratic behaviour.
    assert.ok(cpuMs < 3000, `took ${cpuMs.toFixed(0)} ms of CPU time`);
  });
});
