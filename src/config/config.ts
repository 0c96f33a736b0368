import { FAS_LEVEL } from '../modules/shared/fas-levels.ts';

/** The only reader of process.env: parsed once into a frozen Config. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  /** Directory of the embedded database; 'memory://' for an in-memory database (tests). */
  dataDir: string;
  /** PostgreSQL schema to use (tests isolate themselves in one schema each). */
  databaseSchema: string | undefined;
  /** Demo mode on/off (the demo persons on the login page of the embedded identity provider). On by default only for the embedded database. */
  demoMode: boolean;
  /**
   * The embedded demo OpenID Provider (oidc-provider under /idp, ADR 0030): on by default only for the embedded
   * database without an external OIDC_ISSUER; refused beside an external issuer or with NODE_ENV=production.
   */
  demoIdentityProvider: boolean;
  /** The application's public origin (redirect URIs, the embedded provider's issuer): no trailing slash. */
  publicUrl: string;
  /**
   * Whether publicUrl is one people can open from an e-mail: PUBLIC_URL set (or publicUrl given), and not a loopback
   * address in production. E-mails carry a full link only then; otherwise they say in words where to go (ADR 0043).
   */
  publicUrlConfigured: boolean;
  /** The OpenID Provider's issuer (discovery at its /.well-known/openid-configuration); default the embedded one. */
  oidcIssuer: string;
  oidcClientId: string;
  /** client_secret_basic when set (or generated for the embedded provider); else private_key_jwt with oidcClientPrivateKey. */
  oidcClientSecret: string | undefined;
  /** PEM (or a path to a PEM file) of the RS256 key for private_key_jwt client authentication. */
  oidcClientPrivateKey: string | undefined;
  /** The claim that carries the person's INSZ (FAS: egovNRN). */
  oidcInszClaim: string;
  /** The lowest acr accepted at login (FAS levels, ordered by their number). */
  oidcLoginAcr: string;
  /** The acr values that may sign (asked at the step-up before a signature). */
  oidcSigningAcrs: string[];
  /** How long a step-up lets its person sign in its organisation. */
  stepUpMinutes: number;
  /** PEM (or a path to one) of the embedded provider's RS256 signing key; absent: a key generated at start. */
  demoIdpSigningKey: string | undefined;
  /** Seed demo data on first start (empty database). */
  seedDemoData: boolean;
  /** With the demo data, the reports the demo OCMWs filed in closed years (Demostad's Covid-era subsidies). */
  seedDemoReports: boolean;
  /** Secure cookies (__Host- prefix). Browsers accept them on http://localhost too. */
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginRateLimitPerMinute: number;
  /** Addresses of reverse proxies whose X-Forwarded-* headers are trusted; never "true". */
  trustProxy: string[];
  logLevel: string;
  /** SMTP server for outgoing e-mail (smtp://host:25, smtps://user:pass@host:465); absent: the local outbox in the database. */
  smtpUrl: string | undefined;
  /** Sender of outgoing e-mail. */
  mailFrom: string;
  /** How often the outbox worker looks for due jobs (milliseconds). */
  outboxPollMs: number;
  /** Run the outbox worker and reminder scheduler in this process (tests drive them by hand). */
  outboxWorker: boolean;
  /** Failure points to arm (`name` or `name@n`), for the crash-consistency tests only; empty in every real deployment. */
  failpoints: string[];
  /** Where the e-Box keeps its files' bytes (issue 16): in the database (default), in a directory, or in an S3-compatible bucket. */
  eboxStore: EboxStoreKind;
  /** EBOX_STORE=disk: the directory of the files (created when missing). */
  eboxStoreDir: string | undefined;
  /** EBOX_STORE=s3: an S3-compatible server's address (MinIO, Ceph…); absent: AWS S3 itself. */
  eboxS3Endpoint: string | undefined;
  eboxS3Region: string;
  eboxS3Bucket: string | undefined;
  /** Both or neither; neither: the AWS SDK's own chain (AWS_* variables, instance role). */
  eboxS3AccessKeyId: string | undefined;
  eboxS3SecretAccessKey: string | undefined;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) throw new Error(`Invalid integer in configuration: ${value}`);
  return n;
}

export { FAS_LEVEL };

