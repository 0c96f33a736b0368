import type { T } from '../../../i18n/i18n.ts';
import type { Part, PartState } from '../part-states.ts';

/** The status tag of a part: the words, and the tag's colour. */
function stateTag(t: T, state: PartState): { text: string; modifier: string } {
  switch (state.kind) {
    case 'not_started':
      return { text: t('form.part_state.not_started'), modifier: 'tag--grey' };
    case 'in_progress':
      return { text: t('form.part_state.in_progress'), modifier: 'tag--info' };
    case 'errors':
      return { text: t('form.part_state.errors', { count: state.errors }), modifier: 'tag--error' };
    case 'completed':
      return { text: t('form.part_state.completed'), modifier: 'tag--success' };
  }
}

/**
 * The parts of a long form as a task list (issue 14, item 4): each part's title (it carries its own number: "1.",
 * "2a."), a link to its edit page or to the part on the read-only page, and its state — Niet begonnen, Bezig,
 * Voltooid or Fouten (n) — with its warnings. The current part is marked for assistive technology.
 */
export function PartsNav({ t, parts, hrefOf, current }: { t: T; parts: Part[]; hrefOf: (section: string) => string; current?: string }) {
  return (
    <nav class="task-list" aria-label={t('form.parts')}>
      <ul>
        {parts.map(({ section, state, warnings }) => {
          const tag = stateTag(t, state);
          const tagId = `part-state-${section.key}`;
          return (
            <li class="task-list__item">
              <a href={hrefOf(section.key)} aria-current={section.key === current ? 'page' : undefined} aria-describedby={tagId}>
                {t(section.titleKey)}
              </a>
              <span class="task-list__status" id={tagId}>
                <span class={`tag ${tag.modifier}`}>{tag.text}</span>
                {warnings > 0 && <span class="tag tag--warning">{t('form.part_warnings', { count: warnings })}</span>}
              </span>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
