import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import type { Language } from '../db/types.ts';

export const LANGUAGES: readonly Language[] = ['nl', 'fr', 'de'];

function load(lang: Language): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8'));
}

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: load(lang) }])),
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