function list(value: string | undefined, fallback: string[]): string[] {
  const items = (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : fallback;
}

/** A URL whose host is this machine (localhost, 127.0.0.0/8, ::1): nobody else can open it. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
  } catch {
    return true;
  }
}

export class ConfigurationError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  const embedded = databaseUrl === undefined;
  const port = int(env.PORT, 3000);
  const production = env.NODE_ENV === 'production';
  const externalIssuer = env.OIDC_ISSUER || undefined;
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  const config: Config = Object.freeze({
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir: env.DATA_DIR ?? './data/pglite',
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    demoMode: bool(env.DEMO_MODE, embedded),
    demoIdentityProvider: bool(env.DEMO_IDP, embedded && !externalIssuer && !production),
    publicUrl,
    oidcIssuer: (externalIssuer ?? `${publicUrl}/idp`).replace(/\/+$/, ''),
    oidcClientId: env.OIDC_CLIENT_ID || 'uniek-verslag',
    oidcClientSecret: env.OIDC_CLIENT_SECRET || undefined,
    oidcClientPrivateKey: env.OIDC_CLIENT_PRIVATE_KEY || undefined,
    oidcInszClaim: env.OIDC_INSZ_CLAIM || 'egovNRN',
    oidcLoginAcr: env.OIDC_LOGIN_ACR || FAS_LEVEL.SECURITY_CODE,
    oidcSigningAcrs: list(env.OIDC_SIGNING_ACRS, [FAS_LEVEL.EID, FAS_LEVEL.ITSME]),
    stepUpMinutes: int(env.STEP_UP_MINUTES, 10),
    demoIdpSigningKey: env.DEMO_IDP_SIGNING_KEY || undefined,
    seedDemoData: bool(env.SEED_DEMO_DATA, embedded),
    seedDemoReports: bool(env.SEED_DEMO_REPORTS, true),
    cookieSecure: bool(env.COOKIE_SECURE, true),
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.SESSION_ABSOLUTE_HOURS, 10),
    loginRateLimitPerMinute: int(env.LOGIN_RATE_LIMIT_PER_MINUTE, 20),
    trustProxy: (env.TRUST_PROXY ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL ?? 'info',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Uniek Verslag <no-reply@uniek-verslag.invalid>',
    outboxPollMs: int(env.OUTBOX_POLL_MS, 5000),
    outboxWorker: bool(env.OUTBOX_WORKER, true),
    failpoints: (env.FAILPOINTS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    eboxStore: eboxStoreKind(env.EBOX_STORE),
    eboxStoreDir: env.EBOX_STORE_DIR || undefined,
    eboxS3Endpoint: env.EBOX_S3_ENDPOINT || undefined,
    eboxS3Region: env.EBOX_S3_REGION || 'us-east-1',
    eboxS3Bucket: env.EBOX_S3_BUCKET || undefined,
    eboxS3AccessKeyId: env.EBOX_S3_ACCESS_KEY_ID || undefined,
    eboxS3SecretAccessKey: env.EBOX_S3_SECRET_ACCESS_KEY || undefined,
    ...overrides,
    publicUrlConfigured:
      overrides.publicUrlConfigured ??
      ((Boolean(env.PUBLIC_URL) || overrides.publicUrl !== undefined) && !(production && isLoopbackUrl(overrides.publicUrl ?? publicUrl))),
  });
  checkIdentityConfiguration(config, { production, externalIssuer: overrides.oidcIssuer ?? externalIssuer });
  checkEboxStoreConfiguration(config);
  return config;
}

export type EboxStoreKind = 'database' | 'disk' | 's3';
const EBOX_STORES: EboxStoreKind[] = ['database', 'disk', 's3'];

function eboxStoreKind(value: string | undefined): EboxStoreKind {
  if (value === undefined || value === '') return 'database';
  const kind = value.toLowerCase();
  if (!(EBOX_STORES as string[]).includes(kind)) throw new ConfigurationError(`EBOX_STORE must be one of ${EBOX_STORES.join(', ')}, not "${value}".`);
  return kind as EboxStoreKind;
}

/** Each e-Box store has what it needs before the application starts, rather than failing at the first upload. */
function checkEboxStoreConfiguration(config: Config): void {
  if (config.eboxStore === 'disk' && !config.eboxStoreDir)
    throw new ConfigurationError('EBOX_STORE=disk needs EBOX_STORE_DIR: the directory where the e-Box files are kept.');
  if (config.eboxStore !== 's3') return;
  if (!config.eboxS3Bucket) throw new ConfigurationError('EBOX_STORE=s3 needs EBOX_S3_BUCKET: the bucket where the e-Box files are kept.');
  if (Boolean(config.eboxS3AccessKeyId) !== Boolean(config.eboxS3SecretAccessKey))
    throw new ConfigurationError("EBOX_S3_ACCESS_KEY_ID and EBOX_S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS SDK's own credentials.");
  if (config.eboxS3Endpoint && !/^https?:\/\/[^/]/.test(config.eboxS3Endpoint))
    throw new ConfigurationError(`EBOX_S3_ENDPOINT must be an http(s) address, not "${config.eboxS3Endpoint}".`);
}

/**
 * The embedded demo provider never runs in a production configuration nor beside an external issuer (portal.md ID-6);
 * without it, the application needs an external issuer and a way to authenticate to it.
 */
function checkIdentityConfiguration(config: Config, { production, externalIssuer }: { production: boolean; externalIssuer: string | undefined }): void {
  if (config.demoIdentityProvider) {
    if (production)
      throw new ConfigurationError('The demo identity provider (DEMO_IDP) cannot run with NODE_ENV=production: set OIDC_ISSUER to a real provider.');
    if (externalIssuer && externalIssuer.replace(/\/+$/, '') !== `${config.publicUrl}/idp`)
      throw new ConfigurationError(
        `The demo identity provider (DEMO_IDP) cannot run beside an external OIDC_ISSUER (${externalIssuer}): turn one of them off.`,
      );
  } else if (!externalIssuer && production) {
    throw new ConfigurationError('No identity provider: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET or OIDC_CLIENT_PRIVATE_KEY.');
  }
}

/**
 * The base of the links in e-mails (ADR 0043): the application's public URL when one is configured, else undefined —
 * a link to localhost would lead nowhere, so the e-mail then says in words where to go.
 */
export function mailBaseUrl(config: Pick<Config, 'publicUrl' | 'publicUrlConfigured'>): string | undefined {
  return config.publicUrlConfigured ? config.publicUrl : undefined;
}
