import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * The reference page of the API (`GET /api/v1/docs`): the OpenAPI document rendered server-side as one small,
 * self-contained HTML page — operations, parameters, request and response schemas, security scopes. No script at
 * all and no external resource: the page's own stylesheet is allowed by its hash in the Content-Security-Policy.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:70rem;padding:1rem 1.5rem;color:#1b1b1b}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #ccc;margin-top:2.5rem}h3{margin:0;font-size:1.05rem}
nav ul{columns:2;padding-left:1.2rem}code,pre{font-family:ui-monospace,Consolas,monospace;font-size:.9em}
.op{border:1px solid #ccc;border-radius:6px;padding:.8rem 1rem;margin:1.2rem 0}
.method{display:inline-block;min-width:4.2rem;font-weight:700;text-transform:uppercase}
.get{color:#0a5ea8}.post{color:#1a7f37}.put,.patch{color:#9a6700}.delete{color:#b42318}
.scopes{font-size:.9em;color:#444}table{border-collapse:collapse;margin:.4rem 0;width:100%}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}
ul.schema{list-style:none;padding-left:1.1rem;border-left:1px dotted #bbb;margin:.2rem 0}
.type{color:#6e4b00}.req{color:#b42318;font-size:.85em}.desc{color:#333}.muted{color:#666}
`.trim();

const CSS_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

/** The Content-Security-Policy of the page: nothing but its own inline stylesheet. */
export const API_DOCS_CSP = `default-src 'none'; style-src '${CSS_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function anchor(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-');
}

function refName(ref: string): string {
  return ref.replace(/^#\/components\/schemas\//, '');
}

/** The short type of a schema: `string (uuid)`, `array of X`, `A | B`, a link to a component. */
function typeOf(schema: Obj): string {
  if (typeof schema.$ref === 'string') {
    const name = refName(schema.$ref);
    return `<a href="#schema-${esc(anchor(name))}">${esc(name)}</a>`;
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list))
      return list
        .filter(isObj)
        .map(typeOf)
        .join(key === 'allOf' ? ' &amp; ' : ' | ');
  }
  let type = Array.isArray(schema.type)
    ? schema.type.join(' | ')
    : typeof schema.type === 'string'
      ? schema.type
      : schema.const !== undefined
        ? 'const'
        : 'any';
  if (type === 'array' && isObj(schema.items)) return `array of ${typeOf(schema.items)}`;
  if (typeof schema.format === 'string') type += ` (${schema.format})`;
  return esc(type);
}

/** The rules of a schema worth reading: enum values, lengths, bounds, pattern, media type. */
function rules(schema: Obj): string {
  const out: string[] = [];
  if (Array.isArray(schema.enum)) out.push(`one of ${schema.enum.map((v) => `<code>${esc(v)}</code>`).join(', ')}`);
  if (schema.const !== undefined) out.push(`<code>${esc(schema.const)}</code>`);
  for (const [key, label] of [
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
    ['minimum', 'min'],
    ['maximum', 'max'],
    ['contentMediaType', 'media type'],
  ] as const) {
    if (schema[key] !== undefined) out.push(`${label} ${esc(schema[key])}`);
  }
  if (typeof schema.pattern === 'string') out.push(`pattern <code>${esc(schema.pattern)}</code>`);
  if (schema.additionalProperties === false) out.push('no other properties');
  return out.length > 0 ? ` <span class="muted">— ${out.join('; ')}</span>` : '';
}

/** A schema as a nested list of its properties (components are linked, not expanded). */
function schemaHtml(schema: Json, depth = 0): string {
  if (!isObj(schema) || depth > 6) return '';
  const target = schema.type === 'array' && isObj(schema.items) && !schema.items.$ref ? schema.items : schema;
  const properties = isObj(target.properties) ? target.properties : undefined;
  const extra = isObj(target.additionalProperties) ? target.additionalProperties : undefined;
  const variants = [...(Array.isArray(target.anyOf) ? target.anyOf : []), ...(Array.isArray(target.oneOf) ? target.oneOf : [])].filter(
    (v): v is Obj => isObj(v) && isObj(v.properties),
  );
  if (!properties && !extra && variants.length === 0) return '';
  const required = new Set(Array.isArray(target.required) ? target.required.map(String) : []);
  const items: string[] = [];
  for (const [name, value] of Object.entries(properties ?? {})) {
    if (!isObj(value)) continue;
    items.push(
      `<li><code>${esc(name)}</code> <span class="type">${typeOf(value)}</span>${required.has(name) ? ' <span class="req">required</span>' : ''}${rules(value)}` +
        `${typeof value.description === 'string' ? ` <span class="desc">${esc(value.description)}</span>` : ''}${value.$ref ? '' : schemaHtml(value, depth + 1)}</li>`,
    );
  }
  if (extra)
    items.push(
      `<li><em>any other name</em> <span class="type">${typeOf(extra)}</span>${rules(extra)}${typeof extra.description === 'string' ? ` <span class="desc">${esc(extra.description)}</span>` : ''}</li>`,
    );
  for (const variant of variants) items.push(`<li><em>or</em>${schemaHtml(variant, depth + 1)}</li>`);
  return `<ul class="schema">${items.join('')}</ul>`;
}

function contentHtml(content: Json): string {
  if (!isObj(content)) return '';
  return Object.entries(content)
    .map(([type, media]) => {
      const schema = isObj(media) && isObj(media.schema) ? media.schema : {};
      const description = typeof schema.description === 'string' ? ` <span class="desc">${esc(schema.description)}</span>` : '';
      return `<p><code>${esc(type)}</code>: <span class="type">${typeOf(schema)}</span>${description}</p>${schemaHtml(schema)}`;
    })
    .join('');
}

function securityHtml(op: Obj, doc: Obj): string {
  const requirements = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  if (requirements.length === 0) return '<p class="scopes">No authentication.</p>';
  const texts = requirements.filter(isObj).map((r) =>
    Object.entries(r)
      .map(([scheme, scopes]) => {
        const list = Array.isArray(scopes) && scopes.length > 0 ? scopes.map((s) => `<code>${esc(s)}</code>`).join(', ') : 'any scope';
        return `${esc(scheme)}: ${list}`;
      })
      .join(' and '),
  );
  return `<p class="scopes">Bearer token (${texts.join(' or ')}).</p>`;
}

function operationHtml(path: string, method: string, op: Obj, doc: Obj): string {
  const id = anchor(`${method}-${path}`);
  const parameters = (Array.isArray(op.parameters) ? op.parameters : []).filter(isObj);
  const parametersTable =
    parameters.length === 0
      ? ''
      : `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>${parameters
          .map((p) => {
            const schema = isObj(p.schema) ? p.schema : {};
            const description = p.description ?? schema.description ?? '';
            return `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td>${esc(p.in)}</td><td><span class="type">${typeOf(schema)}</span>${rules(schema)}</td><td>${esc(description)}</td></tr>`;
          })
          .join('')}</tbody></table>`;
  const body = isObj(op.requestBody) ? `<h4>Request body</h4>${contentHtml(op.requestBody.content)}` : '';
  const responses = isObj(op.responses)
    ? `<h4>Responses</h4><table><thead><tr><th>Status</th><th>Description</th></tr></thead><tbody>${Object.entries(op.responses)
        .map(([status, response]) => {
          const r = isObj(response) ? response : {};
          return `<tr><td><code>${esc(status)}</code></td><td>${esc(r.description)}${contentHtml(r.content)}</td></tr>`;
        })
        .join('')}</tbody></table>`
    : '';
  return [
    `<section class="op" id="${esc(id)}">`,
    `<h3><span class="method ${esc(method)}">${esc(method)}</span> <code>${esc(path)}</code></h3>`,
    op.summary ? `<p><strong>${esc(op.summary)}</strong></p>` : '',
    op.description ? `<p>${esc(op.description)}</p>` : '',
    securityHtml(op, doc),
    parametersTable,
    body,
    responses,
    '</section>',
  ].join('');
}

/** The reference page of an OpenAPI 3.1 document. */
export function renderApiDocs(document: unknown): string {
  const doc = isObj(document) ? document : {};
  const info = isObj(doc.info) ? doc.info : {};
  const paths = isObj(doc.paths) ? doc.paths : {};
  const operations: Array<{ path: string; method: string; op: Obj; tag: string }> = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObj(op)) operations.push({ path, method, op, tag: Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : 'other' });
    }
  }
  const tags = [...new Set(operations.map((o) => o.tag))];
  const components = isObj(doc.components) ? doc.components : {};
  const schemas = isObj(components.schemas) ? components.schemas : {};
  const schemes = isObj(components.securitySchemes) ? components.securitySchemes : {};
  const schemeHtml = Object.entries(schemes)
    .filter((entry): entry is [string, Obj] => isObj(entry[1]))
    .map(([name, scheme]) => {
      const flows = isObj(scheme.flows) ? scheme.flows : {};
      const flow = isObj(flows.clientCredentials) ? flows.clientCredentials : {};
      const scopes = isObj(flow.scopes) ? flow.scopes : {};
      return `<p><code>${esc(name)}</code> (${esc(scheme.type)}): ${esc(scheme.description)}${flow.tokenUrl ? ` Token URL: <code>${esc(flow.tokenUrl)}</code>.` : ''}</p>${
        Object.keys(scopes).length > 0
          ? `<table><thead><tr><th>Scope</th><th>Grants</th></tr></thead><tbody>${Object.entries(scopes)
              .map(([scope, text]) => `<tr><td><code>${esc(scope)}</code></td><td>${esc(text)}</td></tr>`)
              .join('')}</tbody></table>`
          : ''
      }`;
    })
    .join('');
  const title = `${String(info.title ?? 'API')} ${String(info.version ?? '')}`.trim();
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)} — reference</title><style>${CSS}</style></head><body>`,
    `<h1>${esc(title)}</h1>`,
    `<p class="muted">OpenAPI ${esc(doc.openapi)} — the machine-readable document: <a href="openapi.json">openapi.json</a></p>`,
    info.description ? `<p>${esc(info.description)}</p>` : '',
    '<nav><h2>Operations</h2><ul>',
    ...operations.map(
      (o) =>
        `<li><a href="#${esc(anchor(`${o.method}-${o.path}`))}"><span class="method ${esc(o.method)}">${esc(o.method)}</span> <code>${esc(o.path)}</code></a></li>`,
    ),
    '</ul></nav>',
    schemeHtml ? `<h2>Authentication</h2>${schemeHtml}` : '',
    ...tags.map(
      (tag) =>
        `<h2>${esc(tag)}</h2>${operations
          .filter((o) => o.tag === tag)
          .map((o) => operationHtml(o.path, o.method, o.op, doc))
          .join('')}`,
    ),
    '<h2>Schemas</h2>',
    ...Object.entries(schemas).map(([name, schema]) => {
      const s = isObj(schema) ? schema : {};
      return `<section class="op" id="schema-${esc(anchor(name))}"><h3>${esc(name)}</h3><p><span class="type">${typeOf(s)}</span>${rules(s)}${
        typeof s.description === 'string' ? ` <span class="desc">${esc(s.description)}</span>` : ''
      }</p>${schemaHtml(s)}</section>`;
    }),
    '</body></html>',
  ].join('\n');
}

/** Registers `GET /docs` (hidden from the document it renders) in the API scope. */
export function apiDocsRoute(api: FastifyInstance & { swagger(): unknown }) {
  let page: string | undefined;
  api.get('/docs', { schema: { hide: true } }, async (_request, reply) => {
    // The document does not change while the process runs: rendered once.
    page ??= renderApiDocs(api.swagger());
    return reply.type('text/html; charset=utf-8').header('content-security-policy', API_DOCS_CSP).send(page);
  });
}
