import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { translator } from '../../src/i18n/i18n.ts';
import { isAmount } from '../../src/modules/documents/pdf-layout.ts';
import type { PrintableBlock, PrintableForm } from '../../src/modules/documents/printable.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { buildPrintableForm } from '../../src/modules/reports/form-printable.ts';
import { loadForm } from '../../src/modules/reports/reports.service.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type FilledForm, TEAMS, fillEveryDefinition, filledInput, openCampaignOf, saveAndSign, teamContext } from '../support/filled-forms.ts';
import { type Client, loginAs } from '../support/http.ts';
import { type PdfRun, type PdfRuns, readRuns } from '../support/pdf-lines.ts';

/**
 * The printouts ("Afdrukken", issue 14, item 17): the form of every registered definition, filled with long names and
 * amounts of tens of thousands of euros, printed through the route and read back with pdf.js: no amount and no word
 * is broken over two lines, each part's heading comes before its tables (and on their page), the wide staff tables
 * print on landscape pages or per person, the contact person reads as a sentence, and the signatures share their page
 * with the end of the form.
 */

type Ocmw = keyof typeof TEAMS;

const tokens = (text: string) => text.split(/\s+/).filter(Boolean);

/** How often `text` appears whole — its words in a row — inside one run. */
function countWhole(runs: PdfRun[], text: string): number {
  const wanted = tokens(text);
  let count = 0;
  for (const run of runs) {
    const have = tokens(run.text);
    for (let i = 0; i + wanted.length <= have.length; i++) if (wanted.every((w, k) => have[i + k] === w)) count++;
  }
  return count;
}

/** Every text the form prints, with whether it is a value (an amount is checked whole). */
function printedTexts(form: PrintableForm): string[] {
  const texts = [form.title, form.stateLabel, form.contentHash.label, form.contentHash.value];
  for (const pair of form.header) texts.push(pair.label, pair.value);
  for (const block of blocksOf(form).map((b) => b.block)) {
    if (block.title) texts.push(block.title);
    if (block.kind === 'fields') for (const row of block.rows) texts.push(row.label, row.value);
    else texts.push(...block.columns, ...block.rows.flat(), ...(block.totals ?? []));
  }
  for (const section of form.sections) texts.push(section.title);
  for (const signature of form.signatures) texts.push(signature.heading, ...signature.lines);
  return texts.filter((text) => text !== '');
}

/** The blocks of the form in order, each with the title of its part. */
function blocksOf(form: PrintableForm): Array<{ part: string; block: PrintableBlock }> {
  return form.sections.flatMap((section) => {
    if (section.kind === 'part') return section.blocks.map((block) => ({ part: section.title, block }));
    const { title, ...block } = section;
    return [{ part: title, block }];
  });
}

function indexFrom(runs: PdfRun[], from: number, match: (run: PdfRun) => boolean): number {
  for (let i = from; i < runs.length; i++) if (match(runs[i])) return i;
  return -1;
}

const startsText = (text: string) => (run: PdfRun) => run.text !== '' && text.startsWith(run.text) && tokens(text)[0] === tokens(run.text)[0];

/** Amounts of money and percentages inside a text ("… van luik A (94 690,78 €) zijn …"), Dutch or French. */
const EMBEDDED = /[-\u2212]?\d{1,3}(?:[. \u00A0\u202F]\d{3})*,\d{2} [€%]/g;

