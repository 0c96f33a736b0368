import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

/** Directions checked (issue 11, item 10): scripts/check-imports.mjs run on small fixture trees. */

const script = path.resolve(import.meta.dirname, '../../scripts/check-imports.mjs');
const dirs: string[] = [];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'import-graph-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function check(root: string) {
  const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('check-imports', () => {
  it('reports a cycle between modules and imports that point up, and fails', () => {
    const root = tree({
      'modules/alpha/alpha.service.ts': "import { beta } from '../beta/beta.ts';\nexport const alpha = () => beta;\n",
      'modules/beta/beta.ts': "import type { alpha } from '../alpha/alpha.service.ts';\nexport const beta = 1;\nexport type A = typeof alpha;\n",
      'modules/forms/engine.ts':
        "import type { FastifyRequest } from 'fastify';\nimport { x } from '../../platform/sessions.repository.ts';\nexport type R = FastifyRequest;\nexport const y = x;\n",
      'platform/sessions.repository.ts': "import { alpha } from '../modules/alpha/alpha.service.ts';\nexport const x = alpha;\n",
      'views/page.tsx':
        "import type { A } from '../modules/beta/beta.ts';\nimport { alpha } from '../modules/alpha/alpha.service.ts';\nexport const page = (a: A) => [a, alpha];\n",
    });
    const { status, out } = check(root);
    assert.equal(status, 1, out);
    assert.match(out, /cycle between modules\/alpha, modules\/beta:/);
    assert.match(out, /modules\/alpha\/alpha\.service\.ts → modules\/beta\/beta\.ts/);
    assert.match(out, /upward import \(the form engine imports HTTP, types only\): modules\/forms\/engine\.ts → fastify/);
    assert.match(out, /upward import \(the form engine imports the platform\): modules\/forms\/engine\.ts → platform\/sessions\.repository\.ts/);
    assert.match(out, /upward import \(the platform imports a module\): platform\/sessions\.repository\.ts → modules\/alpha\/alpha\.service\.ts/);
    assert.match(out, /upward import \(a view imports a service\): views\/page\.tsx → modules\/alpha\/alpha\.service\.ts/);
    assert.match(out, /check-imports: 1 room cycle\(s\) \(1 elementary\), 4 upward import\(s\)/);
  });

  it('passes a tree whose imports point down', () => {
    const root = tree({
      'modules/shared/errors.ts': 'export class NotFound extends Error {}\n',
      'modules/forms/engine.ts': "import { NotFound } from '../shared/errors.ts';\nexport const e = NotFound;\n",
      'modules/reports/reports.service.ts':
        "import { e } from '../forms/engine.ts';\nimport { route } from '../../platform/route-context.ts';\nexport const s = [e, route];\n",
      'modules/reports/views/page.tsx': "import { e } from '../../forms/engine.ts';\nexport const p = e;\n",
      'platform/route-context.ts': "import { NotFound } from '../modules/shared/errors.ts';\nexport const route = NotFound;\n",
    });
    const { status, out } = check(root);
    assert.equal(status, 0, out);
    assert.match(out, /check-imports: 0 room cycle\(s\) \(0 elementary\), 0 upward import\(s\)/);
  });
});
