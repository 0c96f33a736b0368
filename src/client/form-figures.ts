/**
 * The browser bundle of the form engine (ADR 0039), built by scripts/build-client.mjs to public/js/form-figures.js:
 * on an edit page every computed figure follows the typing — row figures, column totals, computed fields, the
 * settlement. The page embeds what the engine needs (#form-figures-data, JSON in data-json); on each change the form's fields are read
 * as a save reads them and evaluated by the same engine as on the server (src/modules/reports/form-figures.ts).
 * Progressive enhancement only: without this file the figures are computed when the form is saved.
 */
import { type Figures, type FormFiguresData, liveFigures } from '../modules/reports/form-figures.ts';

/** The engine without the page, for the test that compares this bundle with the server (test/unit/form-figures.test.ts). */
(globalThis as { uvFormFigures?: unknown }).uvFormFigures = { liveFigures };

/** The posted body of a form as the server's body parser gives it: the first value of each name (posted-text.ts). */
function bodyOf(form: HTMLFormElement): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (!(name in body) && typeof value === 'string') body[name] = value;
  return body;
}

function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Writes the figures where the renderer marked them; a figure the engine does not name is left as rendered. */
function write(figures: Figures): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-computed]')) {
    const figure = figures.computed[element.dataset.computed ?? ''];
    if (!figure) continue;
    setText(element, figure.text);
    // a label that changes with the sign (to pay / to repay)
    const label = element.previousElementSibling as HTMLElement | null;
    const text = figure.negative ? label?.dataset.negativeLabel : label?.dataset.label;
    if (label && text !== undefined) setText(label, text);
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-total]')) {
    const text = figures.totals[element.dataset.total ?? ''];
    if (text !== undefined) setText(element, text);
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-figure]')) {
    const text = figures.cells[element.dataset.figure ?? ''];
    if (text !== undefined) setText(element, text);
  }
}

function start(): void {
  const source = document.getElementById('form-figures-data');
  const form = source?.closest('form');
  if (!source?.dataset.json || !form) return;
  const data = JSON.parse(source.dataset.json ?? '') as FormFiguresData;
  // At once after each keystroke; a form whose evaluation takes longer than a frame (thousands of rows) once per
  // pause in the typing instead.
  let slow = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    timer = undefined;
    const started = performance.now();
    write(liveFigures(data, bodyOf(form)));
    slow = performance.now() - started > 16;
  };
  const schedule = () => {
    if (!slow) return update();
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
