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

/** One fixed translation function per request; never switch the global language. */
export function translator(lang: Language): T {
  return instance.getFixedT(lang);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
