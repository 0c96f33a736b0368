import { createHash } from 'node:crypto';

/** The hidden sheet that tells which form, year and template version a workbook belongs to (forms.md §2.7). */
export const INFO_SHEET = 'Info';
const FORMAT = 'uniek-verslag-workbook';

export interface TemplateInfo {
  measure: string;
  reportYear: number;
  templateVersion: number;
  language: string;
  /** the KBO number of the OCMW the workbook was downloaded for; absent in workbooks made before it was written */
  kbo?: string;
  /** per sheet, the header texts the template was generated with */
  headers: Record<string, string[]>;
}

export type InfoRead = { kind: 'missing' } | { kind: 'altered' } | { kind: 'ok'; info: TemplateInfo };

/** A checksum over the sheet's content: an edited Info sheet is not the template any more. */
function fingerprint(info: TemplateInfo): string {
  // The KBO joins the checksum only when present: a workbook downloaded before it was written keeps its checksum.
  const content = [FORMAT, info.measure, info.reportYear, info.templateVersion, info.language, ...(info.kbo ? [info.kbo] : []), Object.entries(info.headers)];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The rows of the Info sheet: a key in column A, its value(s) from column B. */
export function infoRows(info: TemplateInfo): Array<Array<string | number>> {
  return [
    ['format', FORMAT],
    ['measure', info.measure],
    ['reportYear', info.reportYear],
    ['templateVersion', info.templateVersion],
    ['language', info.language],
    ...(info.kbo ? [['kbo', info.kbo]] : []),
    ...Object.entries(info.headers).map(([sheet, headers]) => ['sheet', sheet, ...headers]),
    ['check', fingerprint(info)],
  ];
}

function integer(text: string | undefined): number | null {
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : null;
}

function parsed(values: Map<string, string[]>, headers: Record<string, string[]>): TemplateInfo | null {
  const one = (key: string) => values.get(key)?.[0];
  const reportYear = integer(one('reportYear'));
  const templateVersion = integer(one('templateVersion'));
  const measure = one('measure');
  const language = one('language');
  const kbo = one('kbo');
  if (reportYear === null || templateVersion === null || !measure || !language) return null;
  if (kbo !== undefined && !/^\d{10}$/.test(kbo)) return null;
  return { measure, reportYear, templateVersion, language, ...(kbo ? { kbo } : {}), headers };
}

/** Reads the Info sheet's rows (cell texts): missing when it is not our format, altered when its checksum fails. */
export function readInfo(rows: string[][]): InfoRead {
  const values = new Map<string, string[]>();
  const headers: Record<string, string[]> = {};
  for (const [key = '', ...rest] of rows) {
    if (key === 'sheet' && rest[0]) headers[rest[0]] = rest.slice(1);
    else if (!values.has(key)) values.set(key, rest);
  }
  if (values.get('format')?.[0] !== FORMAT) return { kind: 'missing' };
  const info = parsed(values, headers);
  if (!info || values.get('check')?.[0] !== fingerprint(info)) return { kind: 'altered' };
  return { kind: 'ok', info };
}
