import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/db/database.ts';

/** A browser-like client: keeps its session cookie, posts urlencoded forms like a real form submit. */
/** The means the tester chooses on the demo provider's page: eID (Level500), itsme (Level450), security code (Level400). */
export type Means = 'eid' | 'itsme' | 'code';

/** The application's public origin in the tests (config.publicUrl): redirects to it are followed in process. */
export const TEST_ORIGIN = 'http://localhost:3000';

export class Client {
  cookies = new Map<string, string>();
  /** the prefix of the pages of the OCMW this person chose at login (/ocmw/{kbo}); empty for POD MI staff */
  base = '';
  /** who this client logs in as at the demo provider, and with which means (also at the step-up before signing) */
  personaId: string | undefined;
  means: Means = 'eid';
  /**
   * A post answered with a redirect to the step-up (signing without a fresh eID/itsme authentication) goes through the
   * provider with this client's persona and means, then is posted again — as a person who authenticates and presses
   * "Ondertekenen" again. Off: the redirect itself is returned.
   */
  autoStepUp = true;

  constructor(private readonly app: FastifyInstance) {}

  /** A path of this application for a URL (our absolute URLs, e.g. the provider's redirects, become paths). */
  private path(url: string): string {
    // The public origin, or the loopback address a server process of the crash suite listens on.
    const local = /^https?:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?(?=\/|$)/.exec(url);
    return local ? url.slice(local[0].length) || '/' : url;
  }

  /**
   * The cookies for a path, and the host a browser sends (the application's public origin: the provider builds its
   * URLs on it). A cookie of a path other than / is kept as `name<TAB>path` and sent under that path only, as a
   * browser does (the provider scopes its interaction cookies to their paths).
   */
  private cookieHeader(url = '/'): Record<string, string> {
    const host = { host: TEST_ORIGIN.slice('http://'.length) };
    const path = url.split('?')[0];
    const sent = [...this.cookies].flatMap(([key, value]) => {
      const [name, scope] = key.split('\t');
      return !scope || path === scope || path.startsWith(scope.endsWith('/') ? scope : `${scope}/`) ? [`${name}=${value}`] : [];
    });
    return sent.length === 0 ? host : { ...host, cookie: sent.join('; ') };
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    // Like a browser landing on an OCMW's homepage after choosing it: that OCMW's pages are where it now works.
    const location = res.headers.location;
    if (typeof location === 'string' && /^\/ocmw\/\d{10}$/.test(location)) this.base = location;
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date; path?: string }>) {
      const key = !c.path || c.path === '/' ? c.name : `${c.name}\t${c.path}`;
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(key);
      else this.cookies.set(key, c.value);
    }
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url: this.path(url), headers: this.cookieHeader(this.path(url)) }));
  }

  /** A form post; a field with several values (ticked checkboxes) is posted once per value. */
  async post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const pairs = Object.entries(form).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]]));
    const send = async () =>
      this.remember(
        await this.app.inject({
          method: 'POST',
          url: this.path(url),
          payload: new URLSearchParams(pairs).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...this.cookieHeader(this.path(url)), ...headers },
        }),
      );
    const res = await send();
    const location = res.headers.location;
    if (!this.autoStepUp || res.statusCode !== 303 || typeof location !== 'string' || !location.startsWith('/auth/step-up')) return res;
    // One step-up at a time per browser (two clicks at once share it, as two tabs share the provider's cookies).
    const pending = this.steppingUp ?? (async () => this.authenticateAtProvider(await this.get(location), this.means))();
    this.steppingUp = pending;
    const back = await pending.finally(() => {
      if (this.steppingUp === pending) this.steppingUp = undefined;
    });
    // Refused at the step-up: the redirect to the form with the refusal is the answer; else the post again.
    return /[?&]m=stepped_up\b/.test(String(back.headers.location ?? '')) ? send() : back;
  }

  private steppingUp: Promise<LightMyRequestResponse> | undefined;

  /**
   * At the demo provider: follows its redirects to the interaction page, chooses this client's persona and the means,
   * and follows the redirects back to the application's callback; returns the callback's answer.
   */
  async authenticateAtProvider(start: LightMyRequestResponse, means: Means): Promise<LightMyRequestResponse> {
    if (!this.personaId) throw new Error('No persona: log in with loginAs first');
    let res = start;
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.location;
      if (res.statusCode === 200 && /\/idp\/interaction\//.test(this.lastUrl)) {
        res = await this.post(this.lastUrl, { persona: this.personaId, means, action: 'login' });
        continue;
      }
      // Another person than the provider's current session: the provider first ends its session with a form that
      // posts itself (a Continue button without JavaScript).
      const selfPost = res.statusCode === 200 ? /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(res.body) : null;
      if (selfPost) {
        const fields = Object.fromEntries([...selfPost[2].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
        this.lastUrl = this.path(selfPost[1].replace(/&amp;/g, '&'));
        res = await this.post(this.lastUrl, fields);
        continue;
      }
      if (res.statusCode < 300 || res.statusCode >= 400 || typeof location !== 'string')
        throw new Error(`Provider answered ${res.statusCode} at ${this.lastUrl}: ${res.body.slice(0, 300)}`);
      const next = this.path(location);
      if (next.startsWith('/auth/callback')) return this.get(next);
      this.lastUrl = next;
      res = await this.get(next);
    }
    throw new Error('Too many redirects at the provider');
  }

  private lastUrl = '';

  /** Posts a multipart form with text fields first and one file (as a browser's upload form). */
  async postFile(url: string, fields: Record<string, string>, file: { name: string; type: string; content: Buffer } | null): Promise<LightMyRequestResponse> {
    const boundary = `----uvtest${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    const filename = file?.name ?? '';
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${file?.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(file?.content ?? Buffer.alloc(0), Buffer.from(`\r\n--${boundary}--\r\n`));
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat(parts),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'sec-fetch-site': 'same-origin', ...this.cookieHeader(this.path(url)) },
      }),
    );
  }

  /** Posts a multipart form with text fields and several files, each under its own field name. */
  async postFiles(
    url: string,
    fields: Record<string, string>,
    files: Array<{ field: string; name: string; type: string; content: Buffer }>,
  ): Promise<LightMyRequestResponse> {
    const boundary = `----uvtest${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    for (const file of files) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
        file.content,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat(parts),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'sec-fetch-site': 'same-origin', ...this.cookieHeader(this.path(url)) },
      }),
    );
  }

  /** Follows one redirect (as a browser after a post). */
  async follow(res: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    const location = res.headers.location;
    if (typeof location !== 'string') throw new Error(`Expected a redirect, got ${res.statusCode}`);
    return this.get(location);
  }
}

