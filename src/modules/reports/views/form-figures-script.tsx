import type { FormFiguresData } from '../form-figures.ts';

/** Where the browser bundle of the form engine is served (public/js/form-figures.js, built by scripts/build-client.mjs). */
export const FORM_FIGURES_SCRIPT = '/static/js/form-figures.js';

/**
 * What the figures that follow the typing need (ADR 0039): the data as JSON in an attribute of a hidden element
 * (escaped by the renderer like every attribute; no script element holds anything the OCMW typed, and the CSP allows
 * no inline script) and the bundle, deferred. Without JavaScript, or without the bundle, nothing happens: the figures
 * are computed when the form is saved.
 */
export function FormFiguresScript({ data }: { data: FormFiguresData }) {
  return (
    <>
      <div id="form-figures-data" hidden data-json={JSON.stringify(data)} />
      <script src={FORM_FIGURES_SCRIPT} defer />
    </>
  );
}
