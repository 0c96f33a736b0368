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
  /** Demo login on/off. On by default only for the embedded database. */
  demoMode: boolean;
  /** Seed demo data on first start (empty database). */
  seedDemoData: boolean;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  const embedded = databaseUrl === undefined;
  return Object.freeze({
    port: int(env.PORT, 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir: env.DATA_DIR ?? './data/pglite',
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    demoMode: bool(env.DEMO_MODE, embedded),
    seedDemoData: bool(env.SEED_DEMO_DATA, embedded),
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
    ...overrides,
  });
}
