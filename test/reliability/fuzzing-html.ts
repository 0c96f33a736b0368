import type { Language } from '../../src/db/types.ts';
import { loadLanguage } from '../../src/i18n/i18n.ts';

/**
 * Helpers of the fuzzing suite (fuzzing.test.ts): a small HTML tokenizer (no parser dependency) that finds
 * payload markers that escaped their context, and checks that an error summary is written in the user's
 * language.
 */

/** The prefix of every marker the fuzzer plants: `<x-fuzz-12>` as a tag, `x-fuzz-12` as an attribute name. */
export const MARK = 'x-fuzz-';

export interface Tag {
  name: string;
  attrs: Array<[string, string]>;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/**
 * Tokenizes HTML the way a browser's tokenizer splits tags and attributes (comments, doctype, quoted and
 * unquoted values, raw-text elements), enough to see whether a payload became markup.
 */
export function tokenize(html: string): { tags: Tag[]; rawTexts: Array<{ element: string; text: string }> } {
  const tags: Tag[] = [];
  const rawTexts: Array<{ element: string; text: string }> = [];
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const head = /^<(\/?)([A-Za-z][^\s/>]*)/.exec(html.slice(lt, lt + 256));
    if (!head) {
      i = lt + 1;
      continue;
    }
    const closing = head[1] === '/';
    const name = head[2].toLowerCase();
    const attrs: Array<[string, string]> = [];
    let j = lt + head[0].length;
    while (j < n) {
      while (j < n && /[\s/]/.test(html[j])) j++;
      if (j >= n) break;
      if (html[j] === '>') {
        j++;
        break;
      }
      let k = j + 1;
      while (k < n && !/[\s/>=]/.test(html[k])) k++;
      const attrName = html.slice(j, k).toLowerCase();
      j = k;
      while (j < n && /\s/.test(html[j])) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (j < n && /\s/.test(html[j])) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end < 0 ? n : end);
          j = end < 0 ? n : end + 1;
        } else {
          let e = j;
          while (e < n && !/[\s>]/.test(html[e])) e++;
          value = html.slice(j, e);
          j = e;
        }
      }
      attrs.push([attrName, value]);
    }
    if (!closing) {
      tags.push({ name, attrs });
      if (RAW_TEXT.has(name)) {
        const close = html.toLowerCase().indexOf(`</${name}`, j);
        const end = close < 0 ? n : close;
        rawTexts.push({ element: name, text: html.slice(j, end) });
        j = end;
      }
    }
    i = j;
  }
  return { tags, rawTexts };
}

/** Markers that became markup: a tag, an attribute, an event handler, a javascript: URL or script text. */
export function unescapedMarkers(html: string): string[] {
  const found: string[] = [];
  const lower = html.toLowerCase();
  if (!lower.includes(MARK)) return found;
  for (const m of lower.matchAll(/<\/?x-fuzz-\d+/g)) found.push(`raw tag ${m[0]}`);
  const { tags, rawTexts } = tokenize(html);
  for (const tag of tags) {
    if (tag.name.startsWith(MARK)) found.push(`element <${tag.name}>`);
    for (const [name, value] of tag.attrs) {
      if (name.includes(MARK)) found.push(`attribute ${name} on <${tag.name}>`);
      else if (name.startsWith('on') && value.toLowerCase().includes(MARK)) found.push(`event handler ${name}="${value.slice(0, 60)}" on <${tag.name}>`);
      else if (['href', 'src', 'action', 'formaction'].includes(name) && /^\s*javascript:/i.test(value) && value.toLowerCase().includes(MARK))
        found.push(`javascript: URL in ${name} of <${tag.name}>`);
    }
  }
  for (const raw of rawTexts) {
    if ((raw.element === 'script' || raw.element === 'style') && raw.text.toLowerCase().includes(MARK)) found.push(`marker inside <${raw.element}>`);
  }
  return [...new Set(found)];
}

export function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, out: Set<string>): Set<string> {
  for (const value of Object.values(tree)) {
    if (typeof value === 'string') out.add(value);
    else leaves(value, out);
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every text of a language, and its templates (`{{x}}` as a wildcard) as anchored regular expressions. */
export class LanguageTexts {
  readonly texts: Set<string>;
  private readonly templates: RegExp[];
  private readonly cache = new Map<string, boolean>();

  constructor(readonly lang: Language) {
    this.texts = leaves(loadLanguage(lang) as Tree, new Set());
    this.templates = [...this.texts]
      .filter((s) => s.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)/g, '').trim().length >= 3)
      .map(
        (s) =>
          new RegExp(
            `(?:^|: )${s
              .split(/\{\{[^}]*\}\}|\$t\([^)]*\)/)
              .map(escapeRe)
              .join('[\\s\\S]*?')}$`,
          ),
      );
  }

  /** Does the text end with a message of this language (a summary entry is "label: message")? */
  endsWithMessage(text: string): boolean {
    // Entries differ mostly by row numbers and amounts: one test per shape.
    const shape = text.replace(/\d+/g, '#');
    let hit = this.cache.get(shape);
    if (hit === undefined) {
      hit = this.templates.some((re) => re.test(text));
      this.cache.set(shape, hit);
    }
    return hit;
  }
}

export interface SummaryCheck {
  /** the page shows a rejection: a 4xx status or a field error */
  rejection: boolean;
  /** what is wrong with its error summary (empty when fine or when no rejection) */
  problems: string[];
}

/**
 * A rejection (a 4xx page, or a page with a field error) must show the error summary (class="error-summary"),
 * its title and every message in the user's language, on a page whose lang is the user's.
 */
export function checkSummary(status: number, html: string, texts: LanguageTexts): SummaryCheck {
  const fieldError = /class="field__error"|aria-invalid="true"/.test(html);
  const rejection = (status >= 400 && status < 500) || fieldError;
  if (!rejection) return { rejection, problems: [] };
  const problems: string[] = [];
  const lang = /<html[^>]*\blang="([^"]*)"/.exec(html)?.[1];
  if (lang !== texts.lang) problems.push(`page language ${lang ?? 'missing'} instead of ${texts.lang}`);
  const block = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  if (!block) {
    const title = decodeEntities(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '')
      .replace(/<[^>]*>/g, '')
      .trim();
    problems.push(`no error summary (status ${status}, heading «${title.slice(0, 80)}»)`);
    return { rejection, problems };
  }
  const title = decodeEntities((/<h2[^>]*class="error-summary__title"[^>]*>([\s\S]*?)<\/h2>/.exec(block[1])?.[1] ?? '').replace(/<[^>]*>/g, '').trim());
  if (!texts.texts.has(title)) problems.push(`summary title «${title}» is not a ${texts.lang} text`);
  const entries = [...block[1].matchAll(/<li>\s*<a[^>]*>([\s\S]*?)<\/a>\s*<\/li>/g)].map((m) => decodeEntities(m[1].replace(/<[^>]*>/g, '')).trim());
  if (entries.length === 0) problems.push('summary without entries');
  for (const entry of entries) if (!texts.endsWithMessage(entry)) problems.push(`summary entry not in ${texts.lang}: «${entry.slice(0, 160)}»`);
  return { rejection, problems };
}
