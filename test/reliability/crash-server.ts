/**
 * The real server (src/main.ts) as a child process for the crash-consistency suite: started with a configuration
 * (failure points armed or not), talked to over real HTTP with the test Client, and killed with SIGKILL when it
 * reports a failure point — or stopped gracefully.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Client } from '../support/http.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Settings of the parent that must not leak into the child's configuration. */
const OWN_SETTINGS = ['DATABASE_URL', 'DATABASE_SCHEMA', 'DATA_DIR', 'FAILPOINTS', 'PORT', 'HOST', 'SMTP_URL'];

export class ServerProcess {
  private readonly log: string[] = [];
  /** failure points reported and not yet waited for */
  private readonly fired: string[] = [];
  private failpointSeen: (() => void) | undefined;
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly base: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal === 'SIGKILL' ? null : code)));
  }

  /**
   * Starts `node --import tsx src/main.ts`, or the production build `node build/main.js` when CRASH_SERVER=build (set by
   * scripts/test.mjs, which builds first) — one process either way: the pid killed is the server's — and waits until
   * it listens.
   */
  static async start(env: Record<string, string>): Promise<ServerProcess> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env };
    for (const key of OWN_SETTINGS) delete childEnv[key];
    const entry = process.env.CRASH_SERVER === 'build' ? ['build/main.js'] : ['--import', 'tsx', 'src/main.ts'];
    const child = spawn(process.execPath, entry, {
      cwd: ROOT,
      env: { ...childEnv, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let server: ServerProcess | undefined;
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not listen within 60 s:\n${lines.slice(-20).join('\n')}`)), 60_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before listening:\n${lines.slice(-20).join('\n')}`));
      });
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        (server?.log ?? lines).push(line);
        const listening = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(line);
        if (listening) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve(listening[1]);
        }
      });
      createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
        (server?.log ?? lines).push(line);
        const fired = /^FAILPOINT (\S+)$/.exec(line);
        if (fired && server) {
          server.fired.push(fired[1]);
          server.failpointSeen?.();
        }
      });
    });
    server = new ServerProcess(child, base);
    server.log.push(...lines);
    return server;
  }

  /** A browser-like client of this server (cookies kept, forms posted as a browser does). */
  client(): Client {
    return new Client(remote(this.base));
  }

  /** Waits until the server reports a failure point (frozen there), then kills it with SIGKILL. Returns its name. */
  async killAtFailpoint(timeoutMs = 30_000): Promise<string> {
    if (this.fired.length === 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no failure point reached within ${timeoutMs} ms:\n${this.tail()}`)), timeoutMs);
        this.failpointSeen = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    await this.kill9();
    return this.fired.shift() as string;
  }

  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the server finishes its outbox pass, closes the HTTP server and the database, exits 0. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  /** What the server logged, for a failure message. */
  tail(lines = 20): string {
    return this.log.slice(-lines).join('\n');
  }
}

interface Injected {
  method: string;
  url: string;
  payload?: string;
  headers?: Record<string, string>;
}

/** The part of Fastify's inject the test Client uses, answered by the server over real HTTP. */
function remote(base: string): FastifyInstance {
  const inject = async ({ method, url, payload, headers }: Injected) => {
    const res = await fetch(base + url, { method, headers, body: payload, redirect: 'manual' });
    const body = await res.text();
    const cookies = res.headers.getSetCookie().map((header) => {
      const [pair, ...attributes] = header.split(';');
      const at = pair.indexOf('=');
      const expires = attributes.map((a) => /^\s*expires=(.*)$/i.exec(a)?.[1]).find(Boolean);
      // the demo provider scopes its interaction cookies to their paths (the Client keeps them apart by path)
      const path = attributes.map((a) => /^\s*path=(.*)$/i.exec(a)?.[1]).find(Boolean);
      return { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim(), expires: expires ? new Date(expires) : undefined, path: path?.trim() };
    });
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), body, cookies };
  };
  return { inject } as unknown as FastifyInstance;
}
