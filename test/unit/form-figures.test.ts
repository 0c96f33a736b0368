import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { bundleClient } from '../../scripts/build-client.mjs';
import { formatNumeric } from '../../src/i18n/format.ts';
import { translator } from '../../src/i18n/i18n.ts';
import type { Language } from '../../src/i18n/language.ts';
import { type FormDefinition, editableSections } from '../../src/modules/forms/definition.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';
import { type RawInput, periodKeys } from '../../src/modules/forms/field-types.ts';
import { cellName, fieldName } from '../../src/modules/forms/field-names.ts';
import { allDefinitions, getDefinition } from '../../src/modules/forms/registry.ts';
import { FormSections } from '../../src/modules/forms/views/form-renderer.tsx';
import { type Figures, type FormFiguresData, NOT_COMPUTABLE, formFiguresData } from '../../src/modules/reports/form-figures.ts';
import { FormFiguresScript } from '../../src/modules/reports/views/form-figures-script.tsx';
import { composeInput, readRawInput, withoutBlankRows } from '../../src/modules/reports/form-input.ts';
import { filledInput } from '../support/filled-forms.ts';
import { type Row, gpmiStaffRow, measureYears } from '../support/measures.ts';

/**
 * The browser bundle of the form engine (ADR 0039) against the server: for every registered definition, on sample
 * inputs, in Dutch and French, the figures the bundle computes from a posted form are the texts the server renders
 * after saving that form (the save's reading, blank rows left out, merged into the stored input, evaluated, rendered).
 * The bundle is built here from the sources, as the browser gets it, and run without a page.
 */

type LiveFigures = (data: FormFiguresData, body: Record<string, unknown>) => Figures;
let bundleFigures: LiveFigures;
let bundleBytes = 0;

before(async () => {
  const text = await bundleClient();
  bundleBytes = Buffer.byteLength(text);
  const sandbox: { uvFormFigures?: { liveFigures: LiveFigures } } = {};
  runInNewContext(text, sandbox);
  const live = sandbox.uvFormFigures?.liveFigures;
  if (!live) throw new Error('the bundle does not expose the engine');
  // results come from the bundle's own realm: compared as plain JSON
  bundleFigures = (data, body) => JSON.parse(JSON.stringify(live(JSON.parse(JSON.stringify(data)), { ...body })));
});

type Ocmw = 'demostad' | 'villedemo';

/** The latest report year of a definition's version: its parameters and the Demostad reference values. */
function campaignOf(
  definition: FormDefinition,
  ocmw: Ocmw = 'demostad',
): { reportYear: number; params: Record<string, unknown>; refs: Record<string, number> } {
  const years = measureYears(definition.measure);
  const [year, data] = Object.entries(years.years)
    .filter(([, y]) => y.definitionVersion === definition.version)
    .sort(([a], [b]) => Number(b) - Number(a))[0];
  return { reportYear: Number(year), params: data.params, refs: years.demoReferences[ocmw] ?? {} };
}

/** The body a browser posts for the page showing these sections (all when no part): f.* and t.* names. */
function bodyOf(definition: FormDefinition, raw: RawInput, part?: string): Record<string, string> {
  const body: Record<string, string> = {};
  for (const section of definition.sections.filter((s) => !part || s.key === part)) {
    for (const item of section.items) {
      if (item.kind === 'input') {
        for (const key of item.type === 'period' ? periodKeys(item.key) : [item.key]) body[fieldName(key)] = raw.fields[key] ?? '';
      }
      if (item.kind !== 'table') continue;
      const rows = raw.tables[item.key] ?? [];
      body[`t.${item.key}.rows`] = String(rows.length);
      rows.forEach((row, i) => {
        for (const column of item.columns) {
          for (const key of column.type === 'period' ? periodKeys(column.key) : [column.key]) body[cellName(item.key, i, key)] = row[key] ?? '';
        }
      });
    }
  }
  return body;
}

const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The figures as the server renders them on the edit page after saving `body`: by their marks, with the labels. */
function serverFigures(definition: FormDefinition, lang: Language, stored: RawInput, body: Record<string, string>, part?: string, ocmw?: Ocmw) {
  const { reportYear, params, refs } = campaignOf(definition, ocmw);
  const posted = withoutBlankRows(definition, readRawInput(definition, body, part)).raw;
  const raw = composeInput(definition, stored, posted, { part, entryMode: 'MANUAL' });
  const evaluation = evaluate({ definition, raw, refs, params, reportYear });
  const html = renderToString(
    h(FormSections, { ctx: { t: translator(lang), lang, definition, raw, evaluation, params, mode: 'edit', sections: part ? [part] : undefined } }),
  );
  const marked = (attribute: string, tag: string) =>
    Object.fromEntries([...html.matchAll(new RegExp(`<${tag}[^>]* ${attribute}="([^"]+)"[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => [m[1], decode(m[2])]));
  const labels = Object.fromEntries(
    [...html.matchAll(/<dt([^>]*)>([^<]*)<\/dt><dd[^>]* data-computed="([^"]+)"/g)].map((m) => {
      const attr = (name: string) => {
        const found = new RegExp(` ${name}="([^"]*)"`).exec(m[1])?.[1];
        return found === undefined ? undefined : decode(found);
      };
      return [m[3], { shown: decode(m[2]), label: attr('data-label'), negative: attr('data-negative-label') }];
    }),
  );
  // a table's figures are cells (td); a staff table's are on its cards and totals list (dd, ADR 0042)
  return { computed: marked('data-computed', 'dd'), totals: marked('data-total', '(?:td|dd)'), cells: marked('data-figure', '(?:td|dd)'), labels, evaluation };
}

