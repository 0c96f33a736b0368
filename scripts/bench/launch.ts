/**
 * Which application the benchmark server child runs (scripts/bench/server.ts): the compiled production build when it
 * exists (ADR 0024: `npm run build` → build/, what `npm start` runs), else the TypeScript sources through tsx.
 *
 * For the build, server.ts and the bench modules it imports are transpiled here (typescript's transpileModule, no type
 * check) to .mjs files under node_modules/.cache/uv-bench-server/, their imports of src/*.ts pointed at build/*.js, so
 * the child is a plain `node` process: no tsx loader, no esbuild, the same compiled modules as production. Only the
 * bench harness (query counter, /bench routes, dataset builder) is transpiled from scripts/; the application is build/.
 *
 *   BENCH_SERVER=build   the compiled build (an error if build/main.js is missing)
 *   BENCH_SERVER=src     the sources through tsx
 *   unset                the build when build/main.js exists, else the sources
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));
const SRC = join(ROOT, 'src');
const BUILD = join(ROOT, 'build');
const OUT = join(ROOT, 'node_modules', '.cache', 'uv-bench-server');
/** server.ts and the bench modules it imports at run time (type-only imports are dropped by the transpiler) */
const HARNESS = ['server.ts', 'national-dataset.ts', 'campaigns.ts'];

export interface ServerEntry {
  /** the file to fork */
  file: string;
  /** node options for it (tsx for the sources) */
  execArgv: string[];
  runtime: 'build' | 'src';
  /** what is measured, for the reports */
  label: string;
}

function newestMtime(dir: string): { ms: number; file: string } {
  let newest = { ms: 0, file: '' };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestMtime(path) : { ms: statSync(path).mtimeMs, file: path };
    if (candidate.ms > newest.ms) newest = candidate;
  }
  return newest;
}

/** Rewrites the import specifiers of one transpiled harness module. */
function rewriteImports(code: string, from: string): string {
  return code.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\2/g, (_all, lead: string, quote: string, spec: string) => {
    const target = resolve(dirname(from), spec);
    if (target.startsWith(`${SRC}/`)) {
      const compiled = join(BUILD, relative(SRC, target)).replace(/\.tsx?$/, '.js');
      if (!existsSync(compiled)) throw new Error(`the build has no ${relative(ROOT, compiled)} (imported by ${relative(ROOT, from)}): run npm run build`);
      return `${lead}${quote}${pathToFileURL(compiled).href}${quote}`;
    }
    if (`${dirname(target)}/` === HERE && HARNESS.includes(target.slice(HERE.length)))
      return `${lead}${quote}./${target.slice(HERE.length).replace(/\.ts$/, '.mjs')}${quote}`;
    throw new Error(`the compiled bench server cannot import ${spec} from ${relative(ROOT, from)} (only src/ and ${HARNESS.join(', ')})`);
  });
}

/** The server child's entry: see the header. */
export function benchServerEntry(): ServerEntry {
  const wanted = process.env.BENCH_SERVER;
  const built = existsSync(join(BUILD, 'main.js'));
  if (wanted === 'build' && !built) throw new Error('BENCH_SERVER=build but build/main.js is missing: run npm run build');
  if (wanted === 'src' || !built) {
    return {
      file: join(HERE, 'server.ts'),
      execArgv: ['--import', 'tsx'],
      runtime: 'src',
      label: 'sources through tsx (node --import tsx; no build/ found or BENCH_SERVER=src)',
    };
  }
  mkdirSync(OUT, { recursive: true });
  for (const name of HARNESS) {
    const file = join(HERE, name);
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
    });
    // import.meta.url keeps naming the source file, so paths resolved from it (the municipalities CSV) stay right.
    const code = rewriteImports(outputText, file).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href));
    writeFileSync(join(OUT, name.replace(/\.ts$/, '.mjs')), code);
  }
  const buildTime = statSync(join(BUILD, 'main.js')).mtimeMs;
  const newest = newestMtime(SRC);
  const stale = newest.ms > buildTime;
  const when = new Date(buildTime).toISOString().slice(0, 16).replace('T', ' ');
  return {
    file: join(OUT, 'server.mjs'),
    execArgv: [],
    runtime: 'build',
    label: `compiled build (build/, node without tsx; built ${when} UTC${stale ? `, OLDER than ${relative(ROOT, newest.file)}: run npm run build to measure the current sources` : ', up to date with src/'})`,
  };
}
