import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadLanguage, translator } from '../../src/i18n/i18n.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { allDefinitions } from '../../src/modules/forms/registry.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const load = (lang: 'nl' | 'fr' | 'de') => flatten(loadLanguage(lang) as Tree);
const nl = load('nl');
const fr = load('fr');
const de = load('de');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => join(dir, f));
}

/** Every string literal of the source code that looks like a translation key of a known namespace. */
function literalKeys(): Set<string> {
  const namespaces = new Set([...nl.keys()].map((k) => k.split('.')[0]));
  const found = new Set<string>();
  const literals = new Set<string>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]([a-z][a-z_]*(?:\.[A-Za-z0-9_]+)+)['"`]/g)) {
      if (namespaces.has(m[1].split('.')[0])) found.add(m[1]);
    }
    for (const m of text.matchAll(/['"`]([A-Za-z0-9_]+)['"`]/g)) literals.add(m[1]);
  }
  // Labels of named enum lists are built as enum.<list>.<value> (namedOptions): used when both names appear.
  for (const key of nl.keys()) {
    const [ns, list, value] = key.split('.');
    if (ns === 'enum' && literals.has(list) && literals.has(value)) found.add(key);
  }
  return found;
}

/** Every text key a definition names: title, sections, labels, hints, enum options, computed columns. */
function definitionKeys(definition: FormDefinition): string[] {
  const keys = [definition.titleKey];
  for (const section of definition.sections) {
    keys.push(section.titleKey, ...(section.introKey ? [section.introKey] : []));
    for (const item of section.items) {
      keys.push(item.labelKey, ...('hintKey' in item && item.hintKey ? [item.hintKey] : []));
      if (item.kind === 'computed' && item.negativeLabelKey) keys.push(item.negativeLabelKey);
      if (item.kind !== 'table') continue;
      for (const column of item.columns)
        keys.push(column.labelKey, ...(column.hintKey ? [column.hintKey] : []), ...(column.options ?? []).map((o) => o.labelKey));
      for (const column of item.rowComputed ?? []) keys.push(column.labelKey);
    }
  }
  return keys;
}

describe('translations', () => {
  it('has a text for every label, hint and option of every form definition', () => {
    const missing = allDefinitions().flatMap((d) =>
      definitionKeys(d)
        .filter((k) => !nl.has(k))
        .map((k) => `${d.measure}@${d.version}: ${k}`),
    );
    assert.deepEqual(missing, []);
  });

  it('has the same keys in Dutch, French and German', () => {
    for (const [name, other] of [
      ['fr', fr],
      ['de', de],
    ] as const) {
      const missing = [...nl.keys()].filter((k) => !other.has(k));
      const extra = [...other.keys()].filter((k) => !nl.has(k));
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${name}.json differs from nl.json`);
    }
  });

  it('uses the same placeholders in every language', () => {
    const mismatches = [...nl].flatMap(([key, text]) =>
      [fr, de].filter((other) => other.has(key) && placeholders(other.get(key) ?? '').join() !== placeholders(text).join()).map(() => key),
    );
    assert.deepEqual(mismatches, []);
  });

  it('has no empty texts', () => {
    const empty = [nl, fr, de].flatMap((m) => [...m].filter(([, v]) => v.trim() === '').map(([k]) => k));
    assert.deepEqual(empty, []);
  });

  it('defines every key the code uses', () => {
    const missing = [...literalKeys()].filter((k) => !nl.has(k) && !nl.has(`${k}_other`));
    assert.deepEqual(missing, []);
  });

  it('uses every key it defines', () => {
    const used = literalKeys();
    // Plural forms (i18next: key_one, key_other) are used through their base key.
    const unused = [...nl.keys()].filter((k) => !used.has(k) && !used.has(k.replace(/_(zero|one|two|few|many|other)$/, '')));
    assert.deepEqual(unused, []);
  });

  it('translates per request without touching a global language', () => {
    assert.equal(translator('fr')('button.sign'), 'Signer');
    assert.equal(translator('nl')('button.sign'), 'Ondertekenen');
    assert.equal(translator('de')('button.sign'), 'Unterzeichnen');
  });
});
