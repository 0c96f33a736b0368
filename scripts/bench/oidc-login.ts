/**
 * The login through the embedded demo provider over real HTTP, as a browser without JavaScript does it (ADR 0030):
 * "Aanmelden" (POST /auth/login), the provider's redirects, its page answered with the persona and the means (a
 * POST; the page itself is not fetched — the benchmarks know whom they log in), the callback. Also the step-up
 * before a signature. The provider's cookies are kept by path, as a browser keeps them.
 */

/** A browser's cookies for one origin, by name and path. */
export class CookieJar {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  take(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const path = attributes.map((a) => /^\s*path=(.*)$/i.exec(a)?.[1]?.trim()).find(Boolean) ?? '/';
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now());
      const key = `${name}\t${path}`;
      if (value === '' || expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }

  header(path: string): string {
    const p = path.split('?')[0];
    return [...this.cookies.values()]
      .filter((c) => c.path === '/' || p === c.path || p.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** One cookie as a Cookie header value (`name=value`), e.g. the session's. */
  only(name: string): string | undefined {
    const c = [...this.cookies.values()].find((x) => x.name === name && x.path === '/');
    return c && `${c.name}=${c.value}`;
  }
}

/** A path of the application for a location (its own absolute URLs, on any loopback port, become paths). */
function pathOf(location: string): string {
  const local = /^https?:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?(?=\/|$)/.exec(location);
  return local ? location.slice(local[0].length) || '/' : location;
}

export type Means = 'eid' | 'itsme' | 'code';

export interface Hop {
  method: 'GET' | 'POST';
  path: string;
  status: number;
  ms: number;
}

/**
 * Follows the redirects from `first` through the provider (answering its page with the persona and the means) to the
 * application's callback and returns the callback's answer. `onHop` sees every request (the benchmarks time them).
 */
export async function throughProvider(
  base: string,
  jar: CookieJar,
  first: { method: 'GET' | 'POST'; path: string },
  personaId: string,
  means: Means = 'eid',
  onHop: (hop: Hop) => void = () => {},
): Promise<Response> {
  let next: { method: 'GET' | 'POST'; path: string; form?: Record<string, string> } = first.method === 'POST' ? { ...first, form: {} } : first;
  for (let hops = 0; hops < 12; hops++) {
    const headers: Record<string, string> = { 'user-agent': 'uv-bench' };
    const cookie = jar.header(next.path);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (next.method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['sec-fetch-site'] = 'same-origin';
      body = new URLSearchParams(next.form ?? {}).toString();
    }
    const started = performance.now();
    const res = await fetch(base + next.path, { method: next.method, headers, body, redirect: 'manual' });
    await res.arrayBuffer();
    onHop({ method: next.method, path: next.path, status: res.status, ms: performance.now() - started });
    jar.take(res);
    if (next.path.startsWith('/auth/callback')) return res;
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`${next.method} ${next.path}: HTTP ${res.status} at the provider`);
    const path = pathOf(location);
    next = path.startsWith('/idp/interaction/') ? { method: 'POST', path, form: { persona: personaId, means, action: 'login' } } : { method: 'GET', path };
  }
  throw new Error('too many redirects at the provider');
}
