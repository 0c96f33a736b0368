import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/db/database.ts';

/** A browser-like client: keeps its session cookie, posts urlencoded forms like a real form submit. */
export class Client {
  cookies = new Map<string, string>();
  /** the prefix of the pages of the OCMW this person chose at login (/ocmw/{kbo}); empty for POD MI staff */
  base = '';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    // Like a browser landing on an OCMW's homepage after choosing it: that OCMW's pages are where it now works.
    const location = res.headers.location;
    if (typeof location === 'string' && /^\/ocmw\/\d{10}$/.test(location)) this.base = location;
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: this.cookieHeader() }));
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...this.cookieHeader(), ...headers },
      }),
    );
  }

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
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'sec-fetch-site': 'same-origin', ...this.cookieHeader() },
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

/** Logs in through the real demo login and chooses the OCMW when the person works for several. */
export async function loginAs(app: FastifyInstance, db: Db, fullName: string, ocmw?: string): Promise<Client> {
  const [first, ...rest] = fullName.split(' ');
  const client = new Client(app);
  const res = await client.post('/auth/demo', { personId: await personId(db, first, rest.join(' ')) });
  if (res.statusCode !== 303) throw new Error(`Login failed: ${res.statusCode}`);
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