export async function personId(db: Db, firstName: string, lastName: string): Promise<string> {
  const row = await db.selectFrom('persons').select('id').where('first_name', '=', firstName).where('last_name', '=', lastName).executeTakeFirstOrThrow();
  return row.id;
}

export async function organisationId(db: Db, nameNl: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('id').where('name_nl', '=', nameNl).executeTakeFirstOrThrow();
  return row.id;
}

/** The campaign of a measure and report year. */
export async function campaignId(db: Db, measure: string, reportYear: number): Promise<string> {
  const row = await db.selectFrom('campaigns').select('id').where('measure', '=', measure).where('report_year', '=', reportYear).executeTakeFirstOrThrow();
  return row.id;
}

export function covidCampaignId(db: Db): Promise<string> {
  return campaignId(db, 'COVID_PREMIE', 2022);
}

/**
 * Logs in through the real OpenID Connect flow against the embedded demo provider: "Aanmelden", the provider's page
 * (persona and means), the callback; then chooses the OCMW when the person works for several.
 */
export async function loginAs(app: FastifyInstance, db: Db, fullName: string, ocmw?: string, means: Means = 'eid'): Promise<Client> {
  const [first, ...rest] = fullName.split(' ');
  const client = new Client(app);
  client.personaId = await personId(db, first, rest.join(' '));
  client.means = means;
  const start = await client.post('/auth/login', {});
  if (start.statusCode !== 303) throw new Error(`Login failed: ${start.statusCode} ${start.body.slice(0, 300)}`);
  const res = await client.authenticateAtProvider(start, means);
  if (res.statusCode !== 303) throw new Error(`Login failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const choose = await client.get('/choose-ocmw');
  // The client's pages (client.base) follow the redirect to the OCMW's homepage, chosen or the only one.
  if (choose.statusCode === 200 && ocmw) await client.post('/choose-ocmw', { organisationId: await organisationId(db, ocmw) });
  return client;
}

/** The hidden input value of a form field in an HTML page. */
export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name.replace(/\./g, '\\.')}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`No hidden field ${name}`);
  return match[1];
}

export interface DemostadTeam {
  campaign: string;
  demostad: string;
  an: Client;
  jan: Client;
  els: Client;
}

/** The three people of the manual at OCMW Demostad, logged in, and the Covid-19 premium campaign. */
export async function demostadTeam(app: FastifyInstance, db: Db): Promise<DemostadTeam> {
  return {
    campaign: await covidCampaignId(db),
    demostad: await organisationId(db, 'OCMW Demostad'),
    an: await loginAs(app, db, 'An Peeters'),
    jan: await loginAs(app, db, 'Jan Janssens'),
    els: await loginAs(app, db, 'Els Maes'),
  };
}
