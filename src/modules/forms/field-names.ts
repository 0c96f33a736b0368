/**
 * The names of a form's HTML inputs: the renderer writes them, the reader of posted forms reads them. They belong to
 * the form engine, so the renderer imports nothing from the rooms that use it.
 */

/** Name of the HTML input of a top-level field. */
export function fieldName(key: string): string {
  return `f.${key}`;
}

/** Name of the HTML input of a table cell. */
export function cellName(table: string, row: number, key: string): string {
  return `t.${table}.${row}.${key}`;
}
