#!/usr/bin/env node
/**
 * Directions checked (issue 11, item 10; ADR 0028): reads the import graph of src/ and fails on
 *   (a) a cycle between rooms — every folder under src/modules/ is a module (src/modules/backoffice/<x> its own),
 *       every other folder under src/ a layer (platform, views, i18n, db, audit, auth, access, api, jobs, seed, config),
 *       the files directly under src/ (app.ts, main.ts, worker.ts) the composition root, which may import anything;
 *   (b) an import that points up:
 *       - the form engine (src/modules/forms) importing HTTP (fastify), the platform, a view of another room, a
 *         layer other than i18n and the shared view kit, or any module other than modules/shared;
 *       - a module importing a platform file that is not one of its public files (PLATFORM_PUBLIC);
 *       - the platform importing a module (modules/shared, the shared kernel, is not one);
 *       - a base room (modules/shared, i18n, db, config) importing a module, the platform or a view;
 *       - a view (src/views/**, any views/ folder) importing a service, a repository, a route file or src/db/.
 *
 * Usage: node scripts/check-imports.mjs [root]   (root defaults to src/ beside this script's folder)
 * Every import counts, type-only ones too: a type pulls its room in as much as a value does.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The platform files a module may import (routes build their context, read uploads, hit failure points). */
export const PLATFORM_PUBLIC = ['clock.ts', 'deps.ts', 'failpoints.ts', 'route-context.ts', 'schemas.ts', 'sessions.ts', 'uploads.ts'];
/** Rooms nothing below may depend on upwards: they import no module, no platform file, no view. */
const BASE_ROOMS = ['modules/shared', 'i18n', 'db', 'config'];
/** What the form engine may import besides itself. */
const ENGINE_ALLOWED = ['modules/forms', 'modules/shared', 'i18n', 'views'];
/** modules/shared is the shared kernel (domain errors and enums, money, identifiers, canonical JSON): not a module. */
const isModule = (room) => room.startsWith('modules') && room !== 'modules/shared';
const HTTP_PACKAGES = /^(fastify|fastify-plugin|@fastify\/.*|fastify-type-provider-zod)$/;

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The room of a file (path relative to root, with forward slashes). */
export function roomOf(rel) {
  const parts = rel.split('/');
  if (parts.length === 1) return 'app';
  if (parts[0] !== 'modules') return parts[0];
  if (parts.length === 2) return 'modules';
  if (parts[1] === 'backoffice' && parts.length > 3) return `modules/backoffice/${parts[2]}`;
  return `modules/${parts[1]}`;
}

function isView(rel) {
  return rel.startsWith('views/') || rel.split('/').slice(0, -1).includes('views');
}

