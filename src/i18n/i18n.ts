import { existsSync, readFileSync, readdirSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import type { Language } from './language.ts';

export const LANGUAGES: readonly Language[] = ['nl', 'fr', 'de'];

type Tree = { [key: string]: string | Tree };

/**
 * The texts of one language: `<lang>.json` (platform and shared texts) plus one file per business area in
 * `<lang>/` (a measure, the reference-data import…), deep-merged, so that areas evolve without touching
 * each other. A text defined by two files is a mistake and fails at start-up.
 */
export function loadLanguage(lang: Language): Tree {
  const tree: Tree = JSON.parse(readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8'));
  const dir = new URL(`./${lang}/`, import.meta.url);
  if (!existsSync(dir)) return tree;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    merge(tree, JSON.parse(readFileSync(new URL(file, dir), 'utf8')), `${lang}/${file}`);
  }
  return tree;
}

function merge(into: Tree, from: Tree, source: string, prefix = ''): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (typeof value === 'object' && (existing === undefined || typeof existing === 'object')) {
      into[key] = existing ?? {};
      merge(into[key] as Tree, value, source, `${prefix}${key}.`);
    } else if (existing !== undefined) {
      throw new Error(`Translation ${prefix}${key} of ${source} is defined twice`);
    } else {
      into[key] = value;
    }
  }
}

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: loadLanguage(lang) }])),
  lng: 'nl',
  // German keys exist; where a German text is still missing, French is closer for German-speaking OCMWs.
  fallbackLng: { de: ['fr', 'nl'], default: ['nl'] },
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type T = TFunction;

/**
 * One fixed translation function per language, built once; never switch the global language.
 * Texts without interpolation are memoised: i18next's resolution showed up as a fifth of a page's CPU.
 */
const translators = new Map<Language, T>();

function memoised(lang: Language): T {
  const fixed = instance.getFixedT(lang);
  const cache = new Map<string, string>();
  const t = ((key: string | string[], options?: unknown) => {
    if (options !== undefined || typeof key !== 'string') return (fixed as (k: unknown, o?: unknown) => string)(key, options);
    let text = cache.get(key);
    if (text === undefined) {
      text = fixed(key);
      cache.set(key, text);
    }
    return text;
  }) as unknown as T;
  return t;
}

export function translator(lang: Language): T {
  let t = translators.get(lang);
  if (!t) {
    t = memoised(lang);
    translators.set(lang, t);
  }
  return t;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
