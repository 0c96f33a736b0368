import type { T } from '../../../i18n/i18n.ts';
import { type FormDefinition, editableSections, sectionOf } from '../../forms/definition.ts';
import type { Evaluation } from '../../forms/evaluate.ts';

/** Errors and warnings per section of a form. */
export function issueCounts(definition: FormDefinition, evaluation: Evaluation): Map<string, { errors: number; warnings: number }> {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const issue of evaluation.issues) {
    const key = sectionOf(definition, issue.path)?.key ?? '';
    const c = counts.get(key) ?? { errors: 0, warnings: 0 };
    if (issue.severity === 'error') c.errors++;
    else c.warnings++;
    counts.set(key, c);
  }
  return counts;
}

/**
 * The parts of a long form with their state (errors, warnings): links to each part's edit page, or to the
 * part on the read-only page. The current part is marked for assistive technology.
 */
export function PartsNav({
  t,
  definition,
  evaluation,
  hrefOf,
  current,
}: {
  t: T;
  definition: FormDefinition;
  evaluation: Evaluation;
  hrefOf: (section: string) => string;
  current?: string;
}) {
  const counts = issueCounts(definition, evaluation);
  return (
    <nav class="parts-nav" aria-label={t('form.parts')}>
      <ol>
        {editableSections(definition).map((section) => {
          const c = counts.get(section.key);
          return (
            <li>
              <a href={hrefOf(section.key)} aria-current={section.key === current ? 'page' : undefined}>
                {t(section.titleKey)}
              </a>
              {c && c.errors > 0 && <span class="tag tag--error">{t('form.part_errors', { count: c.errors })}</span>}
              {c && c.warnings > 0 && <span class="tag tag--warning">{t('form.part_warnings', { count: c.warnings })}</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
