/**
 * The parts of a printed form, top to bottom: title, header pairs, state line, sections,
 * signature blocks and content hash. Each part adds its own structure elements under `parent`.
 */
import type { PrintableBlock, PrintableField, PrintableForm, PrintableSection } from './printable.ts';
import {
  COLORS,
  type Doc,
  type PageLayout,
  type StructElement,
  addStruct,
  atPageTop,
  bodyHeight,
  contentLeft,
  contentWidth,
  ensureSpace,
  rule,
} from './pdf-layout.ts';
import { type RowCell, type RowSpacing, measureRow, placeRow } from './pdf-rows.ts';
import { type PlannedTable, drawTable, planTable, tableLayout, tableStartHeight } from './pdf-table.ts';

const TIGHT: RowSpacing = { padding: 0 };
const FIELD_ROW: RowSpacing = { padding: 3 };
const BLOCK: RowSpacing = { padding: 4, runGap: 2 };
const GUTTER = 16;
const HEADING_SIZE = 13;
const SUBTITLE_SIZE = 10.5;

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
    const pairs = header.slice(i, i + 2);
    // a pair alone on its line (the contact sentence) takes the whole width
    const cells = pairs.map((pair, k) => ({
      x: contentLeft(doc) + k * (half + GUTTER),
      width: pairs.length === 1 ? contentWidth(doc) : half,
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

const HEADING_GAP = 6;
const BLOCK_GAP = 10;
const TITLE_GAP = 3;

/** A section as a part: its heading and its blocks (a section of one kind is a part of one block). */
function partOf(section: PrintableSection): { title: string; blocks: PrintableBlock[] } {
  if (section.kind === 'part') return section;
  const { title, ...block } = section;
  return { title, blocks: [block] };
}

interface PreparedBlock {
  block: PrintableBlock;
  planned: PlannedTable | null;
}

function prepare(doc: Doc, block: PrintableBlock): PreparedBlock {
  return { block, planned: block.kind === 'table' ? planTable(doc, block) : null };
}

/** Height of the beginning of a block: what a heading above it must not be separated from. */
function startHeight(doc: Doc, prepared: PreparedBlock): number {
  const { block, planned } = prepared;
  if (block.kind === 'table') return tableStartHeight(doc, planned);
  // two rows (or the only one): a heading is not followed by a lone row
  return block.rows.slice(0, 2).reduce((sum, row) => sum + measureRow(doc, fieldCells(doc, row), FIELD_ROW).height, 0);
}

function headingCells(doc: Doc, text: string, size: number, tag?: StructElement): RowCell[] {
  return fullWidth(doc, [{ text, size, bold: true, tag }]);
}

/** A few field rows before a landscape table: the part starts on the landscape page, not apart from its table. */
const LEAD_ON_LANDSCAPE = 120;

/** The orientation a part must start in: its first table's when only a few field rows come before it. */
function partLayout(doc: Doc, blocks: PreparedBlock[]): PageLayout | undefined {
  let before = 0;
  for (const prepared of blocks) {
    if (prepared.block.kind === 'table') return tableLayout(prepared.planned);
    for (const row of prepared.block.rows) before += measureRow(doc, fieldCells(doc, row), FIELD_ROW).height;
    if (before > LEAD_ON_LANDSCAPE) return undefined;
  }
  return undefined;
}

/**
 * A part of the form: its heading, then its blocks, each table under its own title. The heading is never left at the
 * bottom of a page without the start of its first block (a table's header and first row), and moves to a landscape
 * page with a table printed there (also when only a few field rows come before that table); a block's title likewise
 * stays with its block. The last block keeps `keepWith` points (the signatures) after its last rows on their page.
 */
export function writeSection(doc: Doc, parent: StructElement, section: PrintableSection, options: { keepWith?: number } = {}): void {
  const part = partOf(section);
  const sect = addStruct(doc, parent, 'Sect');
  const blocks = part.blocks.map((block) => prepare(doc, block));
  const titleHeight = (text: string | undefined, size: number) => (text ? measureRow(doc, headingCells(doc, text, size), TIGHT).height : 0);
  const blockNeed = (prepared: PreparedBlock) => {
    const title = titleHeight(prepared.block.title, SUBTITLE_SIZE);
    return (title ? title + TITLE_GAP : 0) + startHeight(doc, prepared);
  };
  const first = blocks[0];
  const layout = partLayout(doc, blocks);
  // a last part of one or two field rows goes whole with the signatures (writeFields keeps them together): its heading too
  const shortLast =
    options.keepWith !== undefined && blocks.length === 1 && first?.block.kind === 'fields' && first.block.rows.length <= 2
      ? first.block.rows.reduce((sum, row) => sum + measureRow(doc, fieldCells(doc, row), FIELD_ROW).height, 0) + options.keepWith
      : 0;
  if (part.title !== '') {
    const heading = titleHeight(part.title, HEADING_SIZE) + HEADING_GAP + Math.max(first ? blockNeed(first) : 0, shortLast);
    ensureSpace(doc, Math.min(heading, bodyHeight(doc)), layout);
    placeRow(doc, headingCells(doc, part.title, HEADING_SIZE, addStruct(doc, sect, 'H2')), TIGHT);
    gap(doc, HEADING_GAP);
  }
  blocks.forEach((prepared, i) => {
    const { block, planned } = prepared;
    if (i > 0) gap(doc, BLOCK_GAP);
    if (block.title) {
      ensureSpace(doc, Math.min(blockNeed(prepared), bodyHeight(doc)), tableLayout(planned));
      placeRow(doc, headingCells(doc, block.title, SUBTITLE_SIZE, addStruct(doc, sect, 'H3')), TIGHT);
      gap(doc, TITLE_GAP);
    }
    const keepWith = i === blocks.length - 1 ? options.keepWith : undefined;
    if (block.kind === 'fields') writeFields(doc, sect, block.rows, keepWith);
    else drawTable(doc, sect, planned, { keepWith });
  });
  sect.end();
}

/** A field row: label and value side by side; a row without a value (a message) is all label. */
function fieldCells(doc: Doc, row: PrintableField, tags?: { label: StructElement; value?: StructElement }): RowCell[] {
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const bold = row.emphasis === true;
  const label = { text: row.label, size: 10, bold, tag: tags?.label };
  if (row.value === '') return [{ x: left, width, runs: [label] }];
  const labelWidth = width * 0.6;
  return [
    { x: left, width: labelWidth, runs: [label] },
    { x: left + labelWidth, width: width - labelWidth, runs: [{ text: row.value, size: 10, bold, align: 'right', tag: tags?.value }] },
  ];
}

function writeFields(doc: Doc, parent: StructElement, rows: PrintableField[], keepWith?: number) {
  if (rows.length === 0) return;
  const table = addStruct(doc, parent, 'Table');
  const last = rows.length - 1;
  // the last row never stands alone at the top of a page: the one before goes with it (and it with the signatures)
  const lastHeight = last > 0 ? measureRow(doc, fieldCells(doc, rows[last]), FIELD_ROW).height : 0;
  rows.forEach((row, i) => {
    const tr = addStruct(doc, table, 'TR');
    const tags = { label: addStruct(doc, tr, 'TH', 'Row'), value: row.value === '' ? undefined : addStruct(doc, tr, 'TD') };
    placeRow(doc, fieldCells(doc, row, tags), FIELD_ROW, {
      keepWith: i === last ? keepWith : i === last - 1 ? lastHeight + (keepWith ?? 0) : undefined,
      decorate: (top, height) => rule(doc, contentLeft(doc), top + height, contentWidth(doc), 0.4),
    });
    tr.end();
  });
  table.end();
}

/** The signature blocks, two to a row; structure elements made only when `sect` is given (else: for measuring). */
function signatureRows(doc: Doc, signatures: PrintableForm['signatures'], sect?: StructElement): RowCell[][] {
  const half = (contentWidth(doc) - GUTTER) / 2;
  const rows: RowCell[][] = [];
  for (let i = 0; i < signatures.length; i += 2) {
    rows.push(
      signatures.slice(i, i + 2).map((block, k) => {
        const div = sect ? addStruct(doc, sect, 'Div') : undefined;
        const tag = (type: string) => (div ? addStruct(doc, div, type) : undefined);
        return {
          x: contentLeft(doc) + k * (half + GUTTER),
          width: half,
          runs: [{ text: block.heading, size: 10, bold: true, tag: tag('H2') }, ...block.lines.map((line) => ({ text: line, size: 10, tag: tag('P') }))],
        };
      }),
    );
  }
  return rows;
}

function hashRuns(hash: PrintableForm['contentHash'], parent?: StructElement, doc?: Doc): RowCell['runs'] {
  return [
    { text: hash.label, size: 9, bold: true, tag: parent && doc ? addStruct(doc, parent, 'P') : undefined },
    { text: hash.value, size: 9, tag: parent && doc ? addStruct(doc, parent, 'P') : undefined },
  ];
}

const HASH: RowSpacing = { padding: 0, runGap: 2 };

/** Height of the signature blocks. */
export function signaturesHeight(doc: Doc, signatures: PrintableForm['signatures']): number {
  return signatureRows(doc, signatures).reduce((sum, cells) => sum + measureRow(doc, cells, BLOCK).height, 0);
}

/** Height of the content hash lines. */
export function hashHeight(doc: Doc, hash: PrintableForm['contentHash']): number {
  return measureRow(doc, fullWidth(doc, hashRuns(hash)), HASH).height;
}

/**
 * Signature blocks side by side, two per row, each under a rule, kept together on one page with `keepWith` points
 * after them (the content hash). The form's last rows already made room for them (writeSection's keepWith), so they
 * never open a page of their own.
 */
export function writeSignatures(doc: Doc, parent: StructElement, signatures: PrintableForm['signatures'], options: { keepWith?: number } = {}): void {
  if (signatures.length === 0) return;
  const together = signaturesHeight(doc, signatures) + (options.keepWith ?? 0);
  if (together <= bodyHeight(doc)) ensureSpace(doc, together);
  const sect = addStruct(doc, parent, 'Sect');
  for (const cells of signatureRows(doc, signatures, sect)) {
    placeRow(doc, cells, BLOCK, {
      decorate: (top, _height, placed) => {
        for (const cell of placed) rule(doc, cell.x, top, cell.width, 0.8);
      },
    });
  }
  sect.end();
}

export function writeHash(doc: Doc, parent: StructElement, hash: PrintableForm['contentHash']): void {
  placeRow(doc, fullWidth(doc, hashRuns(hash, parent, doc)), HASH);
}
