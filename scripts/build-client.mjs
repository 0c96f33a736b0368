#!/usr/bin/env node
// The browser bundle of the form engine (ADR 0039): src/client/form-figures.ts and the engine it imports, bundled by
// esbuild into one self-contained script, public/js/form-figures.js (generated, not in git). Built by `npm run build`
// (so by `npm start`), by `npm run dev` and by the test runner; the tests that need it build it themselves too.
// Written to a temporary file and renamed: test files building it side by side never serve half a file.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
export const CLIENT_ENTRY = join(root, 'src', 'client', 'form-figures.ts');
export const CLIENT_BUNDLE = join(root, 'public', 'js', 'form-figures.js');

/** The bundle's text (nothing written). */
export async function bundleClient() {
  const result = await build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    // BigInt (money parsing) needs ES2020; every browser the portal supports has it
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** Builds public/js/form-figures.js; returns its size in bytes. */
export async function buildClient() {
  const text = await bundleClient();
  const temporary = `${CLIENT_BUNDLE}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, CLIENT_BUNDLE);
  return Buffer.byteLength(text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bytes = await buildClient();
  console.log(`public/js/form-figures.js: ${(bytes / 1024).toFixed(1)} KiB`);
}
