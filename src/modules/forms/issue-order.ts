import type { FormDefinition, Issue } from './definition.ts';

/**
 * Issues in the order of the page (issue 14, item 4): the whole-form issues first (they point at the top of the form),
 * then by the item's place in the definition, the row, and the column's place in its table — not in the order the
 * rules happened to run.
 */
export function inPageOrder(definition: FormDefinition, issues: Issue[]): Issue[] {
  const itemAt = new Map<string, number>();
  const columnAt = new Map<string, number>();
  for (const section of definition.sections) {
    for (const item of section.items) {
      itemAt.set(item.key, itemAt.size);
      if (item.kind === 'table') for (const [i, column] of item.columns.entries()) columnAt.set(`${item.key}.${column.key}`, i);
    }
  }
  const key = (issue: Issue): number[] => {
    if (issue.path === '') return [-1, 0, 0];
    const [item, row, column] = issue.path.split('.');
    return [itemAt.get(item) ?? itemAt.size, row === undefined ? -1 : Number(row), column === undefined ? -1 : (columnAt.get(`${item}.${column}`) ?? -1)];
  };
  const keyed = issues.map((issue, index) => ({ issue, index, key: key(issue) }));
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.index - b.index);
  return keyed.map((k) => k.issue);
}