function checkAmountsAndWords(name: string, form: PrintableForm, pdf: PdfRuns): void {
  const expected = new Map<string, number>();
  const add = (amount: string) => expected.set(amount, (expected.get(amount) ?? 0) + 1);
  const words = new Set(pdf.runs.flatMap((run) => tokens(run.text)));
  const embedded = new Map<string, number>();
  for (const run of pdf.runs) for (const [match] of run.text.matchAll(EMBEDDED)) embedded.set(match, (embedded.get(match) ?? 0) + 1);
  for (const text of printedTexts(form)) {
    if (isAmount(text)) add(text.trim());
    else for (const [match] of text.matchAll(EMBEDDED)) add(match);
    // a word is never cut (the signed hash prints in groups of eight, each whole)
    for (const word of tokens(text)) assert.ok(words.has(word), `${name}: the word "${word}" of "${text.slice(0, 80)}" is printed whole`);
  }
  assert.ok(expected.size > 3, `${name}: amounts to check`);
  for (const [amount, count] of expected) {
    const found = Math.max(countWhole(pdf.runs, amount), embedded.get(amount) ?? 0);
    assert.ok(found >= count, `${name}: "${amount}" printed whole on one line ${count} time(s), found ${found}`);
  }
}

/** Each part's heading, then each block's title and start (a table's first header or first block), on one page. */
function checkHeadingsFirst(name: string, form: PrintableForm, pdf: PdfRuns): void {
  const { runs } = pdf;
  let cursor = indexFrom(runs, 0, (run) => run.text === form.stateLabel);
  assert.ok(cursor >= 0, `${name}: state line`);
  let part = '';
  let partAt = -1;
  for (const { part: title, block } of blocksOf(form)) {
    const firstOfPart = title !== part;
    if (firstOfPart) {
      part = title;
      partAt = indexFrom(runs, cursor + 1, startsText(title));
      assert.ok(partAt > cursor, `${name}: heading "${title}" after what comes before it`);
      cursor = partAt;
    }
    let titleAt = cursor;
    if (block.title) {
      titleAt = indexFrom(runs, cursor + 1, startsText(block.title));
      assert.ok(titleAt > cursor, `${name}: title "${block.title}" under "${part}"`);
    }
    let startAt: number;
    if (block.kind === 'fields') startAt = indexFrom(runs, titleAt + 1, startsText(block.rows[0].label));
    else if (block.columns.length === 0) continue;
    else {
      const header = indexFrom(runs, titleAt + 1, startsText(block.columns[0]));
      const name0 = block.rows[0]
        ?.slice(0, block.titleColumns ?? 1)
        .filter((v) => v !== '—')
        .join(' ');
      const record = name0 === undefined ? -1 : indexFrom(runs, titleAt + 1, (run) => run.text === `1. ${name0}`.trim());
      startAt = header >= 0 && (record < 0 || header < record) ? header : record;
      if (block.columns.length >= 11) {
        const page = pdf.pages[runs[startAt].page - 1];
        assert.ok(
          startAt === record || page.width > page.height,
          `${name}: the ${block.columns.length} columns of "${block.title}" on a landscape page or per row`,
        );
      }
    }
    assert.ok(startAt > titleAt, `${name}: "${block.title ?? part}" starts after its heading`);
    assert.equal(runs[startAt].page, runs[titleAt].page, `${name}: "${block.title ?? part}" starts on the page of its heading`);
    if (firstOfPart) assert.equal(runs[startAt].page, runs[partAt].page, `${name}: "${part}" on the page where its first block starts`);
    cursor = startAt;
  }
  const signature = indexFrom(runs, cursor + 1, (run) => run.text === form.signatures[0].heading);
  assert.ok(signature > cursor, `${name}: signatures after the content`);
  assert.equal(runs[signature - 1].page, runs[signature].page, `${name}: the signatures share their page with the end of the form`);
}

