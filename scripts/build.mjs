#!/usr/bin/env node
// The production build (ADR 0024): src/ compiled by tsc to build/ (build/main.js is the
// server), then the files src/ reads at run time beside its modules (the i18n texts, the campaign calendar, the
// reference CSVs) copied next to the compiled modules.
//
// build/ sits beside src/, one level under the project root like it, so every path a module resolves outside src/
// from its own URL (../public/, ../../migrations/, ../../../public/fonts/) lands on the same project folder from
// build/ as from src/; only what lies inside src/ needs copying.
//
// tsc runs with --noCheck: the build only emits (seconds); the types are checked by `npm run typecheck` (and in CI).
// Then the browser bundle of the form engine, public/js/form-figures.js (ADR 0039).
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClient } from './build-client.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = join(root, 'build');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(out, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit', cwd: root });
if (result.status !== 0) process.exit(result.status ?? 1);
const compiled = new Set(['.ts', '.tsx']);
cpSync(join(root, 'src'), out, { recursive: true, filter: (source) => !compiled.has(extname(source)) });
await buildClient();
