import { readFileSync } from 'node:fs';
import { importPKCS8 } from 'jose';
import * as oidc from 'openid-client';
import type { Config } from '../config/config.ts';
import type { OidcFetch } from './in-process-fetch.ts';

/** What a login or a step-up keeps server-side while the browser is at the provider (oidc_logins). */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface AuthorizationRequest extends AuthorizationChecks {
  acrValues: string[];
  /** a forced re-authentication (the step-up): prompt=login and max_age=0 */
  forceLogin: boolean;
  uiLocales?: string;
}

/** What the provider said, validated by openid-client: the ID token's claims (and userinfo's, for the missing ones). */
export interface ProviderAnswer {
  issuer: string;
  claims: Record<string, unknown>;
  idToken: string;
}

/** Why a provider's answer was refused: the audit event's reason; the page says it in general words. */
export class ProviderAnswerRefused extends Error {
  constructor(
    readonly reason: string,
    readonly detail?: string,
  ) {
    super(`${reason}${detail ? `: ${detail}` : ''}`);
  }
}

export interface RelyingParty {
  readonly issuer: string;
  authorizationUrl(request: AuthorizationRequest): Promise<URL>;
  /** Exchanges the code of the callback URL; every check is openid-client's (state, iss, code, PKCE, ID token). */
  callback(callbackUrl: URL, checks: AuthorizationChecks): Promise<ProviderAnswer>;
  /** The provider's end-session URL with the ID token as hint, or null when it has none. */
  endSessionUrl(idToken: string | null): Promise<URL | null>;
}

export function newChecks(): AuthorizationChecks {
  return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
}

function readPem(value: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}

/** client_secret_basic with a secret; private_key_jwt (RS256) with a private key (ADR 0033). */
async function clientAuthentication(config: Config, secret: string | undefined): Promise<oidc.ClientAuth> {
  if (secret) return oidc.ClientSecretBasic(secret);
  if (config.oidcClientPrivateKey) return oidc.PrivateKeyJwt(await importPKCS8(readPem(config.oidcClientPrivateKey), 'RS256'));
  throw new ProviderAnswerRefused('client_not_configured', 'set OIDC_CLIENT_SECRET or OIDC_CLIENT_PRIVATE_KEY');
}

/**
 * The application as an OpenID Connect relying party (openid-client): authorization code flow with PKCE, state and
 * nonce; discovery from the issuer, once, retried after a failure; every check of the answer done by openid-client.
 */
export function createRelyingParty(config: Config, options: { fetch?: OidcFetch; clientSecret?: string } = {}): RelyingParty {
  const issuer = config.oidcIssuer;
  const redirectUri = `${config.publicUrl}/auth/callback`;
  const secret = options.clientSecret ?? config.oidcClientSecret;
  let discovered: Promise<oidc.Configuration> | undefined;

  function configuration(): Promise<oidc.Configuration> {
    if (!discovered) {
      discovered = (async () => {
        const url = new URL(issuer);
        const auth = await clientAuthentication(config, secret);
        const discoveryOptions: oidc.DiscoveryRequestOptions = {
          ...(options.fetch ? { [oidc.customFetch]: options.fetch as oidc.CustomFetch } : {}),
          execute: [
            // The ID token's signature is checked against the provider's keys even though it came over the back
            // channel (openid-client leaves it to TLS unless asked): a token signed by anyone else is refused.
            oidc.enableNonRepudiationChecks,
            // http only for a provider on this machine (the demo provider, a local Keycloak)
            ...(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ? [oidc.allowInsecureRequests] : []),
          ],
          timeout: 10,
        };
        const metadata: Partial<oidc.ClientMetadata> = { id_token_signed_response_alg: 'RS256' };
        const found = await oidc.discovery(url, config.oidcClientId, metadata, auth, discoveryOptions);
        if (options.fetch) found[oidc.customFetch] = options.fetch as oidc.CustomFetch;
        return found;
      })();
      discovered.catch(() => {
        discovered = undefined;
      });
    }
    return discovered;
  }

  return {
    issuer,
    async authorizationUrl(request) {
      const conf = await configuration();
      const parameters: Record<string, string> = {
        redirect_uri: redirectUri,
        scope: 'openid profile egovnrn',
        response_type: 'code',
        state: request.state,
        nonce: request.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
        code_challenge_method: 'S256',
      };
      if (request.acrValues.length > 0) parameters.acr_values = request.acrValues.join(' ');
      if (request.forceLogin) {
        parameters.prompt = 'login';
        parameters.max_age = '0';
      }
      if (request.uiLocales) parameters.ui_locales = request.uiLocales;
      return oidc.buildAuthorizationUrl(conf, parameters);
    },
    async callback(callbackUrl, checks) {
      const conf = await configuration();
      const tokens = await oidc.authorizationCodeGrant(conf, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new ProviderAnswerRefused('no_id_token');
      const all: Record<string, unknown> = { ...claims };
      // A provider may keep the national number for userinfo (the subject is checked against the ID token's).
      if (all[config.oidcInszClaim] === undefined && conf.serverMetadata().userinfo_endpoint) {
        try {
          const info = await oidc.fetchUserInfo(conf, tokens.access_token, claims.sub);
          for (const [name, value] of Object.entries(info)) if (all[name] === undefined) all[name] = value;
        } catch {
          // no userinfo: the missing claim is refused below, by the caller
        }
      }
      return { issuer: String(claims.iss), claims: all, idToken: tokens.id_token };
    },
    async endSessionUrl(idToken) {
      let conf: oidc.Configuration;
      try {
        conf = await configuration();
      } catch {
        return null;
      }
      if (!conf.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(conf, {
        ...(idToken ? { id_token_hint: idToken } : {}),
        post_logout_redirect_uri: `${config.publicUrl}/login`,
      });
    },
  };
}
