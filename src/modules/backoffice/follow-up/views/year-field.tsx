import type { T } from '../../../../i18n/i18n.ts';

/** The report year chosen in the filter forms of the follow-up screens (dashboard, OCMW list). */
export function YearField({ t, id, years, year }: { t: T; id: string; years: number[]; year: number }) {
  return (
    <div class="field">
      <label for={id} class="field__label">
        {t('common.report_year')}
      </label>
      <select id={id} name="year" class="field__select">
        {years.map((y) => (
          <option value={String(y)} selected={y === year}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}