function resolve(fromAbs, spec) {
  const base = path.resolve(path.dirname(fromAbs), spec);
  for (const candidate of [base, base.replace(/\.js$/, '.ts'), base.replace(/\.jsx$/, '.tsx'), `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The module specifiers of a file's imports and re-exports, each with whether it brings types only. */
function importsOf(file) {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && named.length > 0 && named.every((e) => e.isTypeOnly)));
      out.push({ spec: statement.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      out.push({ spec: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
    }
  }
  const walk = (node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push({ spec: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, walk);
  };
  walk(source);
  return out;
}

/** Every import of every source file under root: { from, to (relative path, or null for a package), spec, typeOnly }. */
export function readGraph(root) {
  const edges = [];
  for (const file of sourceFiles(root)) {
    const from = path.relative(root, file).split(path.sep).join('/');
    for (const { spec, typeOnly } of importsOf(file)) {
      if (!spec.startsWith('.')) {
        edges.push({ from, to: null, spec, typeOnly });
        continue;
      }
      const target = resolve(file, spec);
      const to = target ? path.relative(root, target).split(path.sep).join('/') : null;
      if (to && !to.startsWith('..') && /\.(ts|tsx|mts)$/.test(to)) edges.push({ from, to, spec, typeOnly });
    }
  }
  return edges;
}

/** Why an import points up, or null. */
export function upwardReason({ from, to, spec }) {
  const fromRoom = roomOf(from);
  if (to === null) {
    if (fromRoom === 'modules/forms' && HTTP_PACKAGES.test(spec)) return 'the form engine imports HTTP';
    return null;
  }
  const toRoom = roomOf(to);
  if (fromRoom === 'modules/forms') {
    if (toRoom === 'platform') return 'the form engine imports the platform';
    if (isView(to) && toRoom !== 'modules/forms' && toRoom !== 'views') return "the form engine imports another room's view";
    if (!ENGINE_ALLOWED.includes(toRoom)) return `the form engine imports ${toRoom}`;
  }
  if (fromRoom.startsWith('modules') && toRoom === 'platform' && !PLATFORM_PUBLIC.includes(to.slice('platform/'.length))) {
    return 'a module imports a platform internal';
  }
  if (fromRoom === 'platform' && isModule(toRoom)) return 'the platform imports a module';
  if (BASE_ROOMS.includes(fromRoom) && fromRoom !== toRoom && (isModule(toRoom) || toRoom === 'platform' || toRoom === 'app' || isView(to))) {
    return `a base room (${fromRoom}) imports ${toRoom}`;
  }
  if (isView(from)) {
    if (/\.service\.tsx?$/.test(to)) return 'a view imports a service';
    if (/\.repository\.tsx?$/.test(to)) return 'a view imports a repository';
    if (/\.routes\.tsx?$/.test(to)) return 'a view imports a route file';
    if (toRoom === 'db') return 'a view imports the database layer';
  }
  return null;
}

/** Strongly connected components of more than one room (Tarjan), each sorted, with the imports inside it. */
export function roomCycles(edges) {
  const graph = new Map();
  for (const e of edges) {
    if (e.to === null) continue;
    const a = roomOf(e.from);
    const b = roomOf(e.to);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.has(b)) graph.set(b, new Map());
    const via = graph.get(a);
    if (!via.has(b)) via.set(b, []);
    via.get(b).push(`${e.from} → ${e.to}`);
  }
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v).keys()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components
    .sort((x, y) => x[0].localeCompare(y[0]))
    .map((rooms) => {
      const inside = new Set(rooms);
      const imports = [];
      for (const a of rooms) for (const [b, via] of graph.get(a)) if (inside.has(b)) imports.push({ from: a, to: b, via });
      return { rooms, imports, elementary: elementaryCycles(rooms, graph) };
    });
}

/** The elementary cycles inside one component (small graphs; capped). */
function elementaryCycles(rooms, graph, cap = 200) {
  const found = [];
  const inside = new Set(rooms);
  for (let i = 0; i < rooms.length && found.length < cap; i++) {
    const start = rooms[i];
    const allowed = new Set(rooms.slice(i));
    const walk = (v, pathSoFar) => {
      for (const w of graph.get(v).keys()) {
        if (!inside.has(w) || !allowed.has(w) || found.length >= cap) continue;
        if (w === start) found.push([...pathSoFar, start]);
        else if (!pathSoFar.includes(w)) walk(w, [...pathSoFar, w]);
      }
    };
    walk(start, [start]);
  }
  return found;
}

export function checkImports(root) {
  const edges = readGraph(root);
  const upward = edges.map((e) => ({ ...e, reason: upwardReason(e) })).filter((e) => e.reason);
  return { cycles: roomCycles(edges), upward };
}

function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(process.argv[2] ?? path.join(here, '..', 'src'));
  const { cycles, upward } = checkImports(root);
  const elementary = cycles.reduce((n, c) => n + c.elementary.length, 0);
  for (const cycle of cycles) {
    console.log(`cycle between ${cycle.rooms.join(', ')}:`);
    for (const loop of cycle.elementary) console.log(`  ${loop.join(' → ')}`);
    for (const { from, to, via } of cycle.imports) {
      console.log(`  ${from} → ${to}:`);
      for (const line of via) console.log(`    ${line}`);
    }
  }
  for (const e of upward) console.log(`upward import (${e.reason}${e.typeOnly ? ', types only' : ''}): ${e.from} → ${e.to ?? e.spec}`);
  const summary = `${cycles.length} room cycle(s) (${elementary} elementary), ${upward.length} upward import(s)`;
  if (cycles.length || upward.length) {
    console.error(`check-imports: ${summary}`);
    process.exit(1);
  }
  console.log(`check-imports: ${summary}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
