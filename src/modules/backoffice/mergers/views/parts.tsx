import type { ComponentChildren } from 'preact';
import type { Actor } from '../../../../access/access.ts';
import { ErrorSummary, type FieldError } from '../../../../views/components.tsx';
import type { PageContext } from '../../../../views/layout.tsx';
import { organisationName } from '../../../shared/organisation-name.ts';
import { formatKbo } from '../../../shared/identifiers.ts';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { MergerErrors, Names } from '../mergers.model.ts';
import { problemText } from './texts.ts';

export interface Flash {
  kind: 'success' | 'info' | 'warning';
  key: string;
  params?: Record<string, string>;
}

export function MergersNav({ ctx, actor }: { ctx: PageContext; actor: Actor }) {
  return <BackofficeNav ctx={ctx} actor={actor} current="mergers" />;
}

/** The input each field's message links to. */
export const FIELD_IDS: Record<string, string> = {
  partners: 'm-partners',
  scenario: 'm-scenario-S1_NEW_KBO_NEW_NIS',
  effectiveOn: 'm-effective',
  transitionEndsOn: 'm-transition',
  keeper: 'm-keeper',
  newKbo: 'm-new-kbo',
  newNis: 'm-new-nis',
  nameNl: 'm-name-nl',
  nameFr: 'm-name-fr',
  nameDe: 'm-name-de',
  language: 'm-language',
  region: 'm-region',
  province: 'm-province',
  form: 'main',
};

const FIELD_LABELS: Record<string, string> = {
  partners: 'bo.mergers.field.partners',
  scenario: 'bo.mergers.field.scenario',
  effectiveOn: 'bo.mergers.field.effective_on',
  transitionEndsOn: 'bo.mergers.field.transition_ends_on',
  keeper: 'bo.mergers.field.keeper',
  newKbo: 'bo.mergers.field.new_kbo',
  newNis: 'bo.mergers.field.new_nis',
  nameNl: 'bo.mergers.field.name_nl',
  nameFr: 'bo.mergers.field.name_fr',
  nameDe: 'bo.mergers.field.name_de',
  language: 'bo.mergers.field.language',
  region: 'bo.mergers.field.region',
  province: 'bo.mergers.field.province',
  form: 'bo.mergers.field.form',
};

/** The error summary at the top of a form, each message linking to its field. */
export function Errors({ ctx, errors }: { ctx: PageContext; errors: MergerErrors }) {
  const list: FieldError[] = Object.entries(errors).flatMap(([field, problems]) =>
    (problems ?? []).map((p) => ({
      fieldId: FIELD_IDS[field] ?? 'main',
      label: ctx.t(FIELD_LABELS[field] ?? 'bo.mergers.field.form'),
      message: problemText(ctx.t, p),
    })),
  );
  return <ErrorSummary t={ctx.t} errors={list} />;
}

/** Hidden copies of what was typed: the overview's "Bevestigen" and "Wijzigen" post them again. */
export function Hidden({ values }: { values: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input type="hidden" name={name} value={String(value)} />
      ))}
    </>
  );
}

/** A definition list of label → value rows. */
export function Summary({ rows }: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="summary-list">
      {rows.map(([label, value]) => (
        <div class="summary-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "OCMW X (KBO 0123.456.749)" in the page's language. */
export function orgLabel(ctx: PageContext, org: Names & { kbo: string }): string {
  return `${organisationName(org, ctx.lang)} (${ctx.t('common.kbo')} ${formatKbo(org.kbo)})`;
}