describe(`printouts of every form (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  const filled: Record<Ocmw, FilledForm[]> = { demostad: [], villedemo: [] };
  const clients: Partial<Record<Ocmw, Client>> = {};

  before(async () => {
    t = await buildTestApp();
    filled.demostad = await fillEveryDefinition(t, 'demostad', { rows: 4, sign: 'both' });
    filled.villedemo = await fillEveryDefinition(t, 'villedemo', { rows: 4, sign: 'chair' });
  });
  after(async () => t.close());

  async function printout(ocmw: Ocmw, campaignId: string): Promise<{ form: PrintableForm; pdf: PdfRuns }> {
    clients[ocmw] ??= await loginAs(t.app, t.db, TEAMS[ocmw].encoder);
    const client = clients[ocmw];
    const res = await client.get(`${client.base}/forms/${campaignId}/pdf`);
    assert.equal(res.statusCode, 200);
    const ctx = await teamContext(t, ocmw, 'encoder');
    const loaded = await loadForm(ctx, campaignId);
    const lang = TEAMS[ocmw].lang;
    return { form: buildPrintableForm(translator(lang), lang, loaded, loaded.definition, ctx.now), pdf: await readRuns(res.rawPayload) };
  }

  for (const ocmw of ['demostad', 'villedemo'] as const) {
    it(`prints every amount and word whole, each heading before its tables (${TEAMS[ocmw].lang})`, async () => {
      assert.ok(filled[ocmw].length >= 10, 'every registered definition');
      for (const { definition, campaignId } of filled[ocmw]) {
        const name = `${definition.measure}@${definition.version} (${TEAMS[ocmw].lang})`;
        const { form, pdf } = await printout(ocmw, campaignId);
        checkAmountsAndWords(name, form, pdf);
        checkHeadingsFirst(name, form, pdf);
      }
    });
  }

  it('numbers the parts of the gas fund form as the form does: 1, 2a, 2b, 3, 4', async () => {
    const gas = filled.demostad.find((f) => f.definition.measure === 'GAS_ELEK') as FilledForm;
    const { pdf } = await printout('demostad', gas.campaignId);
    const headings = pdf.runs.filter((run) => /^\d[ab]?\. /.test(run.text) && run.size > 12).map((run) => run.text.split(' ')[0]);
    assert.deepEqual(headings, ['1.', '2a.', '2b.', '3.', '4.']);
  });

  it('writes the contact person as a sentence, in Dutch and in French', async () => {
    const nl = (await printout('demostad', filled.demostad[0].campaignId)).pdf.runs.map((r) => r.text);
    assert.ok(nl.includes('An Peeters, bereikbaar via an.peeters@ocmw-demostad.be of op +32 50 12 34 56'), nl.slice(0, 20).join(' | '));
    const fr = (await printout('villedemo', filled.villedemo[0].campaignId)).pdf.runs.map((r) => r.text);
    assert.ok(
      fr.some((text) => /^Claire Martin, joignable à l'adresse \S+@\S+ ou au \+32/.test(text)),
      fr.slice(0, 20).join(' | '),
    );
  });

  it('prints a PSA form of 1 000 activities with every amount whole and the header on every page of the table', async () => {
    const definition = getDefinition('PSA', 1);
    const campaign = await openCampaignOf(t, definition);
    const raw = filledInput(definition, campaign.params, campaign.reportYear, 2);
    raw.tables.activitiesA = filledInput(definition, campaign.params, campaign.reportYear, 1000).tables.activitiesA;
    // Villedemo's form was signed by the chair only: it can still change (and prints French amounts, "45 678,90 €")
    await saveAndSign(t, 'villedemo', campaign.id, raw, 'none');
    const { form, pdf } = await printout('villedemo', campaign.id);
    checkAmountsAndWords('PSA, 1 000 rows', form, pdf);
    checkHeadingsFirst('PSA, 1 000 rows', form, pdf);
    const activities = blocksOf(form).find((b) => b.block.kind === 'table')?.block;
    assert.ok(activities?.kind === 'table');
    const columns = activities.columns;
    const tablePages = new Set(pdf.runs.filter((run) => /^Budgetbegeleiding|^Zomerkamp|^Vervanging|^Collectieve/.test(run.text)).map((run) => run.page));
    assert.ok(tablePages.size > 10, `${tablePages.size} pages of activities`);
    for (const page of tablePages) {
      assert.ok(
        pdf.pages[page - 1].runs.some((run) => run.text === columns[0]),
        `header repeated on page ${page}`,
      );
    }
  });
});
