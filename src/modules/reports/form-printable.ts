import type { Language } from '../../db/types.ts';
import type { T } from '../../i18n/i18n.ts';
import { formatDateTime, formatIssueParams, formatNumeric } from '../../i18n/format.ts';
import { formatRef, formatValue } from '../forms/format-value.ts';
import type { FormDefinition } from '../forms/definition.ts';
import type { LoadedForm } from './reports.service.ts';
import { organisationName } from '../shared/organisation-name.ts';
import { formStateKey } from './views/form-header.tsx';
import { formatIban, formatKbo } from '../shared/identifiers.ts';
import type { PrintableForm, PrintableSection } from '../documents/printable.ts';
import { signingMeansLine } from '../signatures/signing-means.ts';

const SIGNATURE_HEADINGS = { CHAIR: 'signature.chair', DIRECTOR: 'signature.director' } as const;

function sections(t: T, lang: Language, form: LoadedForm, definition: FormDefinition): PrintableSection[] {
  const { evaluation } = form;
  return definition.sections.flatMap((section): PrintableSection[] => {
    const out: PrintableSection[] = [];
    let rows: Array<{ label: string; value: string; emphasis?: boolean }> = [];
    const flush = () => {
      if (rows.length) out.push({ kind: 'fields', title: t(section.titleKey), rows });
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
        out.push({
          kind: 'table',
          title: t(item.labelKey),
          columns: [...item.columns.map((c) => t(c.labelKey)), ...computed.map((c) => t(c.labelKey))],
          rows: (evaluation.tables[item.key] ?? []).map((row, i) => [
            ...item.columns.map((c) => formatValue(c, row[c.key] ?? null, t, lang)),
            ...computed.map((c) => formatNumeric(c.type, evaluation.rowComputed[item.key]?.[i]?.[c.key] ?? null, lang)),
          ]),
          totals: item.totals?.length
            ? [...item.columns, ...computed].map((c) => (item.totals?.includes(c.key) ? formatNumeric(c.type as 'money', totals[c.key] ?? 0, lang) : ''))
            : undefined,
        });
      }
    }
    flush();
    return out;
  });
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
      {
        label: t('ocmw.contact'),
        value: [org.contact_first_name, org.contact_last_name, org.contact_email, org.contact_phone].filter(Boolean).join(' — ') || '—',
      },
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
              `${t('pdf.signed_hash')}: ${s.content_hash}`,
            ]
          : [t('signature.not_signed')],
      };
    }),
    contentHash: { label: t('pdf.content_hash'), value: form.contentHash },
    footer: t('pdf.printed_at', { date: formatDateTime(now, lang) }),
  };
}
