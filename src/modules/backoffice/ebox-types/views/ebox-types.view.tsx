import type { Actor } from '../../../../access/access.ts';
import { formatDateTime } from '../../../../i18n/format.ts';
import { ErrorSummary, type FieldError, Notice, TableRegion } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { LEGISLATION_KEYS, type Legislation, type MessageType, TYPE_KEYS, isLegislation, isMessageType } from '../../../ebox/message-types.ts';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import { validityField } from '../ebox-types-input.ts';
import { type EboxTypeRow, MAX_VALIDITY_MONTHS, MIN_VALIDITY_MONTHS, type ValidityError, type ValidityValues } from '../ebox-types.model.ts';

const BASE = '/backoffice/ebox/types';

/** The texts of the refusals, written out so every key stays a literal. */
const ERROR_KEYS: Record<ValidityError, string> = {
  required: 'bo.ebox_types.error.required',
  not_whole: 'bo.ebox_types.error.not_whole',
  out_of_range: 'bo.ebox_types.error.out_of_range',
};

export interface EboxTypesPageProps {
  ctx: PageContext;
  actor: Actor;
  types: EboxTypeRow[];
  /** the validity per type code as the fields show it: saved, or as typed when refused */
  values: ValidityValues;
  canEdit: boolean;
  errors?: Record<string, ValidityError>;
  flash?: string;
}

const inputId = (code: string) => `validity-${code}`;

/**
 * The e-Box's document types (portal.md §4.2) with their legislations and validity in months: the beheerder changes a
 * validity here (1–240 months); the dossierbeheerder reads it. A change applies to messages published from then on.
 */
export function EboxTypesPage({ ctx, actor, types, values, canEdit, errors = {}, flash }: EboxTypesPageProps) {
  const { t, lang } = ctx;
  const title = t('bo.ebox_types.title');
  const typeName = (code: string) => (isMessageType(code) ? t(TYPE_KEYS[code as MessageType]) : code);
  const legislations = (codes: string[]) => codes.map((c) => (isLegislation(c) ? t(LEGISLATION_KEYS[c as Legislation]) : c)).join(', ');
  const summary: FieldError[] = types
    .filter((type) => errors[type.code])
    .map((type) => ({ fieldId: inputId(type.code), label: typeName(type.code), message: t(ERROR_KEYS[errors[type.code]]) }));
  const table = (
    <TableRegion labelledBy="ebox-types-caption" focusable={!canEdit}>
      <table class="data-table">
        <caption id="ebox-types-caption" class="visually-hidden">
          {title}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('bo.ebox_types.col.type')}</th>
            <th scope="col">{t('bo.ebox_types.col.legislations')}</th>
            <th scope="col">{t('bo.ebox_types.col.validity')}</th>
            <th scope="col">{t('bo.ebox_types.col.changed')}</th>
          </tr>
        </thead>
        <tbody>
          {types.map((type) => {
            const error = errors[type.code];
            const errorId = `${inputId(type.code)}-error`;
            return (
              <tr>
                <th scope="row">
                  {canEdit ? <label for={inputId(type.code)}>{typeName(type.code)}</label> : typeName(type.code)}
                  <div class="field__hint">
                    <code>{type.code}</code>
                  </div>
                </th>
                <td>{legislations(type.legislations)}</td>
                <td class={error ? 'field--error' : undefined}>
                  {canEdit ? (
                    <>
                      {error && (
                        <p id={errorId} class="field__error">
                          {t(ERROR_KEYS[error])}
                        </p>
                      )}
                      <input
                        id={inputId(type.code)}
                        name={validityField(type.code)}
                        class="field__input field__input--short"
                        inputMode="numeric"
                        value={values[type.code] ?? ''}
                        aria-invalid={error ? 'true' : undefined}
                        aria-describedby={error ? errorId : undefined}
                      />{' '}
                      {t('bo.ebox_types.months_unit')}
                    </>
                  ) : (
                    t('bo.ebox_types.months', { count: type.validityMonths })
                  )}
                </td>
                <td class="nowrap">
                  {type.changedAt ? (
                    <>
                      {formatDateTime(type.changedAt, lang)}
                      {type.changedBy && <div class="field__hint">{type.changedBy}</div>}
                    </>
                  ) : (
                    t('bo.ebox_types.default')
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="ebox_types" />
      <ErrorSummary t={t} errors={summary} />
      <h1>{title}</h1>
      {flash && <Notice kind="success">{t(flash)}</Notice>}
      <p>{t('bo.ebox_types.intro')}</p>
      <p>{t('bo.ebox_types.applies_from_now')}</p>
      {canEdit ? (
        <form method="post" action={BASE} novalidate>
          <p class="field__hint">{t('bo.ebox_types.range', { min: MIN_VALIDITY_MONTHS, max: MAX_VALIDITY_MONTHS })}</p>
          {table}
          <button type="submit" class="button">
            {t('bo.ebox_types.save')}
          </button>
        </form>
      ) : (
        <>
          <p>{t('bo.ebox_types.read_only')}</p>
          {table}
        </>
      )}
    </Layout>
  );
}
