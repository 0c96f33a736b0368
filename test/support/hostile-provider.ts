import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { OidcFetch } from '../../src/auth/in-process-fetch.ts';

/**
 * A provider that does what a correct provider never does (test only): it serves discovery, its keys and a token
 * endpoint, and answers each code with the ID token the test crafted — wrong nonce, audience or issuer, expired,
 * unsigned, signed by another key, without or with a bad INSZ, a level too low, another person. Built with jose; it
 * lives in memory and the relying party reaches it through `oidcFetch`.
 */
export const HOSTILE_ISSUER = 'https://hostile.test';
export const HOSTILE_CLIENT = { id: 'uniek-verslag', secret: 'hostile-client-secret' };

export interface CraftedToken {
  /** claims to set (or, with undefined, to drop) over the honest ones */
  claims?: Record<string, unknown>;
  /** 'none': an unsigned token (alg none); 'other-key': signed by a key the provider does not publish */
  signing?: 'honest' | 'none' | 'other-key';
}

export interface Authorization {
  state: string;
  nonce: string;
  redirectUri: string;
  acrValues: string | null;
  prompt: string | null;
}

export class HostileProvider {
  private key!: CryptoKey;
  private otherKey!: CryptoKey;
  private jwk!: JWK;
  /** the nonce of each authorization request the relying party sent, by state */
  readonly authorizations = new Map<string, Authorization>();
  /** the ID token the next code answers with */
  next: CraftedToken & { insz?: string } = {};
  private codes = new Map<string, { nonce: string; token: CraftedToken & { insz?: string } }>();
  private counter = 0;
  tokenRequests = 0;

  static async create(): Promise<HostileProvider> {
    const provider = new HostileProvider();
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    provider.key = privateKey;
    provider.jwk = { ...(await exportJWK(publicKey)), kid: 'hostile-1', alg: 'RS256', use: 'sig' };
    provider.otherKey = (await generateKeyPair('RS256')).privateKey;
    return provider;
  }

  /** Reads the authorization request the relying party redirected the browser to. */
  authorize(location: string): Authorization {
    const url = new URL(location);
    if (`${url.origin}${url.pathname}` !== `${HOSTILE_ISSUER}/authorize`) throw new Error(`not the hostile provider: ${location}`);
    const p = url.searchParams;
    const auth = {
      state: p.get('state') ?? '',
      nonce: p.get('nonce') ?? '',
      redirectUri: p.get('redirect_uri') ?? '',
      acrValues: p.get('acr_values'),
      prompt: p.get('prompt'),
    };
    this.authorizations.set(auth.state, auth);
    return auth;
  }

  /** A code for this authorization, answered at the token endpoint with `token` (default: this.next). */
  issueCode(auth: Authorization, token: CraftedToken & { insz?: string } = this.next): string {
    const code = `code-${++this.counter}`;
    this.codes.set(code, { nonce: auth.nonce, token });
    return code;
  }

  /** The callback path the browser would be sent back to. */
  callbackPath(code: string, state: string): string {
    return `/auth/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`;
  }

  private async idToken(nonce: string, token: CraftedToken & { insz?: string }): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: HOSTILE_ISSUER,
      aud: HOSTILE_CLIENT.id,
      sub: 'hostile-subject',
      iat: now,
      exp: now + 300,
      auth_time: now,
      nonce,
      acr: 'urn:be:fedict:iam:fas:Level500',
      egovNRN: token.insz ?? '85073003328',
      givenName: 'Hostile',
      surname: 'Provider',
    };
    for (const [name, value] of Object.entries(token.claims ?? {})) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    if (token.signing === 'none') {
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    }
    const key = token.signing === 'other-key' ? this.otherKey : this.key;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'hostile-1', typ: 'JWT' }).sign(key);
  }

  /** What the relying party's back channel reaches: discovery, keys, token. */
  readonly fetch: OidcFetch = async (url, options) => {
    const target = new URL(url);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (target.origin !== HOSTILE_ISSUER) return new Response('not found', { status: 404 });
    switch (target.pathname) {
      case '/.well-known/openid-configuration':
        return json({
          issuer: HOSTILE_ISSUER,
          authorization_endpoint: `${HOSTILE_ISSUER}/authorize`,
          token_endpoint: `${HOSTILE_ISSUER}/token`,
          jwks_uri: `${HOSTILE_ISSUER}/jwks`,
          end_session_endpoint: `${HOSTILE_ISSUER}/logout`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
        });
      case '/jwks':
        return json({ keys: [this.jwk] });
      case '/token': {
        this.tokenRequests++;
        const body = new URLSearchParams(String(options.body ?? ''));
        const issued = this.codes.get(body.get('code') ?? '');
        if (!issued) return json({ error: 'invalid_grant' }, 400);
        return json({
          access_token: 'hostile-access-token',
          token_type: 'Bearer',
          expires_in: 300,
          id_token: await this.idToken(issued.nonce, issued.token),
        });
      }
      default:
        return new Response('not found', { status: 404 });
    }
  };
}
