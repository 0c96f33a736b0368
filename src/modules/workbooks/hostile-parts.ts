import { type WorkbookError, workbookError } from './types.ts';

/**
 * Parts of an xlsx package that can act on the computer of whoever opens the file again (a signer, POD MI):
 * macros, links to other files or data sources (they fetch, and can leak Windows credentials through UNC
 * paths), embedded OLE objects and packages, ActiveX and form controls. A workbook with any of them is
 * refused at upload, so it is never kept nor served back (ADR 0023). Three views of the same package are
 * checked, because a part can be named anything: its part names, the content types of [Content_Types].xml
 * and the relationships (types and external targets) of every .rels part.
 */
export type HostileKind = 'macro' | 'external_link' | 'embedded_object' | 'activex';

const MESSAGE: Record<HostileKind, string> = {
  macro: 'workbook.error.macro',
  external_link: 'workbook.error.external_link',
  embedded_object: 'workbook.error.embedded_object',
  activex: 'workbook.error.activex',
};

export function hostileError(kind: HostileKind): WorkbookError {
  return workbookError(MESSAGE[kind]);
}

const PART_NAMES: Array<[RegExp, HostileKind]> = [
  [/(^|\/)vbaProject[^/]*\.bin$/i, 'macro'],
  [/(^|\/)vbaData\.xml$/i, 'macro'],
  [/(^|\/)(macrosheets|dialogsheets)\//i, 'macro'],
  [/^customUI\//i, 'macro'],
  [/(^|\/)externalLinks\//i, 'external_link'],
  [/(^|\/)connections\.xml$/i, 'external_link'],
  [/(^|\/)queryTables\//i, 'external_link'],
  [/(^|\/)embeddings\//i, 'embedded_object'],
  [/(^|\/)oleObject[^/]*$/i, 'embedded_object'],
  [/(^|\/)activeX\//i, 'activex'],
  [/(^|\/)ctrlProps\//i, 'activex'],
];

/** A hostile part recognised by its name in the zip directory (nothing unpacked). */
export function hostilePartName(fileName: string): HostileKind | null {
  return PART_NAMES.find(([pattern]) => pattern.test(fileName))?.[1] ?? null;
}

const CONTENT_TYPES: Array<[RegExp, HostileKind]> = [
  [/macroEnabled|vbaProject|vbaData|macrosheet|dialogsheet|\.addin\b/i, 'macro'],
  [/externalLink|spreadsheetml\.connections|queryTable/i, 'external_link'],
  [/activeX|controlproperties/i, 'activex'],
  [
    /oleObject|officedocument\.package$|wordprocessingml\.document$|spreadsheetml\.sheet$|presentationml\.presentation$|^application\/(msword|vnd\.ms-excel|vnd\.ms-powerpoint|x-msdownload|x-ole-storage)$/i,
    'embedded_object',
  ],
];

const RELATIONSHIP_TYPES: Array<[RegExp, HostileKind]> = [
  [
    /\/(vbaProject|vbaProjectSignature|wordVbaData|xlMacrosheet|xlIntlMacrosheet|dialogsheet|attachedToolbars|keyMapCustomizations|ui\/extensibility)$/i,
    'macro',
  ],
  [/\/(externalLink|externalLinkPath|connections|queryTable|attachedTemplate|frame)$/i, 'external_link'],
  [/\/(oleObject|package|embeddedObject)$/i, 'embedded_object'],
  [/\/(control|activeXControl|activeXControlBinary|ctrlProp)$/i, 'activex'],
];

/** Attributes of one XML start tag (double or single quotes), with the five predefined entities decoded. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const value = (m[2] ?? m[3] ?? '').replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string,
    );
    found.set(m[1].replace(/^[\w.-]+:/, ''), value);
  }
  return found;
}

function* tags(xml: string, element: string): Generator<Map<string, string>> {
  for (const m of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${element}\\b[^>]*>`, 'g'))) yield attributes(m[0]);
}

/** A hostile content type declared in [Content_Types].xml (Default by extension, or Override by part). */
export function hostileContentType(contentTypesXml: string): HostileKind | null {
  for (const element of ['Default', 'Override']) {
    for (const attrs of tags(contentTypesXml, element)) {
      const type = (attrs.get('ContentType') ?? '').trim();
      const kind = CONTENT_TYPES.find(([pattern]) => pattern.test(type))?.[1];
      if (kind) return kind;
    }
  }
  return null;
}

/** Hyperlinks a user can type in a cell stay allowed, to the web or an e-mail address only. */
const SAFE_HYPERLINK = /^(https?:\/\/|mailto:)/i;

/**
 * A hostile relationship in a .rels part: a macro, link, embedding or control relationship type, or any target
 * outside the package other than a web or e-mail hyperlink (linked pictures, templates, UNC paths…).
 */
export function hostileRelationship(relsXml: string): HostileKind | null {
  for (const attrs of tags(relsXml, 'Relationship')) {
    const type = (attrs.get('Type') ?? '').trim();
    const kind = RELATIONSHIP_TYPES.find(([pattern]) => pattern.test(type))?.[1];
    if (kind) return kind;
    if ((attrs.get('TargetMode') ?? '').trim().toLowerCase() === 'external') {
      const hyperlink = /\/hyperlink$/i.test(type) && SAFE_HYPERLINK.test((attrs.get('Target') ?? '').trim());
      if (!hyperlink) return 'external_link';
    }
  }
  return null;
}
