import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuildInfo {
  name: string;
  version: string;
  /** the git commit the process runs, when cheaply known (GIT_COMMIT, else the checkout's .git) */
  commit?: string;
}

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The nearest package.json above this module (src/api in development, the build's copy once compiled). */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** HEAD of the checkout at root, read from the files (no git process): a loose ref, a packed ref or a detached HEAD. */
function gitCommit(root: string): string | undefined {
  let gitDir = join(root, '.git');
  try {
    if (statSync(gitDir).isFile()) gitDir = resolve(root, (readText(gitDir) ?? '').replace(/^gitdir:\s*/, '').trim());
  } catch {
    return undefined;
  }
  const head = readText(join(gitDir, 'HEAD'))?.trim();
  if (!head) return undefined;
  if (COMMIT.test(head)) return head;
  const ref = /^ref:\s*(refs\/[^\s]+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const common = resolve(gitDir, readText(join(gitDir, 'commondir'))?.trim() ?? '.');
  for (const dir of [gitDir, common]) {
    const loose = readText(join(dir, ref))?.trim();
    if (loose && COMMIT.test(loose)) return loose;
  }
  const packed = readText(join(common, 'packed-refs'))
    ?.split('\n')
    .find((line) => line.endsWith(` ${ref}`))
    ?.split(' ')[0];
  return packed && COMMIT.test(packed) ? packed : undefined;
}

/** Read once at start-up: the application's name and version from package.json, and the commit if known. */
export function readBuildInfo(env: NodeJS.ProcessEnv = process.env): BuildInfo {
  const root = packageRoot();
  const pkg = root ? (JSON.parse(readText(join(root, 'package.json')) ?? '{}') as { name?: string; version?: string }) : {};
  const fromEnv = env.GIT_COMMIT?.trim().toLowerCase();
  const commit = fromEnv && COMMIT.test(fromEnv) ? fromEnv : root ? gitCommit(root) : undefined;
  return { name: pkg.name ?? 'uniek-verslag', version: pkg.version ?? '0.0.0', ...(commit ? { commit } : {}) };
}
