import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Configuration, KoaContextWithOIDC, default as ProviderClass } from 'oidc-provider';
import type { Config } from '../../config/config.ts';
import { FAS_LEVEL } from '../../modules/shared/fas-levels.ts';
import type { Db } from '../../db/database.ts';
import { isLanguage, translator } from '../../i18n/i18n.ts';
import { memoryAdapterFactory } from './memory-adapter.ts';
import { findDemoPersona } from './personas.ts';
import { renderProviderPage } from './views/provider-pages.tsx';

/** The means the tester chooses on the demo provider's page, with the FAS level each stands for. */
export const DEMO_MEANS = {
  eid: { acr: FAS_LEVEL.EID, amr: ['eid'] },
  itsme: { acr: FAS_LEVEL.ITSME, amr: ['itsme'] },
  code: { acr: FAS_LEVEL.SECURITY_CODE, amr: ['otp'] },
} as const;
export type DemoMeans = keyof typeof DEMO_MEANS;
export const DEMO_MEANS_LIST = Object.keys(DEMO_MEANS) as DemoMeans[];

/** FAS's scopes and the claims each releases (portal.md §2.1): the relying party asks `openid profile egovnrn`. */
const CLAIMS = {
  openid: ['sub'],
  profile: ['givenName', 'surname', 'prefLanguage', 'mail'],
  egovnrn: ['egovNRN'],
};

export interface DemoProvider {
  provider: ProviderClass;
  issuer: string;
  /** the path the provider is mounted under (the issuer's path), e.g. /idp */
  mountPath: string;
  /** the client secret the relying party authenticates with (configured, or generated at start) */
  clientSecret: string | undefined;
}

/** oidc-provider 9 names Node 22 as its runtime; it runs and is tested on Node 20 (ADR 0030): its one notice is our log line. */
async function importOidcProvider(): Promise<typeof ProviderClass> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('Unsupported runtime')) return;
    warn(...args);
  };
  try {
    return (await import('oidc-provider')).default;
  } finally {
    console.warn = warn;
  }
}

function readPem(value: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}

/** The provider's RS256 signing key: from DEMO_IDP_SIGNING_KEY (PEM or path), else generated in memory at start. */
function signingJwk(config: Config) {
  const key: KeyObject = config.demoIdpSigningKey
    ? createPrivateKey(readPem(config.demoIdpSigningKey))
    : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = key.export({ format: 'jwk' });
  const kid = createPublicKey(key).export({ format: 'jwk' }).n?.slice(0, 16) ?? 'demo';
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

/** The public JWK of the client's private_key_jwt key, when the relying party is configured with one. */
function clientJwks(config: Config) {
  if (!config.oidcClientPrivateKey) return undefined;
  const jwk = createPublicKey(createPrivateKey(readPem(config.oidcClientPrivateKey))).export({ format: 'jwk' });
  return { keys: [{ ...jwk, alg: 'RS256', use: 'sig' }] };
}

function pageLanguage(ctx: KoaContextWithOIDC) {
  const cookie = ctx.cookies.get('uv_lang');
  return isLanguage(cookie) ? cookie : 'nl';
}

/**
 * The embedded OpenID Provider (ADR 0030): oidc-provider, a certified implementation, configured as FAS (claims,
 * scopes, acr levels, RS256), with the seeded demo personas as its only accounts. Demo only: config.ts refuses it in
 * a production configuration and beside an external issuer.
 */
export async function createDemoProvider(config: Config, db: Db): Promise<DemoProvider> {
  const Provider = await importOidcProvider();
  const issuer = config.oidcIssuer;
  const mountPath = new URL(issuer).pathname.replace(/\/+$/, '');
  const privateKeyJwt = !config.oidcClientSecret && !!config.oidcClientPrivateKey;
  const clientSecret = privateKeyJwt ? undefined : (config.oidcClientSecret ?? randomBytes(32).toString('base64url'));
  const jwks = clientJwks(config);
  const configuration: Configuration = {
    adapter: memoryAdapterFactory(),
    clients: [
      {
        client_id: config.oidcClientId,
        ...(clientSecret ? { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : {}),
        ...(privateKeyJwt && jwks ? { token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS256', jwks } : {}),
        redirect_uris: [`${config.publicUrl}/auth/callback`],
        post_logout_redirect_uris: [`${config.publicUrl}/login`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [signingJwk(config)] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      long: { httpOnly: true, sameSite: 'lax', path: mountPath || '/' },
      short: { httpOnly: true, sameSite: 'lax', path: mountPath || '/' },
    },
    claims: CLAIMS,
    scopes: ['openid', 'profile', 'egovnrn'],
    acrValues: [FAS_LEVEL.EID, FAS_LEVEL.ITSME, FAS_LEVEL.SECURITY_CODE],
    // FAS puts the national number in the ID token; so does the demo provider (the relying party also reads userinfo).
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderProviderPage(translator(pageLanguage(ctx)), pageLanguage(ctx), { kind: 'logout', form });
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = renderProviderPage(translator(pageLanguage(ctx)), pageLanguage(ctx), { kind: 'logged-out' });
        },
      },
    },
    interactions: { url: async (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 10 * 3600, Grant: 10 * 3600 },
    renderError: async (ctx, _out, _error) => {
      ctx.type = 'html';
      ctx.body = renderProviderPage(translator(pageLanguage(ctx)), pageLanguage(ctx), { kind: 'error' });
    },
    // Only the demo personas are accounts; the claims are FAS's.
    findAccount: async (_ctx, sub) => {
      const persona = await findDemoPersona(db, sub);
      if (!persona) return undefined;
      return {
        accountId: persona.id,
        claims: async () => ({
          sub: persona.id,
          egovNRN: persona.insz,
          givenName: persona.firstName,
          surname: persona.lastName,
          ...(persona.language ? { prefLanguage: persona.language } : {}),
          ...(persona.email ? { mail: persona.email } : {}),
        }),
      };
    },
    // The application is the provider's only client and first party: no consent screen, the grant is implied.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!ctx.oidc.session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile egovnrn');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.proxy = config.trustProxy.length > 0;
  return { provider, issuer, mountPath, clientSecret };
}

/**
 * Mounts the provider's Koa callback under its path, in a scope of its own: no form parser consumes the body (the
 * provider reads it), no cookie session, no web guard — the provider is another party that happens to share the
 * process. The root's security headers are copied onto the raw response before it is handed over.
 */
export async function mountDemoProvider(app: FastifyInstance, demo: DemoProvider): Promise<void> {
  const callback = demo.provider.callback();
  // The provider's refusals and failures in the application's log (its pages say only that it failed).
  demo.provider.on('server_error', (_ctx, error) => app.log.error({ err: error }, 'demo identity provider: server error'));
  const refused = (event: string) => (_ctx: unknown, error: Error & { error_description?: string }) =>
    app.log.warn({ event, error: error.message, detail: error.error_description }, 'demo identity provider refused a request');
  demo.provider.on('authorization.error', refused('authorization.error'));
  demo.provider.on('grant.error', refused('grant.error'));
  demo.provider.on('end_session.error', refused('end_session.error'));
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const handler = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      const url = raw.url ?? '/';
      raw.originalUrl = url;
      raw.url = url.slice(demo.mountPath.length) || '/';
      if (!raw.url.startsWith('/')) raw.url = `/${raw.url}`;
      reply.hijack();
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
      await callback(raw, reply.raw);
    };
    scope.route({ method: ['GET', 'POST', 'HEAD', 'OPTIONS'], url: `${demo.mountPath}/*`, handler });
  });
}
