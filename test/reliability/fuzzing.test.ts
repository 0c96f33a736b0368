import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { type FormDefinition, type InputField, type Section, editableSections, enumOptions } from '../../src/modules/forms/definition.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { OCMW_DATA_FIELDS } from '../../src/modules/organisations/ocmw-data.schema.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, campaignId, loginAs, organisationId } from '../support/http.ts';
import { fillGasForm, signTwice } from '../support/settlement-flow.ts';
import { TOKEN, hostile, rowCountNoise, valueFor } from './fuzzing-arbitraries.ts';
import { LanguageTexts, MARK, checkSummary, decodeEntities, tokenize, unescapedMarkers } from './fuzzing-html.ts';
import { formValues } from '../support/form-values.ts';
import { SCREEN_FIELDS } from '../../src/modules/ocmw-config/config-fields.ts';
import { makeInsz } from '../../src/modules/shared/identifiers.ts';
import { text as postedText } from '../../src/modules/shared/posted-text.ts';
import { GRANTABLE_APPLICATIONS } from '../../src/access/access-rules.ts';
import { EMPTY_MERGER_FORM } from '../../src/modules/backoffice/mergers/merger-input.ts';

/**
 * Suite 8 of issue 5, fuzzing: fast-check values (HTML and script payloads, SQL metacharacters, right-to-left
 * text, combining marks, emoji, NUL and control characters, long and 1 MB strings, number formats such as
 * 1.234,56 / 1,234.56 / 1e5 / -0 / NaN, impossible dates such as 31/02/2026) posted into every field of every
 * form of report year 2026 (fields read from the definitions, paged forms part by part, as a Dutch-speaking
 * medewerker of Demostad and a French-speaking one of Villedemo) and of the settings pages (OCMW data; back
 * office: campaign edit, late submission, correction reason). Every response, and the page a redirect leads
 * to, is checked: no 5xx; no payload marker that became markup (a small HTML tokenizer, fuzzing-html.ts); every
 * rejection (a 4xx page, or a page with a field error) shows the error summary in the user's language.
 * FUZZ_SEED reproduces a run; FUZZ_SCALE multiplies the number of runs (default 1, sized for < 90 s on PostgreSQL).
 */

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

type Texts = LanguageTexts;

interface Stats {
  inputs: number;
  fields: Set<string>;
  requests: number;
  rejections: number;
  escapedReflections: number;
  serverErrors: string[];
  unescaped: string[];
  withoutSummary: string[];
  /** a rejected form that did not show back what was typed (access management's person fields) */
  notKept: string[];
}

