/**
 * The parts of a printed form, top to bottom: title, header pairs, state line, sections,
 * signature blocks and content hash. Each part adds its own structure elements under `parent`.
 */
import type { PrintableForm, PrintableSection } from './printable.ts';
import { COLORS, type Doc, type StructElement, addStruct, atPageTop, bodyHeight, contentLeft, contentWidth, ensureSpace, rule } from './pdf-layout.ts';
import { type RowCell, type RowSpacing, measureRow, placeRow } from './pdf-rows.ts';
import { drawTable } from './pdf-table.ts';

const TIGHT: RowSpacing = { padding: 0 };
const FIELD_ROW: RowSpacing = { padding: 3 };
const BLOCK: RowSpacing = { padding: 4, runGap: 2 };
const GUTTER = 16;

/** Vertical space between parts; none at the top of a page. */
export function gap(doc: Doc, points: number): void {
  if (!atPageTop(doc)) doc.y += points;
}

function fullWidth(doc: Doc, runs: RowCell['runs']): RowCell[] {
  return [{ x: contentLeft(doc), width: contentWidth(doc), runs }];
}

export function writeTitle(doc: Doc, parent: StructElement, title: string): void {
  placeRow(doc, fullWidth(doc, [{ text: title, size: 18, bold: true, tag: addStruct(doc, parent, 'H1') }]), TIGHT);
}

/** Header label/value pairs in a two-column grid, label above value. */
export function writeHeader(doc: Doc, parent: StructElement, header: PrintableForm['header']): void {
  if (header.length === 0) return;
  const group = addStruct(doc, parent, 'Div');
  const half = (contentWidth(doc) - GUTTER) / 2;
  for (let i = 0; i < header.length; i += 2) {
    const cells = header.slice(i, i + 2).map((pair, k) => ({
      x: contentLeft(doc) + k * (half + GUTTER),
      width: half,
      runs: [
        { text: pair.label, size: 8, bold: true, color: COLORS.muted, tag: addStruct(doc, group, 'P') },
        { text: pair.value, size: 10, tag: addStruct(doc, group, 'P') },
      ],
    }));
    placeRow(doc, cells, { padding: 2, runGap: 1 });
  }
}

export function writeStateLine(doc: Doc, parent: StructElement, stateLabel: string): void {
  placeRow(doc, fullWidth(doc, [{ text: stateLabel, size: 10, bold: true, tag: addStruct(doc, parent, 'P') }]), TIGHT);
}

export function writeSection(doc: Doc, parent: StructElement, section: PrintableSection): void {
  const sect = addStruct(doc, parent, 'Sect');
  const heading = fullWidth(doc, [{ text: section.title, size: 13, bold: true, tag: addStruct(doc, sect, 'H2') }]);
  // keep the heading with (the start of) the section's content
  const headingHeight = measureRow(doc, heading, TIGHT).height;
  ensureSpace(doc, Math.min(headingHeight + 40, bodyHeight(doc)));
  placeRow(doc, heading, TIGHT);
  gap(doc, 6);
  if (section.kind === 'fields') writeFields(doc, sect, section.rows);
  else drawTable(doc, sect, section);
  sect.end();
}

function writeFields(doc: Doc, parent: StructElement, rows: Extract<PrintableSection, { kind: 'fields' }>['rows']) {
  if (rows.length === 0) return;
  const table = addStruct(doc, parent, 'Table');
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const labelWidth = width * 0.6;
  for (const row of rows) {
    const tr = addStruct(doc, table, 'TR');
    const bold = row.emphasis === true;
    const cells: RowCell[] = [
      { x: left, width: labelWidth, runs: [{ text: row.label, size: 10, bold, tag: addStruct(doc, tr, 'TH', 'Row') }] },
      {
        x: left + labelWidth,
        width: width - labelWidth,
        runs: [{ text: row.value, size: 10, bold, align: 'right', tag: addStruct(doc, tr, 'TD') }],
      },
    ];
    placeRow(doc, cells, FIELD_ROW, { decorate: (top, height) => rule(doc, left, top + height, width, 0.4) });
    tr.end();
  }
}

/** Signature blocks side by side, two per row, each under a rule. */
export function writeSignatures(doc: Doc, parent: StructElement, signatures: PrintableForm['signatures']): void {
  if (signatures.length === 0) return;
  const sect = addStruct(doc, parent, 'Sect');
  const half = (contentWidth(doc) - GUTTER) / 2;
  for (let i = 0; i < signatures.length; i += 2) {
    const cells = signatures.slice(i, i + 2).map((block, k) => {
      const div = addStruct(doc, sect, 'Div');
      return {
        x: contentLeft(doc) + k * (half + GUTTER),
        width: half,
        runs: [
          { text: block.heading, size: 10, bold: true, tag: addStruct(doc, div, 'H2') },
          ...block.lines.map((line) => ({ text: line, size: 10, tag: addStruct(doc, div, 'P') })),
        ],
      };
    });
    placeRow(doc, cells, BLOCK, {
      decorate: (top) => {
        for (const cell of cells) rule(doc, cell.x, top, cell.width, 0.8);
      },
    });
  }
  sect.end();
}

export function writeHash(doc: Doc, parent: StructElement, hash: PrintableForm['contentHash']): void {
  const runs = [
    { text: hash.label, size: 9, bold: true, tag: addStruct(doc, parent, 'P') },
    { text: hash.value, size: 9, tag: addStruct(doc, parent, 'P') },
  ];
  placeRow(doc, fullWidth(doc, runs), { padding: 0, runGap: 2 });
}
