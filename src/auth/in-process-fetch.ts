import type { FastifyInstance } from 'fastify';

/** The fetch signature openid-client hands its requests to (its `customFetch`). */
export type OidcFetch = (
  url: string,
  options: { body?: unknown; headers: Record<string, string>; method: string; redirect?: 'manual'; signal?: AbortSignal },
) => Promise<Response>;

/**
 * The relying party's back channel to the embedded provider (discovery, JWKS, token, userinfo): when the issuer is
 * this process's own /idp, its requests go through Fastify's inject — the whole Fastify pipeline and the provider's own
 * routes, without a socket (ADR 0030). The same answer as over HTTP, and it works where the application does not
 * listen (tests drive it with inject). Every other URL goes to the network with the global fetch.
 */
export function inProcessFetch(app: () => FastifyInstance, issuer: string): OidcFetch {
  const own = new URL(issuer);
  const prefix = own.pathname.replace(/\/+$/, '');
  return async (url, options) => {
    const target = new URL(url);
    const ours = target.origin === own.origin && (target.pathname === prefix || target.pathname.startsWith(`${prefix}/`));
    if (!ours) return fetch(url, options as RequestInit);
    const body = options.body instanceof URLSearchParams ? options.body.toString() : (options.body as string | Buffer | undefined);
    const res = await app().inject({
      method: options.method as 'GET' | 'POST',
      url: `${target.pathname}${target.search}`,
      headers: { ...options.headers, host: target.host },
      ...(body !== undefined ? { payload: body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [String(value)]) headers.append(name, v);
    }
    const empty = res.statusCode === 204 || res.statusCode === 304 || options.method === 'HEAD';
    return new Response(empty ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers });
  };
}