const short = (v: string) => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…(${v.length} chars)` : v);
const describeForm = (form: Record<string, string>, keys: string[]) =>
  keys
    .filter((k) => k in form)
    .map((k) => `${k}=${short(form[k])}`)
    .join(' ');

/** The values of the form posting to `action`, as a browser would post them (inputs, selects, textareas). */

/** Plausible, valid values per input type, so that fuzzed rows are also accepted and stored, then shown again. */
function validFor(field: InputField, options: string[]): fc.Arbitrary<string> {
  switch (field.type) {
    case 'money':
      return fc.integer({ min: 0, max: 10_000_000 }).map((c) => (c / 100).toLocaleString('nl-BE', { minimumFractionDigits: 2 }));
    case 'count':
      return fc.integer({ min: 0, max: 500 }).map(String);
    case 'fte':
      return fc.constantFrom('1', '0,5', '0,75');
    case 'percent':
      return fc.constantFrom('100', '50', '12,5');
    case 'date':
    case 'period':
      return fc.integer({ min: 1, max: 28 }).map((d) => `${String(d).padStart(2, '0')}/03/2026`);
    case 'enum':
    case 'yesno':
      return fc.constantFrom(...(options.length > 0 ? options : ['']));
    case 'text':
      return fc.oneof(fc.constantFrom('Daguitstap naar zee', 'Claes', 'Sortie à la mer', 'P-0042'), fc.string({ minLength: 1, maxLength: 30 }));
  }
}

function kindOf(field: InputField): 'number' | 'date' | 'text' | 'choice' {
  if (['money', 'count', 'fte', 'percent'].includes(field.type)) return 'number';
  if (field.type === 'date' || field.type === 'period') return 'date';
  if (field.type === 'enum' || field.type === 'yesno') return 'choice';
  return 'text';
}

/** The posted keys and value arbitraries of an input (a period is two inputs). */
function inputArbs(field: InputField, params: Record<string, unknown>): Array<[string, fc.Arbitrary<string>]> {
  const options = field.type === 'yesno' ? ['yes', 'no'] : field.type === 'enum' ? enumOptions(field, params).map((o) => o.value) : [];
  const arb = valueFor(kindOf(field), options, validFor(field, options));
  return field.type === 'period'
    ? [
        [`${field.key}.from`, arb],
        [`${field.key}.to`, arb],
      ]
    : [[field.key, arb]];
}

interface FormGroup {
  campaign: { id: string; measure: string; params: Record<string, unknown> };
  definition: FormDefinition;
  part?: string;
  sections: Section[];
}

interface FormCase {
  fields: Record<string, string>;
  tables: Array<{ rows: Array<Record<string, string>>; noise: string | null }>;
  action: string | null;
}

function formCaseArb(group: FormGroup): fc.Arbitrary<FormCase> {
  const items = group.sections.flatMap((s) => s.items);
  const inputs = items.filter((i) => i.kind === 'input');
  const tables = items.filter((i) => i.kind === 'table');
  const fields = fc.record(Object.fromEntries(inputs.flatMap((i) => inputArbs(i, group.campaign.params))));
  const tableArbs = tables.map((table) =>
    fc.record({
      rows: fc.array(fc.record(Object.fromEntries(table.columns.flatMap((c) => inputArbs(c, group.campaign.params)))), { minLength: 1, maxLength: 3 }),
      noise: fc.option(rowCountNoise, { freq: 15 }),
    }),
  );
  const actions = tables.flatMap((t) => [`add:${t.key}`, `remove:${t.key}:0`, `remove:${t.key}:NaN`, `remove:${t.key}:-1`]);
  return fc.record({
    fields,
    tables: (tableArbs.length > 0 ? fc.tuple(...tableArbs) : fc.constant([])) as fc.Arbitrary<FormCase['tables']>,
    action: fc.option(fc.constantFrom(...actions, `<${TOKEN}>`, 'add:', 'remove::'), { freq: 10 }),
  });
}

describe(`fuzzing every field of every form and settings page (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let an: Client;
  let claire: Client;
  let jan: Client;
  let els: Client;
  let nathalie: Client;
  let marc: Client;
  let demostad: string;
  let villedemo: string;
  let seq = 0;
  let started = 0;
  const nl = new LanguageTexts('nl');
  const fr = new LanguageTexts('fr');
  const stats: Stats = {
    inputs: 0,
    fields: new Set(),
    requests: 0,
    rejections: 0,
    escapedReflections: 0,
    serverErrors: [],
    unescaped: [],
    withoutSummary: [],
    notKept: [],
  };
  let figure = '';
  const statuses = new Map<number, number>();

  /** Replaces every token by a unique marker (x-fuzz-<n>). */
  const fill = (value: string) =>
    value
      .split(TOKEN)
      .map((part, i) => (i === 0 ? part : `${MARK}${++seq}${part}`))
      .join('');

  /** Checks one response: status, markers that became markup, the error summary of a rejection. */
  function inspect(res: LightMyRequestResponse, texts: Texts, what: string): void {
    stats.requests++;
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode >= 500) stats.serverErrors.push(`${what} → ${res.statusCode}`);
    const html = /text\/html/.test(String(res.headers['content-type'] ?? ''));
    if (!html) return;
    const body = res.body;
    for (const u of unescapedMarkers(body)) stats.unescaped.push(`${what} → ${res.statusCode}: ${u}`);
    if (body.toLowerCase().includes(MARK)) stats.escapedReflections++;
    if (res.statusCode >= 500) return;
    const check = checkSummary(res.statusCode, body, texts);
    if (check.rejection) stats.rejections++;
    for (const p of check.problems) stats.withoutSummary.push(`${what} → ${res.statusCode}: ${p}`);
  }

  /** Posts a form as a browser, inspects the answer and the page a redirect leads to. */
  async function submit(client: Client, url: string, form: Record<string, string>, texts: Texts, what: string) {
    const res = await client.post(url, form);
    inspect(res, texts, what);
    const location = res.headers.location;
    if (res.statusCode === 303 && typeof location === 'string') {
      const next = await client.get(location.split('#')[0]);
      inspect(next, texts, `${what} ⇒ GET ${location}`);
      return { res, next, location };
    }
    return { res, next: undefined, location: undefined };
  }

  async function view(client: Client, url: string, texts: Texts, what: string) {
    const res = await client.get(url);
    inspect(res, texts, `${what} ⇒ GET ${url}`);
    return res;
  }

  const count = (keys: string[]) => {
    stats.inputs += keys.length;
  };

  before(async () => {
    started = Date.now();
    t = await buildTestApp({}, undefined, { schemaPrefix: 'uv_fuzz' });
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
    [an, claire, jan, els, nathalie, marc] = await Promise.all(
      ['An Peeters', 'Claire Martin', 'Jan Janssens', 'Els Maes', 'Nathalie Vermeulen', 'Marc Lefèvre'].map((n) => loginAs(t.app, t.db, n)),
    );
  });

  after(async () => {
    await t?.close();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzzing detail: seed ${SEED}, scale ${SCALE}, ${stats.requests} responses checked, ${stats.rejections} rejections seen, ${stats.escapedReflections} pages showing a marker escaped, statuses ${[
        ...statuses,
      ]
        .sort(([a], [b]) => a - b)
        .map(([k, v]) => `${k}×${v}`)
        .join(' ')}, ${seconds} s`,
    );
    for (const [label, list] of [
      ['5xx', stats.serverErrors],
      ['unescaped', stats.unescaped],
      ['without summary', stats.withoutSummary],
      ['not kept', stats.notKept],
    ] as const) {
      for (const line of list.slice(0, 8)) console.log(`  ${label}: ${line}`);
    }
    figure = `fuzzing: ${stats.inputs} inputs into ${stats.fields.size} fields, 5xx ${stats.serverErrors.length}, unescaped reflections ${stats.unescaped.length}, rejections without summary ${stats.withoutSummary.length}`;
    // The figure is the suite's last line: printed when the process ends, after the test reports.
    process.once('exit', () => console.log(figure));
  });

  const version = async (campaign: string, organisation: string) =>
    String(
      (
        await t.db
          .selectFrom('form_instances')
          .select('version')
          .where('campaign_id', '=', campaign)
          .where('organisation_id', '=', organisation)
          .executeTakeFirst()
      )?.version ?? 0,
    );

  it('fuzzes the correction reason of a submitted form (POD MI dossierbeheerder, Dutch)', async () => {
    const gas = await campaignId(t.db, 'GAS_ELEK', 2026);
    await fillGasForm(an, gas, { bills: [['gas', '10', '8.000,00']] });
    await signTwice(gas, [jan, els]);
    const instance = (
      await t.db.selectFrom('form_instances').select('id').where('campaign_id', '=', gas).where('organisation_id', '=', demostad).executeTakeFirstOrThrow()
    ).id;
    const url = `/backoffice/forms/${instance}/correction`;
    stats.fields.add('correction:reason');
    const reason = fc.oneof(
      hostile,
      hostile.map((h) => `${h} — de bedragen kloppen niet ${TOKEN}`),
      fc.constant(''),
    );
    await fc.assert(
      fc.asyncProperty(reason, async (raw) => {
        const form = {
          reason: fill(raw),
          version: String((await t.db.selectFrom('form_instances').select('version').where('id', '=', instance).executeTakeFirstOrThrow()).version),
        };
        count(['reason']);
        const { location } = await submit(nathalie, url, form, nl, `POST ${url} reason=${short(form.reason)}`);
        if (location?.endsWith('m=correction_requested')) {
          // The reason is shown to the OCMW and in the back office; then the form is signed and submitted again.
          await view(an, `${an.base}/forms/${gas}`, nl, `reason ${short(form.reason)} shown to the OCMW`);
          await signTwice(gas, [jan, els]);
        }
      }),
      { numRuns: runs(25), seed: SEED, endOnFailure: true, examples: [[`De bedragen kloppen niet.\u0000 ${TOKEN}`]] },
    );
    // Leave the form editable for the form fuzzing.
    const v = String((await t.db.selectFrom('form_instances').select('version').where('id', '=', instance).executeTakeFirstOrThrow()).version);
    const last = await nathalie.post(url, { reason: 'Einde van de fuzzing-ronde van de redenen.', version: v });
    assert.match(String(last.headers.location ?? ''), /m=correction_requested$/);
  });

  /** Every part of every form of report year 2026, from the definitions. */
  async function formGroups(): Promise<FormGroup[]> {
    const list = await t.db
      .selectFrom('campaigns')
      .select(['id', 'measure', 'definition_version', 'params'])
      .where('report_year', '=', 2026)
      .orderBy('measure')
      .execute();
    assert.ok(list.length >= 5, 'the campaigns of 2026');
    const groups: FormGroup[] = [];
    for (const c of list) {
      const definition = getDefinition(c.measure, c.definition_version);
      const campaign = { id: c.id, measure: c.measure, params: (c.params ?? {}) as Record<string, unknown> };
      const editable = editableSections(definition);
      if (definition.paged) for (const s of editable) groups.push({ campaign, definition, part: s.key, sections: [s] });
      else groups.push({ campaign, definition, sections: editable });
    }
    return groups;
  }

  async function fuzzForms(client: Client, organisation: string, texts: Texts, numRuns: number, who: string) {
    const groups = await formGroups();
    let g = 0;
    for (const group of groups) {
      const { campaign, part } = group;
      const edit = await client.get(`${client.base}/forms/${campaign.id}/edit${part ? `?part=${part}` : ''}`);
      assert.equal(edit.statusCode, 200, `${campaign.measure} ${part ?? ''} editable for ${who}`);
      const tables = group.sections.flatMap((s) => s.items).filter((i) => i.kind === 'table');
      for (const table of tables) {
        stats.fields.add(`${campaign.measure}:t.${table.key}.rows`);
        for (const c of table.columns) stats.fields.add(`${campaign.measure}:t.${table.key}.*.${c.key}`);
      }
      for (const i of group.sections.flatMap((s) => s.items)) if (i.kind === 'input') stats.fields.add(`${campaign.measure}:f.${i.key}`);
      const url = `${client.base}/forms/${campaign.id}`;
      await fc.assert(
        fc.asyncProperty(formCaseArb(group), async (fuzz) => {
          const form: Record<string, string> = { version: await version(campaign.id, organisation), action: fuzz.action ? fill(fuzz.action) : 'save' };
          if (part) form.part = part;
          const keys: string[] = [];
          for (const [k, v] of Object.entries(fuzz.fields)) {
            form[`f.${k}`] = fill(v);
            keys.push(`f.${k}`);
          }
          tables.forEach((table, ti) => {
            const { rows, noise } = fuzz.tables[ti] as FormCase['tables'][number];
            form[`t.${table.key}.rows`] = noise === null ? String(rows.length) : fill(noise);
            keys.push(`t.${table.key}.rows`);
            rows.forEach((row, r) => {
              for (const [k, v] of Object.entries(row)) {
                form[`t.${table.key}.${r}.${k}`] = fill(v);
                keys.push(`t.${table.key}.${r}.${k}`);
              }
            });
          });
          count(keys);
          const what = `${who}: POST ${url} (${campaign.measure}${part ? ` part ${part}` : ''}) ${describeForm(form, ['action', ...keys])}`;
          const { location } = await submit(client, url, form, texts, what);
          // Saved without errors in the part: the stored values are shown on the edit page too.
          if (location && !location.includes('/edit')) await view(client, `${url}/edit${part ? `?part=${part}` : ''}`, texts, what);
        }),
        { numRuns, seed: SEED + ++g, endOnFailure: true },
      );
    }
  }

  it('fuzzes every field of every form of 2026 as a Dutch-speaking medewerker (An Peeters, Demostad)', async () => {
    await fuzzForms(an, demostad, nl, runs(14), 'An Peeters');
  });

  it('fuzzes every field of every form of 2026 as a French-speaking medewerker (Claire Martin, Villedemo)', async () => {
    await fuzzForms(claire, villedemo, fr, runs(6), 'Claire Martin');
  });

  const IBAN = [
    'BE68 5390 0754 7034',
    'be68539007547034',
    'BE68\u00a05390\u00a00754\u00a07034',
    'BE68539007547035',
    'NL91ABNA0417164300',
    'BE00000000000000',
    `BE68 5390 0754 7034<${TOKEN}>`,
  ];
  const BIC = ['GKCCBEBB', 'gkccbebb', 'GKCCBEBBXXX', 'ABNANL2A', 'GKCC BE BB', `GKCCBEBB"${TOKEN}`];
  const EMAIL = [
    'a@b',
    'info@ocmw.be',
    `x@y.be<${TOKEN}>`,
    `"<${TOKEN}>"@example.be`,
    'test@exämple.be',
    'a@b@c.be',
    'a..b@example.be',
    `${'a'.repeat(250)}@example.be`,
  ];
  const PHONE = ['+32 2 123 45 67', '0032 2 123 45 67', '02/123.45.67', '+32 (0)2 123 45 67', '123', `050 99 88 77<${TOKEN}>`, '٠٥٠ ٩٩ ٨٨ ٧٧'];
  const OCMW_SPECIAL: Record<string, string[]> = { iban: IBAN, bic: BIC, contactEmail: EMAIL, contactPhone: PHONE };

  async function fuzzOcmw(client: Client, organisation: string, texts: Texts, numRuns: number, who: string) {
    const legit = formValues((await client.get(`${client.base}/details`)).body, `${client.base}/details`);
    for (const f of OCMW_DATA_FIELDS) stats.fields.add(`ocmw:${f}`);
    // One to three fields fuzzed, the others as stored: valid posts are saved and shown again.
    const arb = fc.record({
      fuzzed: fc.subarray([...OCMW_DATA_FIELDS], { minLength: 1, maxLength: 3 }),
      values: fc.record(
        Object.fromEntries(
          OCMW_DATA_FIELDS.map((f) => [
            f,
            fc.oneof(
              { arbitrary: valueFor('text'), weight: 2 },
              { arbitrary: fc.constantFrom(...(OCMW_SPECIAL[f] ?? ['Peeters', 'Lefèvre', `Lefèvre <${TOKEN}>`])), weight: 1 },
            ),
          ]),
        ),
      ),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arb, async ({ fuzzed, values }) => {
        const row = await t.db.selectFrom('organisations').select('version').where('id', '=', organisation).executeTakeFirstOrThrow();
        const form: Record<string, string> = { version: String(row.version) };
        for (const f of OCMW_DATA_FIELDS) form[f] = fuzzed.includes(f) ? fill(values[f]) : (legit[f] ?? '');
        count(fuzzed);
        const what = `${who}: POST /ocmw/edit ${describeForm(form, fuzzed)}`;
        const { res } = await submit(client, `${client.base}/details`, form, texts, what);
        if (res.statusCode === 303) {
          await view(client, `${client.base}/details`, texts, what);
          if (++n % 4 === 0) await view(client, `${client.base}/details/history`, texts, what);
        }
      }),
      { numRuns, seed: SEED + 101, endOnFailure: true },
    );
    // The last state is shown in the history and on the forms.
    await view(client, `${client.base}/details/history`, texts, `${who}: OCMW history`);
  }

  it('fuzzes the OCMW data (Dutch: An Peeters; French: Claire Martin)', async () => {
    await fuzzOcmw(an, demostad, nl, runs(30), 'An Peeters');
    await fuzzOcmw(claire, villedemo, fr, runs(15), 'Claire Martin');
  });

  /** OCMW-configuratie (issue 18): one to three fields of a screen fuzzed, the others as shown; valid posts are saved. */
  const CONFIG_SPECIAL: Record<string, string[]> = {
    email: EMAIL,
    notifyEmail: EMAIL,
    reminderEmail: EMAIL,
    networkContactEmail: EMAIL,
    phone: PHONE,
    networkContactPhone: PHONE,
    postalCode: ['1000', '0999', '9999', '10000', '１０００', ' 9000 ', `9000<${TOKEN}>`, '-100'],
    website: ['www.ocmw.be', 'javascript:alert(1)', `https://ocmw.be/"${TOKEN}`, 'http://', 'ocmw', 'https://ocmw.be/a b'],
    notifyOnNew: ['yes', 'no', 'ja', '', `<${TOKEN}>`],
    remindUnread: ['yes', 'no', 'YES', '', `<${TOKEN}>`],
    reminderTermDays: ['1', '60', '0', '61', '-1', '2.5', '1e1', '٥', '', '007'],
    reminderFrequencyDays: ['1', '30', '0', '31', '-3', '3,0', '', ' 2 '],
    networkProvider: ['PUBLILINK', 'OTHER', 'VERA', 'NOPE', '', `<${TOKEN}>`],
    softwareSupplier: ['PRIMAWEB', 'OTHER', '0000000000', '', `<${TOKEN}>`],
    copy: ['streetNl', 'cityDe', 'postalCode', 'constructorNl', `<${TOKEN}>`],
  };

  async function fuzzConfig(client: Client, slug: string, texts: Texts, numRuns: number, who: string) {
    const url = `${client.base}/configuration/${slug}`;
    const legit = formValues((await client.get(url)).body, url);
    const screen = slug === 'contact' ? 'CONTACT' : slug === 'online' ? 'ONLINE' : 'PROVIDERS';
    const fields: string[] = [...SCREEN_FIELDS[screen], ...(screen === 'CONTACT' ? ['copy'] : [])];
    for (const f of fields) stats.fields.add(`config:${slug}:${f}`);
    const arb = fc.record({
      fuzzed: fc.subarray(fields, { minLength: 1, maxLength: 3 }),
      values: fc.record(
        Object.fromEntries(
          fields.map((f) => [
            f,
            fc.oneof(
              { arbitrary: valueFor('text'), weight: 2 },
              { arbitrary: fc.constantFrom(...(CONFIG_SPECIAL[f] ?? ['Kerkstraat 1', 'Liège', `Lefèvre <${TOKEN}>`])), weight: 2 },
            ),
          ]),
        ),
      ),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ fuzzed, values }) => {
        const current = formValues((await client.get(url)).body, url);
        const form: Record<string, string> = { version: current.version ?? '0' };
        for (const f of fields) if (f !== 'copy' || fuzzed.includes(f)) form[f] = fuzzed.includes(f) ? fill(values[f]) : (legit[f] ?? '');
        count(fuzzed);
        const { res } = await submit(client, url, form, texts, `${who}: POST ${url} ${describeForm(form, fuzzed)}`);
        if (res.statusCode === 303) await view(client, `${url}/history`, texts, `${who}: ${slug} history`);
      }),
      { numRuns, seed: SEED + 151, endOnFailure: true },
    );
  }

  it('fuzzes the screens of OCMW-configuratie (Dutch: Bart Willems; French: Julie Dubois)', async () => {
    const bart = await loginAs(t.app, t.db, 'Bart Willems');
    const julie = await loginAs(t.app, t.db, 'Julie Dubois');
    for (const slug of ['contact', 'online', 'providers']) {
      await fuzzConfig(bart, slug, nl, runs(15), 'Bart Willems');
      await fuzzConfig(julie, slug, fr, runs(8), 'Julie Dubois');
    }
  });

  /** A parameter shown as a number (1.234,56 or 1000), not a date like 2025-01-01. */
  const numeric = (value: string) => /^-?\d[\d.\s]*(,\d+)?$/.test(value);
  const TIMES = ['12:00', '25:00', '12:60', '9h30', '23:59:60', '-1:00', '12:00 PM', '24:00', '0:0', '１２:００', '12.00'];
  const REMINDERS = ['5, 10', '0', '91', '1,1,1', '5;10', '1e1', '-5', '5 10 15', '٥', ', ,', '90'];

  it('fuzzes the campaign edit page and late submissions of the back office (French: Marc Lefèvre)', async () => {
    const lang = await marc.post('/language', { lang: 'fr', returnTo: '/backoffice/campaigns' });
    assert.equal(lang.statusCode, 303);
    const targets = [
      await campaignId(t.db, 'GAS_ELEK', 2025),
      await campaignId(t.db, 'HUURWAARBORGEN', 2021),
      await campaignId(t.db, 'GPMI_TB', 2025),
      await campaignId(t.db, 'PSA', 2025),
    ];
    let g = 200;
    for (const id of targets) {
      const base = `/backoffice/campaigns/${id}`;
      const page = await marc.get(`${base}/edit`);
      assert.equal(page.statusCode, 200);
      const legit = formValues(page.body, base);
      delete legit.version;
      const names = Object.keys(legit);
      const arbOf = (name: string): fc.Arbitrary<string> => {
        if (/Date$/.test(name)) return valueFor('date');
        if (/Time$/.test(name)) return fc.oneof(fc.constantFrom(...TIMES), hostile);
        if (name === 'reminderDays') return fc.oneof(fc.constantFrom(...REMINDERS), hostile);
        if (legit[name] === 'yes' || legit[name] === 'no') return valueFor('choice', ['yes', 'no']);
        if (name === 'definitionVersion' || numeric(legit[name])) return valueFor('number');
        return valueFor('text');
      };
      for (const name of names) stats.fields.add(`campaign:${name.replace(/\.\d+$/, '.*')}`);
      const arb = fc.record({
        fuzzed: fc.subarray(names, { minLength: 1, maxLength: 3 }),
        values: fc.record(Object.fromEntries(names.map((n) => [n, arbOf(n)]))),
      });
      const textParam = names.find((n) => /^p\.[A-Za-z0-9_]+$/.test(n) && !numeric(legit[n]) && !['yes', 'no'].includes(legit[n]));
      await fc.assert(
        fc.asyncProperty(arb, async ({ fuzzed, values }) => {
          const v = (await t.db.selectFrom('campaigns').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
          const form: Record<string, string> = { version: String(v) };
          for (const n of names) form[n] = fuzzed.includes(n) ? fill(values[n]) : legit[n];
          const changed = fuzzed;
          count(changed);
          const what = `Marc Lefèvre: POST ${base} ${describeForm(form, changed)}`;
          const { res } = await submit(marc, base, form, fr, what);
          if (res.statusCode === 303) await view(marc, `${base}/edit`, fr, what);
        }),
        {
          numRuns: runs(14),
          seed: SEED + ++g,
          endOnFailure: true,
          // A text parameter with a NUL character, as a keyboard cannot type it but a client can post it.
          examples: textParam ? [[{ fuzzed: [textParam], values: { ...legit, [textParam]: `2027-03-04\u0000${TOKEN}` } }]] : [],
        },
      );
    }
    // Late submissions: the OCMW, the date until which it may submit, the reason.
    const psa = await campaignId(t.db, 'PSA', 2025);
    const late = `/backoffice/campaigns/${psa}/late`;
    for (const f of ['organisationId', 'untilDate', 'reason', 'q']) stats.fields.add(`late:${f}`);
    const arb = fc.record({
      organisationId: fc.oneof(
        { arbitrary: fc.constantFrom(demostad, villedemo), weight: 4 },
        { arbitrary: fc.constantFrom('00000000-0000-4000-8000-000000000000', demostad.toUpperCase(), ` ${demostad}`), weight: 1 },
        { arbitrary: hostile, weight: 1 },
      ),
      untilDate: valueFor('date', [], fc.constantFrom('15/03/2027', '2027-03-31', '01/01/2027')),
      reason: valueFor('text', [], fc.constantFrom('Ziekte van de financieel directeur', 'Maladie du directeur financier')),
      q: fc.oneof(fc.constant(''), hostile),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (values) => {
        const form = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fill(v)]));
        count(Object.keys(form));
        const what = `Marc Lefèvre: POST ${late} ${describeForm(form, Object.keys(form))}`;
        await submit(marc, late, form, fr, what);
      }),
      {
        numRuns: runs(40),
        seed: SEED + 300,
        endOnFailure: true,
        examples: [[{ organisationId: demostad, untilDate: '15/03/2027', reason: `Ziekte\u0000 ${TOKEN}`, q: '' }]],
      },
    );
  });

  it('takes 1 MB strings into a form cell, the OCMW data, the back office fields and the reason', async () => {
    const MB = 1024 * 1024;
    const big = (fillChar: string, length: number) => `<${MARK}${++seq}>${fillChar.repeat(length)}`;
    const gpmi = await campaignId(t.db, 'GPMI', 2026);
    const definition = getDefinition('GPMI', 1);
    const table = definition.sections.flatMap((s) => s.items).find((i) => i.kind === 'table');
    assert.ok(table?.kind === 'table');
    const textColumn = table.columns.find((c) => c.type === 'text') ?? table.columns[0];
    const instance = (
      await t.db
        .selectFrom('form_instances')
        .select('id')
        .where('organisation_id', '=', demostad)
        .where('campaign_id', '=', await campaignId(t.db, 'GAS_ELEK', 2026))
        .executeTakeFirstOrThrow()
    ).id;
    const psa = await campaignId(t.db, 'PSA', 2025);
    // Just below the body limit once encoded (accepted, then cut and refused as too long), and 1 MiB of
    // characters that need escaping (3 MiB on the wire: over the body limit).
    for (const [label, value] of [
      ['1 000 000 × a', big('a', 1_000_000)],
      ['1 MiB × <', big('<', MB)],
      ['1 MiB × é', big('é', MB)],
    ] as const) {
      const cell = `t.${table.key}.0.${textColumn.key}`;
      count([cell]);
      await submit(
        an,
        `${an.base}/forms/${gpmi}`,
        { version: await version(gpmi, demostad), action: 'save', [`t.${table.key}.rows`]: '1', [cell]: value },
        nl,
        `An Peeters: POST /forms/${gpmi} (GPMI) ${cell}=${label}`,
      );
      const org = await t.db.selectFrom('organisations').select('version').where('id', '=', demostad).executeTakeFirstOrThrow();
      const ocmw = { ...formValues((await an.get(`${an.base}/details`)).body, `${an.base}/details`), version: String(org.version), contactLastName: value };
      count(['contactLastName']);
      await submit(an, `${an.base}/details`, ocmw, nl, `An Peeters: POST /ocmw/edit contactLastName=${label}`);
      count(['reason']);
      await submit(
        nathalie,
        `/backoffice/forms/${instance}/correction`,
        { reason: value, version: '1' },
        nl,
        `Nathalie Vermeulen: POST /backoffice/forms/:id/correction reason=${label}`,
      );
      count(['reason']);
      await submit(
        marc,
        `/backoffice/campaigns/${psa}/late`,
        { organisationId: demostad, untilDate: '15/03/2027', reason: value },
        fr,
        `Marc Lefèvre: POST /backoffice/campaigns/:id/late reason=${label}`,
      );
    }
  });

  // ------------------------------------------------------------------------------------------- access management (issue 12)

  let inszSerial = 0;
  /** How far the access-management fuzzing got (each step must be reached: the flows are exercised, not just refused). */
  const reached = new Map<string, number>();
  const reach = (step: string) => reached.set(step, (reached.get(step) ?? 0) + 1);
  /** A checksum-valid INSZ of nobody, as typed: bare, with the usual dots and dash, or with spaces. */
  const freshInsz = fc.constantFrom('bare', 'dots', 'spaces').map((style) => {
    const insz = makeInsz(`62${String(1_000_000 + ++inszSerial).slice(-7)}`);
    if (style === 'bare') return insz;
    const [yy, mm, dd, seq, check] = [insz.slice(0, 2), insz.slice(2, 4), insz.slice(4, 6), insz.slice(6, 9), insz.slice(9)];
    return style === 'dots' ? `${yy}.${mm}.${dd}-${seq}.${check}` : ` ${yy}${mm}${dd} ${seq} ${check} `;
  });
  const inszArb = fc.oneof({ arbitrary: freshInsz, weight: 4 }, { arbitrary: valueFor('number'), weight: 1 }, { arbitrary: hostile, weight: 2 });
  const nameArb = valueFor('text', [], fc.constantFrom('Mira', 'Van den Broeck', 'Lefèvre', 'D’Hondt', 'Ölçer', 'Nguyễn'));
  const languageArb = valueFor('choice', ['nl', 'fr', 'de']);
  const applicationsArb = fc.oneof(
    { arbitrary: fc.subarray<string>([...GRANTABLE_APPLICATIONS], { minLength: 0, maxLength: 3 }), weight: 4 },
    { arbitrary: fc.array(hostile, { minLength: 1, maxLength: 2 }), weight: 1 },
  );

  /**
   * A rejected form shows back what was typed: each text field's value in the re-rendered form is the posted text
   * (control characters removed, at most 10 000 characters: PostedText).
   */
  function checkKept(res: LightMyRequestResponse, action: string, typed: Record<string, string>, what: string) {
    if (res.statusCode !== 422) return;
    if (!res.body.includes(`action="${action}"`)) {
      stats.notKept.push(`${what} → 422 without the form posting to ${action}`);
      return;
    }
    for (const [name, value] of Object.entries(typed)) {
      const expected = postedText(wellFormed(value));
      const shown = shownValue(res.body, name);
      if (shown !== expected) stats.notKept.push(`${what} → 422: ${name} shown as ${short(shown ?? '(absent)')} instead of ${short(expected)}`);
    }
  }

  /** Posts repeated fields (ticked boxes) as a browser does, with the client's session. */
  async function postPairs(client: Client, url: string, pairs: Array<[string, string]>): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(pairs).toString(),
      headers: {
        host: 'localhost:3000',
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
  }

  async function fuzzToegangsbeheer(client: Client, organisation: string, texts: Texts, numRuns: number, who: string) {
    const access = `${client.base}/access`;
    for (const f of ['q', 'insz', 'firstName', 'lastName', 'email', 'phone', 'language', 'applications', 'until']) stats.fields.add(`access:${f}`);
    // The filter of the users' list.
    await fc.assert(
      fc.asyncProperty(valueFor('text', [], fc.constantFrom('Peeters', 'ëls', 'JANSSENS', '85.07', '')), async (raw) => {
        const q = fill(raw);
        count(['q']);
        const res = await view(client, `${access}?${new URLSearchParams({ q })}`, texts, `${who}: GET /access q=${short(q)}`);
        const shown = shownValue(res.body, 'q');
        // The search box shows the search as used: without its surrounding spaces.
        if (res.statusCode === 200 && !hasControl(q) && shown !== wellFormed(q).trim())
          stats.notKept.push(`${who}: GET /access q=${short(q)}: the filter shows ${short(shown ?? '(absent)')}`);
      }),
      { numRuns: runs(15), seed: SEED + 401, endOnFailure: true },
    );
    // Add a user: the INSZ, then the person form; a valid one is the overview, confirmed one time in three.
    let confirmed = 0;
    const userIds: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        // The INSZ, then zero to two fields of the person form fuzzed and the others valid: valid forms reach the overview.
        fc.record({
          insz: inszArb,
          fuzzed: fc.subarray(['firstName', 'lastName', 'email', 'phone', 'language', 'applications'], { minLength: 0, maxLength: 2 }),
          values: fc.record({
            firstName: nameArb,
            lastName: nameArb,
            email: fc.oneof(fc.constantFrom(...EMAIL, 'mira.massa@example.be'), valueFor('text')),
            phone: fc.oneof(fc.constantFrom(...PHONE, ''), valueFor('text')),
            language: languageArb,
            applications: applicationsArb,
          }),
        }),
        async ({ insz: typedInsz, fuzzed, values }) => {
          const valid = { firstName: 'Mira', lastName: 'Massa', email: 'mira.massa@example.be', phone: '', language: 'nl', applications: ['UV_READER'] };
          const v = { insz: typedInsz, ...valid, ...Object.fromEntries(fuzzed.map((f) => [f, values[f as keyof typeof values]])) } as typeof valid & {
            insz: string;
          };
          const insz = fill(v.insz);
          count(['insz']);
          const start = await client.post(`${access}/start/user`, { insz });
          inspect(start, texts, `${who}: POST /access/start/user insz=${short(insz)}`);
          if (start.statusCode !== 200 || !start.body.includes(`action="${access}/save/user"`)) return;
          reach('person form');
          const typed = { firstName: fill(v.firstName), lastName: fill(v.lastName), email: fill(v.email), phone: fill(v.phone) };
          const form = formValues(start.body, `${access}/save/user`);
          const pairs: Array<[string, string]> = [
            ['version', form.version ?? '0'],
            ['insz', form.insz ?? insz],
            ...Object.entries(typed),
            ['language', fill(v.language)],
            ...v.applications.map((a): [string, string] => ['applications', fill(a)]),
          ];
          count(['firstName', 'lastName', 'email', 'phone', 'language', 'applications']);
          const what = `${who}: POST /access/save/user ${describeForm(Object.fromEntries(pairs), ['firstName', 'lastName', 'email', 'phone', 'language'])} applications=${short(v.applications.join(','))}`;
          const saved = await postPairs(client, `${access}/save/user`, pairs);
          inspect(saved, texts, what);
          checkKept(saved, `${access}/save/user`, typed, what);
          if (saved.statusCode === 422) reach('person form refused');
          const location = saved.headers.location;
          if (saved.statusCode !== 303 || typeof location !== 'string' || !/\/drafts\//.test(location)) return;
          await view(client, location, texts, what);
          reach('overview');
          if (confirmed++ % 3 !== 0) return;
          const { location: done } = await submit(client, `${location}/confirm`, {}, texts, `${what} ⇒ confirm`);
          if (done?.includes('m=user_added')) {
            const person = await t.db
              .selectFrom('persons')
              .select('id')
              .where('insz', '=', insz.replace(/[\s.-]/g, ''))
              .executeTakeFirst();
            if (person) {
              reach('user added');
              userIds.push(person.id);
              await view(client, `${access}/users/${person.id}`, texts, `${what} ⇒ the user's page`);
            }
          }
        },
      ),
      {
        numRuns,
        seed: SEED + 402,
        endOnFailure: true,
        examples: [
          [
            {
              insz: makeInsz('629999999'),
              fuzzed: ['firstName', 'lastName'],
              values: { firstName: `Mira\u0000 ${TOKEN}`, lastName: `<${TOKEN}>`, email: '', phone: '', language: '', applications: [] },
            },
          ],
          // Every field valid (the overview, confirmed: the first one is), and an e-mail address refused: each step reached whatever the seed.
          [{ insz: makeInsz('629999998'), fuzzed: [], values: { firstName: '', lastName: '', email: '', phone: '', language: '', applications: [] } }],
          [
            {
              insz: makeInsz('629999997'),
              fuzzed: ['email'],
              values: { firstName: '', lastName: '', email: `a@b@c.be<${TOKEN}>`, phone: '', language: '', applications: [] },
            },
          ],
        ],
      },
    );
    // The block end date of the list action ("Uitvoeren"): an overview is cancelled, so nobody stays blocked.
    const target =
      userIds[0] ??
      (await t.db.selectFrom('access_members').select('person_id').where('organisation_id', '=', organisation).executeTakeFirstOrThrow()).person_id;
    await fc.assert(
      fc.asyncProperty(valueFor('date', [], fc.constantFrom('31/12/2030', '01/01/2031')), async (raw) => {
        const until = fill(raw);
        count(['until']);
        const { location } = await submit(
          client,
          `${access}/users/action`,
          { action: 'block', personIds: target, until },
          texts,
          `${who}: POST /access/users/action until=${short(until)}`,
        );
        if (location && /\/drafts\//.test(location)) {
          reach('block draft');
          await submit(client, `${location}/cancel`, {}, texts, `${who}: cancel the block until ${short(until)}`);
        } else reach('block refused');
      }),
      { numRuns: runs(15), seed: SEED + 403, endOnFailure: true, examples: [['31/12/2030'], [`31/02/2030 ${TOKEN}`]] },
    );
  }

  /** A value as sent: a lone surrogate cannot be encoded in UTF-8 and arrives as U+FFFD. */
  const wellFormed = (v: string) => Buffer.from(v, 'utf8').toString('utf8');
  /** Control characters: a URL can carry them, a search box cannot show them. */
  const hasControl = (v: string) => [...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  /** The value of the first input of this name, as a browser reads it (its tokenizer: a `>` inside a quoted value is text). */
  const shownValue = (html: string, name: string): string | undefined => {
    const input = tokenize(html).tags.find((tag) => tag.name === 'input' && tag.attrs.some(([k, v]) => k === 'name' && v === name));
    const value = input?.attrs.find(([k]) => k === 'value')?.[1];
    return input ? decodeEntities(value ?? '') : undefined;
  };

  it('fuzzes Toegangsbeheer: the filter, the INSZ, the person form, the applications, the block end date (Dutch: Hilde Claes; French: Michel Renard)', async () => {
    const hilde = await loginAs(t.app, t.db, 'Hilde Claes');
    const michel = await loginAs(t.app, t.db, 'Michel Renard');
    await fuzzToegangsbeheer(hilde, demostad, nl, runs(30), 'Hilde Claes');
    await fuzzToegangsbeheer(michel, villedemo, fr, runs(12), 'Michel Renard');
    console.log(`Toegangsbeheer fuzzing reached: ${[...reached].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    for (const step of ['person form', 'person form refused', 'overview', 'user added', 'block draft', 'block refused'])
      assert.ok((reached.get(step) ?? 0) > 0, `the fuzzing reached “${step}”`);
  });

  it('fuzzes POD MI’s access administration (French: Marc Lefèvre): the OCMW filter and chooser, an HTB, POD MI’s staff and its block end date, the HTB list’s cells', async () => {
    assert.equal((await marc.post('/language', { lang: 'fr', returnTo: '/backoffice/access' })).statusCode, 303);
    for (const f of [
      'q',
      'chooser:q',
      'htb:insz',
      'htb:firstName',
      'htb:lastName',
      'htb:email',
      'htb:language',
      'staff:insz',
      'staff:role',
      'staff:blockedUntil',
      'list:cells',
    ])
      stats.fields.add(`access-admin:${f}`);
    // The filter of the OCMWs' list and the chooser of an OCMW (POD MI may choose any).
    await fc.assert(
      fc.asyncProperty(valueFor('text', [], fc.constantFrom('Demostad', 'Villedemo', '0212', '')), async (raw) => {
        const q = fill(raw);
        count(['q', 'q']);
        await view(marc, `/backoffice/access?${new URLSearchParams({ q })}`, fr, `Marc Lefèvre: GET /backoffice/access q=${short(q)}`);
        await view(marc, `/choose-ocmw?${new URLSearchParams({ q })}`, fr, `Marc Lefèvre: GET /choose-ocmw q=${short(q)}`);
      }),
      { numRuns: runs(15), seed: SEED + 501, endOnFailure: true },
    );
    // The HTB of Villedemo: the overview (not confirmed) or the form with its errors and what was typed.
    const page = `/backoffice/access/ocmw/${villedemo}`;
    // One to three fields fuzzed, the others valid (a fresh INSZ): valid posts reach the overview.
    const FIELDS = ['insz', 'firstName', 'lastName', 'email', 'language'] as const;
    type Person = Record<(typeof FIELDS)[number], string>;
    const person: fc.Arbitrary<Person> = fc
      .record({
        fuzzed: fc.subarray([...FIELDS], { minLength: 1, maxLength: 3 }),
        values: fc.record({
          insz: inszArb,
          firstName: nameArb,
          lastName: nameArb,
          email: fc.oneof(fc.constantFrom(...EMAIL), valueFor('text')),
          language: languageArb,
        }),
        fresh: freshInsz,
      })
      .map(({ fuzzed, values, fresh }) => {
        const valid: Person = { insz: fresh, firstName: 'Hector', lastName: 'Hoofd', email: 'hector.hoofd@example.be', language: 'fr' };
        return { ...valid, ...Object.fromEntries(fuzzed.map((f) => [f, values[f]])) } as Person;
      });
    /** Every field valid: the overview is reached whatever the seed. */
    const validPerson = (serial: string): Person => ({
      insz: makeInsz(serial),
      firstName: 'Hector',
      lastName: 'Hoofd',
      email: 'hector.hoofd@example.be',
      language: 'fr',
    });
    /** An e-mail address refused: the form with its errors is reached whatever the seed. */
    const refusedPerson = (serial: string): Person => ({ ...validPerson(serial), lastName: `<${TOKEN}>`, email: 'a@b@c.be' });
    await fc.assert(
      fc.asyncProperty(person, async (v) => {
        const typed = { insz: fill(v.insz), firstName: fill(v.firstName), lastName: fill(v.lastName), email: fill(v.email) };
        const form = { ...typed, language: fill(v.language), keepPrevious: '', expected: '' };
        count(Object.keys(form));
        const what = `Marc Lefèvre: POST ${page} ${describeForm(form, Object.keys(form))}`;
        const { res } = await submit(marc, page, form, fr, what);
        reach(res.statusCode === 200 ? 'HTB overview' : `HTB ${res.statusCode}`);
        checkKept(res, page, { firstName: typed.firstName, lastName: typed.lastName, email: typed.email }, what);
      }),
      { numRuns: runs(20), seed: SEED + 502, endOnFailure: true, examples: [[validPerson('629999801')], [refusedPerson('629999802')]] },
    );
    // POD MI's staff: a new member (the overview, not confirmed), and the block end date of a member.
    const staff = '/backoffice/access/podmi';
    const expected = formValues((await marc.get(staff)).body, staff).expected ?? '';
    await fc.assert(
      fc.asyncProperty(fc.record({ person, role: valueFor('choice', ['PODMI_AGENT', 'PODMI_ADMIN']) }), async ({ person: v, role }) => {
        const typed = { insz: fill(v.insz), firstName: fill(v.firstName), lastName: fill(v.lastName), email: fill(v.email) };
        const form = { ...typed, language: fill(v.language), role: fill(role), expected };
        count(Object.keys(form));
        const what = `Marc Lefèvre: POST ${staff} ${describeForm(form, Object.keys(form))}`;
        const { res } = await submit(marc, staff, form, fr, what);
        reach(res.statusCode === 200 ? 'staff overview' : `staff ${res.statusCode}`);
        checkKept(res, staff, { firstName: typed.firstName, lastName: typed.lastName, email: typed.email }, what);
      }),
      {
        numRuns: runs(20),
        seed: SEED + 503,
        endOnFailure: true,
        examples: [[{ person: validPerson('629999803'), role: 'PODMI_AGENT' }], [{ person: refusedPerson('629999804'), role: 'PODMI_AGENT' }]],
      },
    );
    const nathalieId = (await t.db.selectFrom('persons').select('id').where('first_name', '=', 'Nathalie').executeTakeFirstOrThrow()).id;
    const member = `${staff}/${nathalieId}`;
    await fc.assert(
      // The block form's date field (type=date: a browser posts yyyy-mm-dd).
      fc.asyncProperty(valueFor('date', [], fc.constantFrom('2030-12-31', '2031-01-01')), async (raw) => {
        const form = { action: 'block', blockedUntil: fill(raw) };
        count(['blockedUntil']);
        const { res } = await submit(marc, member, form, fr, `Marc Lefèvre: POST ${member} blockedUntil=${short(form.blockedUntil)}`);
        reach(res.statusCode === 200 ? 'block overview' : `block ${res.statusCode}`);
      }),
      { numRuns: runs(15), seed: SEED + 504, endOnFailure: true, examples: [['2030-12-31'], [`2030-02-31 ${TOKEN}`]] },
    );
    // The HTB list: every cell fuzzed (the separator, quotes and line breaks of CSV among them); staged lists discarded.
    const kbo = (await t.db.selectFrom('organisations').select('kbo').where('id', '=', villedemo).executeTakeFirstOrThrow()).kbo;
    const cell = fc.oneof({ arbitrary: hostile, weight: 2 }, { arbitrary: fc.constantFrom(';', '"', '""', '\r\n', '\n', '=1+1', '@SUM(A1)', ''), weight: 1 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          kbo: fc.oneof(fc.constant(kbo), cell),
          insz: fc.oneof(freshInsz, cell),
          first: fc.oneof(nameArb, cell),
          last: fc.oneof(nameArb, cell),
          email: fc.oneof(fc.constant('hugo@example.be'), cell),
          language: fc.oneof(fc.constantFrom('nl', 'fr', 'de'), cell),
        }),
        async (v) => {
          const line = [v.kbo, v.insz, v.first, v.last, v.email, v.language].map(fill);
          count(['kbo', 'insz', 'first_name', 'last_name', 'email', 'language']);
          const csv = `kbo;insz;first_name;last_name;email;language\r\n${line.join(';')}\r\n`;
          const what = `Marc Lefèvre: POST /backoffice/access/imports ${short(line.join(';'))}`;
          const res = await marc.postFile('/backoffice/access/imports', {}, { name: `htb-${MARK}${++seq}.csv`, type: 'text/csv', content: Buffer.from(csv) });
          inspect(res, fr, what);
          const location = res.headers.location;
          if (res.statusCode === 303 && typeof location === 'string') {
            await view(marc, location, fr, what);
            reach('list staged');
            const discard = await marc.post(`${location}/discard`, {});
            inspect(discard, fr, `${what} ⇒ discard`);
          }
        },
      ),
      {
        numRuns: runs(25),
        seed: SEED + 505,
        endOnFailure: true,
        // A cell the problem report shortens in the middle of an emoji (once a 500: half a surrogate pair in jsonb).
        examples: [[{ kbo, insz: makeInsz('629999805'), first: 'Ivo', last: 'Hoofd', email: 'hugo@example.be', language: `a${'😀'.repeat(40)}` }]],
      },
    );
    console.log(`POD MI access administration fuzzing reached: ${[...reached].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    for (const step of ['HTB overview', 'HTB 422', 'staff overview', 'staff 422', 'block overview', 'block 422', 'list staged'])
      assert.ok((reached.get(step) ?? 0) > 0, `the fuzzing reached “${step}”`);
  });

  // ------------------------------------------------------------------------------------------- registry and mergers (issue 13)

  /** The content of a textarea as a browser shows it (its first line break dropped by the HTML parser). */
  const textareaValue = (html: string, name: string): string | undefined => {
    const match = new RegExp(`<textarea[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
    return match ? decodeEntities(match[1]).replace(/^\r?\n/, '') : undefined;
  };

  it('fuzzes the organisation registry and the mergers (French: Marc Lefèvre): an organisation’s edit, a merger recorded, an end of transition', async () => {
    assert.equal((await marc.post('/language', { lang: 'fr', returnTo: '/backoffice/registry' })).statusCode, 303);
    const ocmwOf = async (nis: string) =>
      (await t.db.selectFrom('organisations').select('id').where('nis', '=', nis).where('type', '=', 'OCMW').executeTakeFirstOrThrow()).id;
    // The registry's search (name in any language, KBO, NIS, province).
    stats.fields.add('registry:q');
    stats.fields.add('registry:province');
    await fc.assert(
      fc.asyncProperty(valueFor('text', [], fc.constantFrom('Aartselaar', 'Anvers', '0212', '11001', 'Luik', '')), async (raw) => {
        const q = fill(raw);
        count(['q', 'province']);
        await view(marc, `/backoffice/registry?${new URLSearchParams({ q })}`, fr, `Marc Lefèvre: GET /backoffice/registry q=${short(q)}`);
        await view(marc, `/backoffice/registry?${new URLSearchParams({ province: q })}`, fr, `Marc Lefèvre: GET /backoffice/registry province=${short(q)}`);
      }),
      { numRuns: runs(8), seed: SEED + 601, endOnFailure: true },
    );

    // An organisation's edit (Aartselaar, 11001): one to three fields fuzzed, the others as stored; a valid change
    // is the overview, confirmed one time in three.
    const base = `/backoffice/registry/${await ocmwOf('11001')}`;
    const stored = async () => {
      const page = await marc.get(`${base}/edit`);
      assert.equal(page.statusCode, 200, 'the registry edit page');
      return formValues(page.body, `${base}/edit`);
    };
    let legit = await stored();
    const EDIT_TEXT = ['nameNl', 'nameFr', 'nameDe', 'kbo', 'nis', 'nisFrom'] as const;
    const EDIT_FIELDS = [...EDIT_TEXT, 'administrationLanguage', 'region', 'province'] as const;
    for (const f of EDIT_FIELDS) stats.fields.add(`registry:${f}`);
    const kbo = legit.kbo ?? '';
    const editArb = fc.record({
      fuzzed: fc.subarray([...EDIT_FIELDS], { minLength: 1, maxLength: 3 }),
      values: fc.record({
        nameNl: valueFor('text', [], fc.constantFrom('OCMW Aartselaar', 'OCMW Aartselaar-Zuid')),
        nameFr: valueFor('text', [], fc.constantFrom('CPAS d’Aartselaar', "CPAS d'Aartselaar")),
        nameDe: valueFor('text', [], fc.constantFrom('ÖSHZ Aartselaar', 'OSHZ Aartselaar')),
        kbo: valueFor('number', [], fc.constantFrom(kbo, `BE ${kbo}`, `${kbo.slice(0, 4)}.${kbo.slice(4, 7)}.${kbo.slice(7)}`, kbo.slice(1), '0999999999')),
        nis: valueFor('number', [], fc.constantFrom('11001', '11099', '11002', '1100')),
        nisFrom: valueFor('date', [], fc.constantFrom('01/01/2026', '2026-06-01', '31/12/2030')),
        administrationLanguage: valueFor('choice', ['nl', 'fr', 'de', 'nl+fr']),
        region: valueFor('choice', ['VLG', 'WAL', 'BRU']),
        province: valueFor('choice', ['Antwerpen', 'Luik', 'Henegouwen', '']),
      }),
    });
    let reviews = 0;
    await fc.assert(
      fc.asyncProperty(editArb, async ({ fuzzed, values }) => {
        const form: Record<string, string> = { ...legit };
        for (const f of fuzzed) form[f] = fill(values[f]);
        count(fuzzed);
        const what = `Marc Lefèvre: POST ${base}/edit ${describeForm(form, fuzzed)}`;
        const { res } = await submit(marc, `${base}/edit`, form, fr, what);
        reach(res.statusCode === 200 ? 'registry overview' : `registry ${res.statusCode}`);
        checkKept(res, `${base}/edit`, Object.fromEntries(EDIT_TEXT.filter((f) => fuzzed.includes(f)).map((f) => [f, form[f]])), what);
        if (res.statusCode !== 200 || reviews++ % 3 !== 0) return;
        const { location } = await submit(marc, `${base}/confirm`, formValues(res.body, `${base}/confirm`), fr, `${what} ⇒ confirm`);
        if (location?.endsWith('m=saved')) {
          reach('registry saved');
          legit = await stored();
        }
      }),
      {
        numRuns: runs(20),
        seed: SEED + 602,
        endOnFailure: true,
        // A valid new name (the overview, confirmed), and a name with markup and a NUL next to a faulty KBO number (refused).
        examples: [
          [{ fuzzed: ['nameNl'], values: { ...legit, nameNl: `OCMW Aartselaar ${TOKEN}` } as never }],
          [{ fuzzed: ['nameFr', 'kbo'], values: { ...legit, nameFr: `<${TOKEN}>\u0000`, kbo: '0212.000.00' } as never }],
        ],
      },
    );

    // A merger recorded: the partners (one KBO number or NIS code a line), the scenario, the dates, the keeper, the new
    // identifiers, names, language, region, province. One to three fields fuzzed over a valid scenario-3 merger of
    // Boechout and Boom; a valid one is the overview, recorded one time in four.
    const RECORD_TEXT = ['partners', 'effectiveOn', 'transitionEndsOn', 'keeper', 'newKbo', 'newNis', 'nameNl', 'nameFr', 'nameDe', 'province'] as const;
    const RECORD_FIELDS = [...RECORD_TEXT, 'scenario', 'language', 'region'] as const;
    for (const f of RECORD_FIELDS) stats.fields.add(`merger:${f}`);
    const valid: Record<(typeof RECORD_FIELDS)[number], string> = {
      ...EMPTY_MERGER_FORM,
      partners: '11004\n11005',
      scenario: 'S3_KEEP_KBO_KEEP_NIS',
      effectiveOn: '01/01/2027',
      keeper: '11004',
    };
    const partnerLine = fc.oneof(fc.constantFrom('11004', '11005', '11008', '11 004', '0212.000.00', '99999', '11002', '46030'), fc.constant(kbo), hostile);
    const recordArb = fc.record({
      fuzzed: fc.subarray([...RECORD_FIELDS], { minLength: 1, maxLength: 3 }),
      values: fc.record({
        partners: fc.oneof(
          fc.array(partnerLine, { minLength: 0, maxLength: 4 }).chain((lines) => fc.constantFrom('\n', '\r\n', ', ', ';').map((sep) => lines.join(sep))),
          hostile,
        ),
        scenario: valueFor('choice', ['S1_NEW_KBO_NEW_NIS', 'S2_KEEP_KBO_NEW_NIS', 'S3_KEEP_KBO_KEEP_NIS']),
        effectiveOn: valueFor('date', [], fc.constantFrom('01/01/2027', '2027-01-01', '01/01/2025')),
        transitionEndsOn: valueFor('date', [], fc.constantFrom('31/12/2027', '', '31/12/2026')),
        keeper: fc.oneof(fc.constantFrom('11004', '11005', '11008'), valueFor('number')),
        newKbo: valueFor('number', [], fc.constantFrom('0212000000', '0999999999')),
        newNis: valueFor('number', [], fc.constantFrom('11090', '11004', '1109')),
        nameNl: valueFor('text', [], fc.constantFrom('OCMW Boechout-Boom')),
        nameFr: valueFor('text', [], fc.constantFrom('CPAS de Boechout-Boom')),
        nameDe: valueFor('text', [], fc.constantFrom('ÖSHZ Boechout-Boom')),
        language: valueFor('choice', ['nl', 'fr', 'de', 'nl+fr']),
        region: valueFor('choice', ['VLG', 'WAL', 'BRU']),
        province: valueFor('text', [], fc.constantFrom('Antwerpen', 'Luik')),
      }),
    });
    let overviews = 0;
    await fc.assert(
      fc.asyncProperty(recordArb, async ({ fuzzed, values }) => {
        const form: Record<string, string> = { ...valid };
        for (const f of fuzzed) form[f] = fill(values[f]);
        count(fuzzed);
        const what = `Marc Lefèvre: POST /backoffice/mergers/new ${describeForm(form, fuzzed)}`;
        const { res } = await submit(marc, '/backoffice/mergers/new', form, fr, what);
        reach(res.statusCode === 200 ? 'merger overview' : `merger ${res.statusCode}`);
        const inputs = RECORD_TEXT.filter((f) => f !== 'partners' && fuzzed.includes(f));
        checkKept(res, '/backoffice/mergers/new', Object.fromEntries(inputs.map((f) => [f, form[f]])), what);
        if (res.statusCode === 422 && fuzzed.includes('partners')) {
          const shown = textareaValue(res.body, 'partners');
          const expected = postedText(wellFormed(form.partners)).replace(/^\r?\n/, '');
          if (shown !== expected) stats.notKept.push(`${what} → 422: partners shown as ${short(shown ?? '(absent)')} instead of ${short(expected)}`);
        }
        if (res.statusCode !== 200 || overviews++ % 4 !== 0) return;
        const { location } = await submit(
          marc,
          '/backoffice/mergers/new/confirm',
          formValues(res.body, '/backoffice/mergers/new/confirm'),
          fr,
          `${what} ⇒ confirm`,
        );
        if (location?.includes('m=recorded')) reach('merger recorded');
      }),
      {
        numRuns: runs(20),
        seed: SEED + 603,
        endOnFailure: true,
        // The valid merger (the overview, recorded), and partners with markup and a faulty KBO number (refused).
        examples: [
          [{ fuzzed: [], values: valid as never }],
          [{ fuzzed: ['partners', 'nameNl'], values: { ...valid, partners: `11004\n<${TOKEN}>\n0212.000.00`, nameNl: `<${TOKEN}>` } as never }],
        ],
      },
    );

    // The end of transition of a 2025 merger (Pajottegem): the overview, confirmed one time in three.
    const merger = (
      await t.db
        .selectFrom('mergers')
        .select('id')
        .where('merged_organisation_id', '=', await ocmwOf('23106'))
        .executeTakeFirstOrThrow()
    ).id;
    const page = `/backoffice/mergers/${merger}`;
    stats.fields.add('merger:transition');
    let transitions = 0;
    await fc.assert(
      fc.asyncProperty(valueFor('date', [], fc.constantFrom('31/12/2027', '2028-06-30', '', '31/12/2024')), async (raw) => {
        const version = formValues((await marc.get(page)).body, `${page}/transition`).version ?? '0';
        const form = { transitionEndsOn: fill(raw), version };
        count(['transitionEndsOn']);
        const what = `Marc Lefèvre: POST ${page}/transition transitionEndsOn=${short(form.transitionEndsOn)}`;
        const { res } = await submit(marc, `${page}/transition`, form, fr, what);
        reach(res.statusCode === 200 ? 'transition overview' : `transition ${res.statusCode}`);
        checkKept(res, `${page}/transition`, { transitionEndsOn: form.transitionEndsOn }, what);
        if (res.statusCode !== 200 || transitions++ % 3 !== 0) return;
        await submit(marc, `${page}/transition/confirm`, formValues(res.body, `${page}/transition/confirm`), fr, `${what} ⇒ confirm`);
      }),
      { numRuns: runs(12), seed: SEED + 604, endOnFailure: true, examples: [['31/12/2027'], [`31/02/2027 <${TOKEN}>`]] },
    );
    console.log(
      `registry and mergers fuzzing reached: ${[...reached]
        .filter(([k]) => /registry|merger|transition/.test(k))
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ')}`,
    );
    for (const step of [
      'registry overview',
      'registry 422',
      'registry saved',
      'merger overview',
      'merger 422',
      'merger recorded',
      'transition overview',
      'transition 422',
    ])
      assert.ok((reached.get(step) ?? 0) > 0, `the fuzzing reached “${step}”`);
  });

  it('answered no fuzzed input with a 5xx, reflected none unescaped, showed every rejection in a summary in the user’s language', () => {
    const detail = (list: string[]) => `${list.length}\n${list.slice(0, 15).join('\n')}`;
    assert.equal(stats.serverErrors.length, 0, `5xx: ${detail(stats.serverErrors)}`);
    assert.equal(stats.unescaped.length, 0, `unescaped reflections: ${detail(stats.unescaped)}`);
    assert.equal(stats.withoutSummary.length, 0, `rejections without a summary in the user's language: ${detail(stats.withoutSummary)}`);
    assert.equal(stats.notKept.length, 0, `rejected forms that lost what was typed: ${detail(stats.notKept)}`);
    assert.ok(stats.rejections > 0 && stats.escapedReflections > 0, 'the fuzzer reached rejections and reflections');
  });
});
