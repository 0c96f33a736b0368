import { assumptionLines } from './assumption-lines.ts';
import type { Language } from '../../db/types.ts';
import type { T } from '../../i18n/i18n.ts';
import { formatDateTime, formatIssueParams, formatNumeric } from '../../i18n/format.ts';
import { formatRef, formatValue } from '../forms/format-value.ts';
import type { FormDefinition } from '../forms/definition.ts';
import type { LoadedForm } from './reports.service.ts';
import { organisationName } from '../shared/organisation-name.ts';
import { formStateKey } from './views/form-header.tsx';
import { formatIban, formatKbo } from '../shared/identifiers.ts';
import type { PrintableBlock, PrintableField, PrintableForm, PrintableSection } from '../documents/printable.ts';
import type { OrganisationRow } from './form.model.ts';
import { signingMeansLine } from '../signatures/signing-means.ts';

const SIGNATURE_HEADINGS = { CHAIR: 'signature.chair', DIRECTOR: 'signature.director' } as const;

/**
 * One printed part per section of the definition, under the section's title (with the form's numbering, "2a. …"):
 * its field rows and its tables in order, each table under its own name. The totals row says "Totaal" in its first
 * cell when nothing is totalled there; a staff table's rows are named by last and first name.
 */
function sections(t: T, lang: Language, form: LoadedForm, definition: FormDefinition): PrintableSection[] {
  const { evaluation } = form;
  return definition.sections.flatMap((section): PrintableSection[] => {
    const title = t(section.titleKey);
    const blocks: PrintableBlock[] = [];
    let rows: PrintableField[] = [];
    const flush = () => {
      if (rows.length) blocks.push({ kind: 'fields', rows });
      rows = [];
    };
    for (const item of section.items) {
      if (item.kind === 'input') rows.push({ label: t(item.labelKey), value: formatValue(item, evaluation.values[item.key] ?? null, t, lang) });
      else if (item.kind === 'ref') rows.push({ label: t(item.labelKey), value: formatRef(item, evaluation.refs[item.key] ?? null, t, lang) });
      else if (item.kind === 'computed') {
        const value = evaluation.computed[item.key] ?? null;
        const negative = item.negativeLabelKey !== undefined && value !== null && value < 0;
        rows.push({
          label: t(negative ? (item.negativeLabelKey as string) : item.labelKey),
          value: formatNumeric(item.type, negative && value !== null ? -value : value, lang),
          emphasis: true,
        });
      } else {
        flush();
        const computed = item.rowComputed ?? [];
        const totals = evaluation.totals[item.key] ?? {};
        const totalsRow = item.totals?.length
          ? [...item.columns, ...computed].map((c) => (item.totals?.includes(c.key) ? formatNumeric(c.type as 'money', totals[c.key] ?? 0, lang) : ''))
          : undefined;
        if (totalsRow && totalsRow[0] === '') totalsRow[0] = t('form.total');
        const label = t(item.labelKey);
        blocks.push({
          kind: 'table',
          // a table named like its part is not named twice
          title: label === title ? undefined : label,
          columns: [...item.columns.map((c) => t(c.labelKey)), ...computed.map((c) => t(c.labelKey))],
          rows: (evaluation.tables[item.key] ?? []).map((row, i) => [
            ...item.columns.map((c) => formatValue(c, row[c.key] ?? null, t, lang)),
            ...computed.map((c) => formatNumeric(c.type, evaluation.rowComputed[item.key]?.[i]?.[c.key] ?? null, lang)),
          ]),
          totals: totalsRow,
          titleColumns: item.staffRows ? 2 : 1,
        });
      }
    }
    flush();
    return blocks.length ? [{ kind: 'part', title, blocks }] : [];
  });
}

/**
 * The OCMW's contact person as a sentence: "An Peeters, bereikbaar op an@ocmw.be of 050 12 34 56" — the parts
 * present, in the reader's language; a dash when there is nobody.
 */
export function contactSentence(t: T, org: Pick<OrganisationRow, 'contact_first_name' | 'contact_last_name' | 'contact_email' | 'contact_phone'>): string {
  const name = [org.contact_first_name, org.contact_last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  const email = org.contact_email?.trim();
  const phone = org.contact_phone?.trim();
  const reach =
    email && phone ? t('pdf.reach_email_phone', { email, phone }) : email ? t('pdf.reach_email', { email }) : phone ? t('pdf.reach_phone', { phone }) : '';
  if (name && reach) return t('pdf.contact_sentence', { name, reach });
  if (reach) return reach.charAt(0).toLocaleUpperCase() + reach.slice(1);
  return name || '—';
}

/** Everything the PDF shows, translated and formatted: values, computed amounts, OCMW, state, signatures, hash. */
export function buildPrintableForm(t: T, lang: Language, form: LoadedForm, definition: FormDefinition, now: Date): PrintableForm {
  const org = form.organisation;
  const submittedAt = form.instance?.submitted_at;
  const issues = form.evaluation.issues.map(
    (i) => `${i.severity === 'error' ? t('form.error_prefix') : t('form.warning_prefix')} ${t(i.code, formatIssueParams(i.params, lang, t))}`,
  );
  const body = sections(t, lang, form, definition);
  if (issues.length) body.push({ kind: 'fields', title: t('form.issues_title'), rows: issues.map((text) => ({ label: text, value: '' })) });
  // parameters that are assumptions, not yet confirmed by POD MI (issue 14, item 22)
  const assumptions = assumptionLines(t, lang, form.campaign.params as Record<string, unknown>);
  if (assumptions.length) body.push({ kind: 'fields', title: t('assumption.title'), rows: assumptions });
  return {
    language: lang,
    title: t(definition.titleKey),
    header: [
      { label: t('app.name'), value: t('app.owner') },
      { label: t('common.report_year'), value: String(form.campaign.report_year) },
      { label: t('common.ocmw'), value: organisationName(org, lang) },
      { label: t('common.kbo'), value: formatKbo(org.kbo) },
      { label: t('ocmw.iban'), value: org.iban ? formatIban(org.iban) : '—' },
      { label: t('ocmw.bic'), value: org.bic ?? '—' },
      { label: t('ocmw.contact'), value: contactSentence(t, org) },
    ],
    stateLabel: submittedAt
      ? `${t('common.state')}: ${t('state.submitted')} (${formatDateTime(submittedAt, lang)})`
      : `${t('common.state')}: ${t(formStateKey(form))}`,
    draft: !submittedAt,
    draftWatermark: t('pdf.draft'),
    sections: body,
    signatures: (['CHAIR', 'DIRECTOR'] as const).map((role) => {
      const s = form.signatures.find((x) => x.role === role);
      return {
        heading: t(SIGNATURE_HEADINGS[role]),
        lines: s
          ? [
              `${s.first_name} ${s.last_name}`,
              formatDateTime(s.signed_at, lang),
              ...(signingMeansLine(t, lang, s) ? [signingMeansLine(t, lang, s) as string] : []),
              // in groups of eight: the 64 hex digits do not fit half a line, and a group is never cut
              `${t('pdf.signed_hash')}: ${s.content_hash.replace(/(.{8})(?=.)/g, '$1 ')}`,
            ]
          : [t('signature.not_signed')],
      };
    }),
    contentHash: { label: t('pdf.content_hash'), value: form.contentHash },
    footer: t('pdf.printed_at', { date: formatDateTime(now, lang) }),
  };
}