function dataFor(definition: FormDefinition, lang: Language, stored: RawInput, part?: string, ocmw?: Ocmw): FormFiguresData {
  const { reportYear, params, refs } = campaignOf(definition, ocmw);
  const whole = evaluate({ definition, raw: stored, refs, params, reportYear });
  return formFiguresData({ definition, reportYear, lang, params, refs: whole.refs, raw: stored, part, entryMode: 'MANUAL' });
}

/** Every figure the server renders is the bundle's, text for text; the sign's label too. */
function assertSame(definition: FormDefinition, lang: Language, stored: RawInput, body: Record<string, string>, part?: string, ocmw?: Ocmw): number {
  const server = serverFigures(definition, lang, stored, body, part, ocmw);
  const client = bundleFigures(dataFor(definition, lang, stored, part, ocmw), body);
  const where = `${definition.measure}@${definition.version}${part ? ` part ${part}` : ''} (${lang})`;
  assert.deepEqual(Object.fromEntries(Object.keys(server.computed).map((k) => [k, client.computed[k]?.text])), server.computed, `computed fields of ${where}`);
  assert.deepEqual(Object.fromEntries(Object.keys(server.totals).map((k) => [k, client.totals[k]])), server.totals, `totals of ${where}`);
  assert.deepEqual(Object.fromEntries(Object.keys(server.cells).map((k) => [k, client.cells[k]])), server.cells, `row figures of ${where}`);
  // the figures of other parts too (a parts overview, the settlement of a long form): the whole evaluation
  for (const item of definition.sections.flatMap((s) => s.items)) {
    if (item.kind !== 'computed') continue;
    const value = server.evaluation.computed[item.key] ?? null;
    const shown = item.negativeLabelKey && value !== null && value < 0 ? -value : value;
    assert.equal(client.computed[item.key]?.text, formatNumeric(item.type, shown, lang), `${item.key} of ${where}`);
  }
  for (const [key, label] of Object.entries(server.labels)) {
    if (label.label === undefined) continue;
    assert.equal(client.computed[key].negative ? label.negative : label.label, label.shown, `label of ${key} in ${where}`);
  }
  return Object.keys(server.computed).length + Object.keys(server.totals).length + Object.keys(server.cells).length;
}

const empty: RawInput = { fields: {}, tables: {} };

describe('the browser bundle of the form engine (ADR 0039)', () => {
  it('holds the engine only, small', () => {
    // the engine and the definitions are some 45 KiB minified; zod or a server module would add hundreds
    assert.ok(bundleBytes < 80 * 1024, `bundle of ${bundleBytes} bytes`);
  });

  for (const lang of ['nl', 'fr'] as const) {
    it(`computes every figure of every definition as the server renders it after saving (${lang})`, () => {
      let figures = 0;
      for (const definition of allDefinitions()) {
        const { reportYear, params } = campaignOf(definition);
        const filled = filledInput(definition, params, reportYear, 3);
        figures += assertSame(definition, lang, empty, bodyOf(definition, empty));
        figures += assertSame(definition, lang, empty, bodyOf(definition, filled));
        if (!definition.paged) continue;
        // a long form posts one part: merged into the stored other parts, as the save does
        const stored = filledInput(definition, params, reportYear, 4);
        for (const section of editableSections(definition)) {
          figures += assertSame(definition, lang, stored, bodyOf(definition, filled, section.key), section.key);
          figures += assertSame(definition, lang, stored, bodyOf(definition, empty, section.key), section.key);
        }
      }
      assert.ok(figures > 500, `${figures} figures compared`);
    });
  }

  it('GPMI: a salary typed gives the amount charged, the totals and the settlement', () => {
    const gpmi = getDefinition('GPMI', 1);
    const body = bodyOf(gpmi, { fields: {}, tables: { staff: [gpmiStaffRow({ allocationRate: '100', grossCost: '52.000' })] } });
    const client = bundleFigures(dataFor(gpmi, 'nl', empty), body);
    assert.equal(client.cells['staff.0.chargedAmount'], '52.000,00 €');
    assert.equal(client.cells['staff.0.fteCharged'], '0,80');
    assert.equal(client.totals['staff.chargedAmount'], '52.000,00 €');
    assert.equal(client.computed.settlementJustified.text, '52.000,00 €');
    // received 94.126,83 €: 42.126,83 € to be reclaimed
    assert.equal(client.computed.settlementToReclaim.text, '42.126,83 €');
    assert.equal(bundleFigures(dataFor(gpmi, 'fr', empty), body).computed.settlementToReclaim.text, '42 126,83 €');
  });

  it('turns the label of a figure whose sign changes: to pay, to repay (Covid-19 premium)', () => {
    const covid = getDefinition('COVID_PREMIE', 1);
    const { refs } = campaignOf(covid, 'villedemo');
    assert.ok((refs.advance ?? 0) > 0, 'Villedemo has an advance');
    let labels = 0;
    for (const lang of ['nl', 'fr'] as const) {
      for (const justifiedTotal of ['0', String(refs.advance * 2)]) {
        const server = serverFigures(covid, lang, empty, bodyOf(covid, { fields: { justifiedTotal }, tables: {} }), undefined, 'villedemo');
        assert.ok(server.labels.toPayByPodMi.label, 'both labels on the page');
        assertSame(covid, lang, empty, bodyOf(covid, { fields: { justifiedTotal }, tables: {} }), undefined, 'villedemo');
        labels++;
      }
    }
    const repay = bundleFigures(dataFor(covid, 'nl', empty, undefined, 'villedemo'), bodyOf(covid, { fields: { justifiedTotal: '0' }, tables: {} }));
    assert.equal(repay.computed.toPayByPodMi.negative, true);
    assert.equal(labels, 4);
  });

  it('shows every figure as not computable while a typed value cannot be read, never a number leaving it out', () => {
    const gpmi = getDefinition('GPMI', 1);
    const rows: Row[] = [gpmiStaffRow(), gpmiStaffRow({ grossCost: '12.000,505' })];
    const client = bundleFigures(dataFor(gpmi, 'nl', empty), bodyOf(gpmi, { fields: {}, tables: { staff: rows } }));
    const texts = [...Object.values(client.computed).map((c) => c.text), ...Object.values(client.totals), ...Object.values(client.cells)];
    assert.ok(texts.length > 10);
    assert.deepEqual(new Set(texts), new Set([NOT_COMPUTABLE]));
    // a half-typed period too
    const half = bundleFigures(dataFor(gpmi, 'nl', empty), bodyOf(gpmi, { fields: {}, tables: { staff: [gpmiStaffRow({ 'period.to': '31/1' })] } }));
    assert.equal(half.computed.settlementJustified.text, NOT_COMPUTABLE);
  });

  it('numbers row figures as the page does when a blank row sits between typed ones (the save leaves it out)', () => {
    const gpmi = getDefinition('GPMI', 1);
    const rows: Row[] = [gpmiStaffRow({ grossCost: '10.000' }), {}, gpmiStaffRow({ grossCost: '30.000' })];
    const client = bundleFigures(dataFor(gpmi, 'nl', empty), bodyOf(gpmi, { fields: {}, tables: { staff: rows } }));
    assert.equal(client.cells['staff.0.chargedAmount'], '5.000,00 €');
    assert.equal(client.cells['staff.1.chargedAmount'], NOT_COMPUTABLE);
    assert.equal(client.cells['staff.2.chargedAmount'], '15.000,00 €');
    assert.equal(client.totals['staff.chargedAmount'], '20.000,00 €');
  });

  it('embeds the data in an attribute, escaped, never in a script element: nothing typed can become markup', () => {
    const gas = getDefinition('GAS_ELEK', 1);
    const typed = '</script><script>alert(1)</script>" onclick="x';
    const stored: RawInput = { fields: {}, tables: { unpaidBills: [{ amount: typed }] } };
    const data = dataFor(gas, 'nl', stored, 'art4');
    const html = renderToString(h(FormFiguresScript, { data }));
    assert.doesNotMatch(html, /<script>|onclick="/);
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'only the bundle');
    const json = /data-json="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.deepEqual(JSON.parse(decode(json)), JSON.parse(JSON.stringify(data)));
    assert.equal((JSON.parse(decode(json)) as FormFiguresData).stored.tables.unpaidBills[0].amount, typed);
  });

  it('embeds only what the page does not post: the other parts of a long form', () => {
    const gas = getDefinition('GAS_ELEK', 1);
    const { reportYear, params } = campaignOf(gas);
    const stored = filledInput(gas, params, reportYear, 2);
    const data = dataFor(gas, 'nl', stored, 'art4');
    assert.equal(data.stored.tables.staffArt4, undefined);
    assert.ok(data.stored.tables.unpaidBills?.length === 2);
    assert.deepEqual(dataFor(gas, 'nl', stored).stored, empty);
  });
});
