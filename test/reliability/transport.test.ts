import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { LOG_REDACT } from '../../src/app.ts';
import { formatInsz } from '../../src/modules/shared/identifiers.ts';
import { sessionCookieName } from '../../src/platform/sessions.ts';
import { type TestApp, TEST_DB, buildTestApp } from '../support/app.ts';
import { Client, loginAs, personId } from '../support/http.ts';
import { ACTORS, type Actor, type Ocmw, POLICY, type ProbeIds, type RouteRule } from './authorisation-policy.ts';
import { type World, buildWorld, prepareActors, routeCollector, stageImport } from './world.ts';

/**
 * Suite 9 of issue 5, transport: (a) content-type variants on every unsafe route (Fastify's onRoute), (b) forged
 * Origin and Sec-Fetch-Site on every unsafe route, (c) every GET route crawled as every actor while the whole
 * database is watched, (d) session fixation, logout replay, idle and absolute expiry on a fake clock, (e) security
 * headers on every HTML response crawled, (f) the log of the whole run holds no national number, session token
 * or Cookie header. The app is built here as buildTestApp does, but with a logger writing to memory (the level
 * and redaction of production, see buildApp in src/app.ts, at the most verbose level).
 *
 * Defects it found when written (each printed as a FINDING line; the suite fails until they are fixed):
 *  - `Content-Type: multipart/form-data` without a boundary (or with `boundary=`) passes the content-type check of
 *    src/platform/security.ts (it looks at the media type only): every unsafe route processes such a post as an
 *    empty form — POST /logout ends the session, reference-data commit/discard commit/discard the import — and
 *    the two upload routes (POST /forms/:campaignId/workbook, POST /backoffice/reference-data) answer 500
 *    (busboy's "Boundary not found" reaches the error handler).
 * Reported apart (NOTE lines, not in the figure): CSV/XLSX downloads without Cache-Control no-store; the session
 * cookie in trace-level lines of @fastify/multipart (busboyOptions with all request headers).
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ------------------------------------------------------------------------------------------------ the app

/** buildTestApp with the production logger options, at the most verbose level, writing every line to `lines`. */
function buildLoggedApp(lines: string[], onRoute: (route: { method: string | string[]; url: string }) => void): Promise<TestApp> {
  const logger = { level: 'trace', redact: LOG_REDACT, stream: { write: (line: string) => void lines.push(line) } };
  return buildTestApp({ logLevel: 'trace' }, TEST_DB, { schemaPrefix: 'uv_transport', logger, onRoute });
}

// ------------------------------------------------------------------------------------------------ helpers

/** The values of the form posting to `action` (path with optional query), as a browser would post them. */
function formsIn(html: string): Array<{ action: string; values: Record<string, string> }> {
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], decode(m[2])]));
  const found: Array<{ action: string; values: Record<string, string> }> = [];
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const head = attrs(form[1]);
    if ((head.method ?? 'get').toLowerCase() !== 'post' || !head.action) continue;
    const values: Record<string, string> = {};
    for (const m of form[2].matchAll(/<input\b([^>]*)>/g)) {
      const a = attrs(m[1]);
      if (!a.name || ['submit', 'button', 'file', 'reset'].includes(a.type ?? '')) continue;
      if ((a.type === 'checkbox' || a.type === 'radio') && !/\bchecked\b/.test(m[1])) continue;
      values[a.name] = a.value ?? '';
    }
    for (const m of form[2].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attrs(m[1]);
      const selected = /<option[^>]*value="([^"]*)"[^>]*\bselected\b/.exec(m[2]) ?? /<option[^>]*value="([^"]*)"/.exec(m[2]);
      if (a.name) values[a.name] = decode(selected?.[1] ?? '');
    }
    for (const m of form[2].matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const a = attrs(m[1]);
      if (a.name) values[a.name] = decode(m[2]);
    }
    // A submit button with a name (e.g. action=save) is posted too.
    for (const m of form[2].matchAll(/<button\b([^>]*)>/g)) {
      const a = attrs(m[1]);
      if (a.name && !(a.name in values) && (a.type ?? 'submit') === 'submit') values[a.name] = a.value ?? '';
    }
    found.push({ action: head.action, values });
  }
  return found;
}

function multipartBody(fields: Record<string, string>, file: { name: string; type: string; content: Buffer } | null, boundary: string): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `bytes:${createHash('sha256').update(value).digest('hex')}`;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** The answer of a request, for comparing two requests: status, path redirected to and its ?m= code. */
function answerOf(res: LightMyRequestResponse): string {
  const location = res.headers.location;
  if (typeof location !== 'string') return String(res.statusCode);
  const url = new URL(location, 'http://app.invalid');
  const path = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
  return `${res.statusCode} ${path} m=${url.searchParams.get('m') ?? ''}`;
}

type Snapshot = Map<string, string[]>;

/** Lines in the figure's tally that fail the suite. */
interface Finding {
  kind: 'content-type' | 'origin' | 'crawl' | 'session' | 'header' | 'log';
  what: string;
}

// ------------------------------------------------------------------------------------------------ the suite

describe(`transport: content types, origins, read-only GETs, sessions, headers, logs (${TEST_DB})`, () => {
  let t: TestApp;
  const logLines: string[] = [];
  const collected = routeCollector((method) => method !== 'HEAD' && method !== 'OPTIONS');
  const routes = collected.routes;
  const clients = new Map<string, Client>();
  const crawled = new Map<string, Map<string, string>>();
  /** every session token set and every Cookie header sent during the run */
  const tokens = new Set<string>();
  const cookieHeaders = new Set<string>();
  const findings: Finding[] = [];
  const tally = { variants: 0, origin: 0, pages: 0, dbChanges: 0, missingHeaders: 0, secrets: 0, liveBodies: 0, unsafeRoutes: 0 };
  /** reported, not in the figure: downloads of a logged-in person without no-store; secrets in trace-level lines only */
  const notes = { downloadsWithoutNoStore: new Set<string>(), traceSecrets: 0 };
  const started = Date.now();
  let cookieName = '';
  let tables: string[] = [];
  let world: World;

  const client = (key: string) => clients.get(key) ?? assert.fail(key);
  const finding = (kind: Finding['kind'], what: string) => {
    findings.push({ kind, what });
    console.log(`FINDING [${kind}] ${what}`);
  };

  async function snapshot(): Promise<Snapshot> {
    const snap: Snapshot = new Map();
    for (const table of tables) {
      // The writes a GET makes on purpose are left out: POD MI's reads of an OCMW's pages, written in that OCMW's
      // audit trail (PODMI_READ, which moves its chain head), the session's memory of the last OCMW opened, and the
      // provider's callback (GET /auth/callback, ADR 0033), which ends a login: a refused one is audited (LOGIN_REFUSED),
      // and the e-Box's read state (ADR 0045: opening a message marks it read for the OCMW, once, each opening in its
      // audit trail; a visit of the list is remembered for POD MI).
      if (table === 'audit_heads' || table === 'document_reads' || table === 'ebox_reads' || table === 'ebox_visits') continue;
      const all = (await sql.raw(`SELECT * FROM ${table}`).execute(t.db)).rows as Array<Record<string, unknown>>;
      const GET_EVENTS = ['PODMI_READ', 'LOGIN_REFUSED', 'EBOX_MESSAGE_OPENED'];
      const rows = table === 'audit_events' ? all.filter((row) => !GET_EVENTS.includes(String(row.type))) : all;
      const lines = rows.map((row) => {
        const clean = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalise(v)]));
        if (table === 'sessions') {
          delete clean.last_seen_at;
          delete clean.expires_at;
          delete clean.organisation_id;
        }
        return JSON.stringify(clean);
      });
      snap.set(table, lines.sort());
    }
    return snap;
  }

  function changes(a: Snapshot, b: Snapshot): string[] {
    const out: string[] = [];
    for (const table of tables) {
      const before = new Set(a.get(table));
      const after = new Set(b.get(table));
      const gone = [...before].filter((r) => !after.has(r));
      const added = [...after].filter((r) => !before.has(r));
      if (gone.length + added.length > 0)
        out.push(`${table}: ${gone.length} row(s) gone/changed, ${added.length} row(s) new/changed${added[0] ? ` e.g. ${added[0].slice(0, 200)}` : ''}`);
    }
    return out;
  }

  /** One request through app.inject, recording the session tokens set and the Cookie headers sent. */
  async function send(opts: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<LightMyRequestResponse> {
    if (opts.headers?.cookie) cookieHeaders.add(opts.headers.cookie);
    const res = await t.app.inject({ method: opts.method as 'GET' | 'POST', url: opts.url, headers: opts.headers, payload: opts.payload });
    for (const c of res.cookies as Array<{ name: string; value: string }>) if (c.name === cookieName && c.value) tokens.add(c.value);
    return res;
  }

  const cookieOf = (c: Client): Record<string, string> => (c.cookies.size === 0 ? {} : { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });

  async function tracked(c: Client): Promise<Client> {
    for (const [name, value] of c.cookies) if (name === cookieName) tokens.add(value);
    return c;
  }

  async function login(actor: Actor): Promise<Client> {
    if (!actor.person) return new Client(t.app);
    return tracked(await loginAs(t.app, t.db, actor.person, actor.podmi ? 'OCMW Demostad' : undefined));
  }

  function idsFor(actor: Actor, rule: RouteRule | undefined): ProbeIds {
    const of: Ocmw = actor.ocmw ?? 'A';
    return {
      campaignId: world.campaign[rule?.campaign ?? 'psa'],
      kbo: world.kbo[of],
      instanceId: world.instance[of],
      documentId: world.document[of],
      settlementId: world.settlement[of],
      organisationId: world.org[of],
      personId: actor.person ? world.person[actor.key] : world.medewerker[of],
      messageId: world.messageId,
      jobId: world.jobId,
      importId: world.importId,
      // Toegangsbeheer: an appointment of a co-TB; a draft that is nobody's
      purpose: 'co-tb',
      role: 'co-tb',
      draftId: '00000000-0000-4000-8000-000000000000',
      mergerId: world.merger[of],
      screen: 'contact',
      table: 'staffA',
      row: 'new',
      position: '1',
      batchId: '00000000-0000-4000-8000-000000000000',
    };
  }

  /** The crawl's ids: always the objects of OCMW A (B's staff thus ask for A's objects). */
  function idsOfA(rule: RouteRule | undefined): ProbeIds {
    return { ...idsFor({ key: 'A.medewerker', ocmw: 'A' }, rule), personId: world.medewerker.A };
  }

  function fill(url: string, ids: ProbeIds): string {
    return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      const value = (ids as unknown as Record<string, string | undefined>)[name];
      if (value === undefined) throw new Error(`${url}: the suite cannot fill :${name}`);
      return value;
    });
  }

  before(async () => {
    t = await buildLoggedApp(logLines, collected.onRoute);
    cookieName = sessionCookieName(t.config);
    const { db } = t;
    tables = (
      await sql<{
        table_name: string;
      }>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db)
    ).rows.map((r) => r.table_name);

    const actors = await prepareActors(t);
    for (const actor of ACTORS) clients.set(actor.key, await login(actor));

    // The login + save + sign flow the log must survive: both OCMWs fill in, sign and submit GAS_ELEK 2026; POD MI settles it.
    world = await buildWorld(t, actors, client, { psaWorkbooks: false, dedupeKey: 'transport' });
    for (const c of clients.values()) await tracked(c);
  });

  after(async () => {
    await t?.close();
    const figure = `transport: ${tally.variants} content-type variants, ${tally.origin} origin probes, ${tally.pages} GET pages crawled, DB changes ${tally.dbChanges}, missing headers ${tally.missingHeaders}, secrets in logs ${tally.secrets}`;
    console.log(
      `notes: ${notes.downloadsWithoutNoStore.size} logged-in download routes without Cache-Control no-store; ${notes.traceSecrets} secrets in trace-level log lines (production logs at info)`,
    );
    console.log(
      `transport: ${tally.unsafeRoutes} unsafe routes (${tally.liveBodies} probed with the live form of a page), ${logLines.length} log lines, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    process.once('exit', () => console.log(figure));
  });

  // ---------------------------------------------------------------------------------------------- (c) + (e)

  /** (e): the headers every HTML page must carry; no-store wherever a person is logged in (all HTML pages here). */
  function checkHeaders(where: string, res: LightMyRequestResponse, loggedIn: boolean) {
    const type = String(res.headers['content-type'] ?? '');
    const h = (name: string) => String(res.headers[name] ?? '');
    const missing: string[] = [];
    if (type.startsWith('text/html')) {
      const csp = h('content-security-policy');
      if (!/frame-ancestors 'none'/.test(csp) && !/^(deny|sameorigin)$/i.test(h('x-frame-options')))
        missing.push("CSP frame-ancestors 'none' / X-Frame-Options");
      if (!/default-src/.test(csp)) missing.push('CSP default-src');
      if (!/max-age=\d+/.test(h('strict-transport-security'))) missing.push('HSTS');
      if (h('x-content-type-options') !== 'nosniff') missing.push('X-Content-Type-Options nosniff');
      if (!/no-store/.test(h('cache-control'))) missing.push('Cache-Control no-store');
    } else if (loggedIn && res.statusCode === 200 && !type.startsWith('text/css') && !type.startsWith('application/javascript')) {
      // Downloads of a logged-in person (PDF, CSV, XLSX): OCMW and payment data. Reported apart (the figure counts HTML).
      if (h('x-content-type-options') !== 'nosniff') missing.push('X-Content-Type-Options nosniff');
      if (!/no-store/.test(h('cache-control'))) {
        const route = where.replace(/ as .*$/, '');
        if (!notes.downloadsWithoutNoStore.has(route)) console.log(`NOTE [header] ${route} (${type.split(';')[0]}): download without Cache-Control no-store`);
        notes.downloadsWithoutNoStore.add(route);
      }
    }
    for (const m of missing) {
      tally.missingHeaders++;
      finding('header', `${where} (${res.statusCode} ${type.split(';')[0]}): missing ${m}`);
    }
  }

  it('(c, e) crawls every GET route as every actor: the database does not change, every HTML page carries the security headers', async () => {
    const gets = [...new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url))];
    assert.ok(gets.length >= 30, `GET routes collected: ${gets.length}`);
    for (const url of gets) {
      const rule = POLICY[`GET ${url}`];
      const path = fill(url, idsOfA(rule)) + (rule?.query ?? '');
      const before = await snapshot();
      for (const actor of ACTORS) {
        const c = client(actor.key);
        const res = await send({ method: 'GET', url: path, headers: cookieOf(c) });
        tally.pages++;
        if (res.statusCode >= 500) finding('crawl', `GET ${path} as ${actor.key}: ${res.statusCode}`);
        checkHeaders(`GET ${path} as ${actor.key}`, res, actor.person !== undefined);
        if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
          const pages = crawled.get(actor.key) ?? new Map<string, string>();
          pages.set(path, res.body);
          crawled.set(actor.key, pages);
        }
      }
      const changed = changes(before, await snapshot());
      for (const c of changed) {
        tally.dbChanges++;
        finding('crawl', `GET ${path} (all actors) changed the database: ${c}`);
      }
    }
    // The error pages too: an unknown page, anonymous and logged in.
    for (const key of ['anonymous', 'A.medewerker']) {
      const res = await send({ method: 'GET', url: '/no-such-page', headers: cookieOf(client(key)) });
      tally.pages++;
      checkHeaders(`GET /no-such-page as ${key}`, res, key !== 'anonymous');
    }
    console.log(`crawl: ${gets.length} GET routes × ${ACTORS.length} actors, ${tally.pages} pages`);
    assert.deepEqual(
      findings.filter((f) => f.kind === 'crawl' || f.kind === 'header').map((f) => f.what),
      [],
    );
  });

  // ---------------------------------------------------------------------------------------------- (a) + (b)

  interface UnsafeProbe {
    key: string;
    actor: Actor;
    rule: RouteRule | undefined;
    path: string;
    /** the route's deterministic body (stale versions: the canonical post changes nothing that matters) */
    policyBody: Record<string, string>;
    file: boolean;
  }

  function unsafeProbes(): UnsafeProbe[] {
    const keys = [...new Set(routes.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`))];
    tally.unsafeRoutes = keys.length;
    return keys.map((key) => {
      const rule = POLICY[key];
      const actor = (rule && ACTORS.find((a) => a.person && ['allow', 'refused'].includes(rule.expect(a, 'own')))) ?? ACTORS[1];
      const ids = idsFor(actor, rule);
      const url = key.slice(key.indexOf(' ') + 1);
      return { key, actor, rule, path: fill(url, ids) + (rule?.query ?? ''), policyBody: rule?.body?.(ids) ?? {}, file: rule?.file ?? false };
    });
  }

  /** The session a probe posts with: the actor's own, or a throwaway one for routes that change the session. */
  async function sessionFor(p: UnsafeProbe): Promise<Client> {
    return p.rule?.fresh ? login(p.actor) : client(p.actor.key);
  }

  /** A body that changes state if the post is processed: the live form of a page the actor was shown, over the policy body. */
  async function liveBody(p: UnsafeProbe, c: Client): Promise<{ path: string; body: Record<string, string>; fromPage: boolean }> {
    if (p.key === 'POST /language') return { path: p.path, body: { lang: 'de', returnTo: '/' }, fromPage: true };
    const pages = crawled.get(p.actor.key) ?? new Map<string, string>();
    for (const [page, html] of pages) {
      const form = formsIn(html).find((f) => f.action.split('?')[0] === p.path.split('?')[0]);
      if (!form) continue;
      // Fetch the page again: the form's version must be the current one.
      const fresh = await send({ method: 'GET', url: page, headers: cookieOf(c) });
      const again = formsIn(fresh.body).find((f) => f.action === form.action) ?? form;
      return { path: again.action, body: { ...p.policyBody, ...again.values }, fromPage: true };
    }
    return { path: p.path, body: p.policyBody, fromPage: false };
  }

  async function prepare(p: UnsafeProbe): Promise<UnsafeProbe> {
    if (!p.rule?.freshImport) return p;
    const importId = await stageImport(t, world);
    return { ...p, path: p.path.replace(world.importId, importId) };
  }

  const FILE = { name: 'notes.xlsx', type: XLSX, content: Buffer.from('not a workbook') };

  it('(a) processes only urlencoded (any case or spacing) and multipart with a boundary; every other content type is refused without a change', async () => {
    const urlencodedOk = [
      'Application/X-WWW-Form-Urlencoded',
      'APPLICATION/X-WWW-FORM-URLENCODED; CHARSET=UTF-8',
      'application/x-www-form-urlencoded ; charset=utf-8',
      'application/x-www-form-urlencoded;\tcharset=utf-8',
      'application/x-www-form-urlencoded \t;  charset=utf-8  ',
    ];
    /** processed like the canonical post, or refused (400/415) without a change */
    const urlencodedEither = [
      'application/x-www-form-urlencoded; charset=utf-8; charset=utf-8',
      'application/x-www-form-urlencoded; charset=utf-8; charset=iso-8859-1',
    ];
    const boundary = `----uvtransport${randomBytes(6).toString('hex')}`;
    const multipartOk = [
      `multipart/form-data; boundary=${boundary}`,
      `Multipart/Form-Data; Boundary=${boundary}`,
      `multipart/form-data ;\tboundary=${boundary}`,
    ];

    for (const base of unsafeProbes()) {
      // Canonical post and the variants that must be processed alike (the policy body).
      const canonical = async (p: UnsafeProbe, c: Client) =>
        p.file
          ? send({
              method: 'POST',
              url: p.path,
              headers: { ...cookieOf(c), 'sec-fetch-site': 'same-origin', 'content-type': `multipart/form-data; boundary=${boundary}` },
              payload: multipartBody(p.policyBody, FILE, boundary),
            })
          : send({
              method: 'POST',
              url: p.path,
              headers: { ...cookieOf(c), 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
              payload: new URLSearchParams(p.policyBody).toString(),
            });
      const processedTypes = base.file ? multipartOk : [...urlencodedOk, ...urlencodedEither, multipartOk[0]];
      for (const type of processedTypes) {
        const p = await prepare(base);
        const reference = answerOf(await canonical(p, await sessionFor(p)));
        const q = await prepare(base);
        const c = await sessionFor(q);
        const isMultipart = type.toLowerCase().startsWith('multipart');
        const payload = isMultipart ? multipartBody(q.policyBody, q.file ? FILE : null, boundary) : new URLSearchParams(q.policyBody).toString();
        const before = await snapshot();
        const res = await send({ method: 'POST', url: q.path, headers: { ...cookieOf(c), 'sec-fetch-site': 'same-origin', 'content-type': type }, payload });
        const after = await snapshot();
        tally.variants++;
        const got = answerOf(res);
        const label = `${base.key} as ${base.actor.key} with Content-Type ${JSON.stringify(type)}`;
        if (res.statusCode >= 500) finding('content-type', `${label}: ${res.statusCode}`);
        else if (urlencodedEither.includes(type) && (res.statusCode === 400 || res.statusCode === 415)) {
          for (const ch of changes(before, after)) {
            tally.dbChanges++;
            finding('content-type', `${label}: refused (${res.statusCode}) but changed ${ch}`);
          }
        } else if (!isMultipart || base.file) {
          if (got !== reference) finding('content-type', `${label}: answered ${got}, the canonical post ${reference}`);
        } else if (res.statusCode === 415) finding('content-type', `${label}: multipart with a boundary refused (415)`);
      }

      // Refused: with a body that changes state if processed.
      const refusedVariants: Array<{ name: string; type: string | undefined; payload: (body: Record<string, string>) => string | Buffer }> = [
        { name: 'application/json', type: 'application/json', payload: (b) => JSON.stringify(b) },
        { name: 'application/json; charset=utf-8', type: 'application/json; charset=utf-8', payload: (b) => JSON.stringify(b) },
        { name: 'text/plain', type: 'text/plain', payload: (b) => new URLSearchParams(b).toString() },
        { name: 'no content type', type: undefined, payload: (b) => new URLSearchParams(b).toString() },
        { name: 'multipart without boundary', type: 'multipart/form-data', payload: (b) => multipartBody(b, base.file ? FILE : null, boundary) },
        {
          name: 'multipart with an empty boundary',
          type: 'multipart/form-data; boundary=',
          payload: (b) => multipartBody(b, base.file ? FILE : null, boundary),
        },
        { name: 'application/x-www-form-urlencoded-x', type: 'application/x-www-form-urlencodedx', payload: (b) => new URLSearchParams(b).toString() },
        { name: 'text/xml', type: 'text/xml', payload: () => '<form><version>1</version></form>' },
      ];
      for (const variant of refusedVariants) {
        const p = await prepare(base);
        const c = await sessionFor(p);
        const live = await liveBody(p, c);
        // A post without a body needs no content type (the browser's empty form, fetch without body): not a variant.
        if (variant.type === undefined && Object.keys(live.body).length === 0) continue;
        const headers: Record<string, string> = { ...cookieOf(c), 'sec-fetch-site': 'same-origin' };
        if (variant.type !== undefined) headers['content-type'] = variant.type;
        const before = await snapshot();
        const res = await send({ method: 'POST', url: live.path, headers, payload: variant.payload(live.body) });
        const after = await snapshot();
        tally.variants++;
        const label = `${base.key} as ${base.actor.key} with ${variant.name} (${Object.keys(live.body).length} fields)`;
        if (res.statusCode !== 415 && res.statusCode !== 400) finding('content-type', `${label}: answered ${answerOf(res)}, expected 415 (or 400)`);
        for (const ch of changes(before, after)) {
          tally.dbChanges++;
          finding('content-type', `${label}: changed ${ch}`);
        }
      }
    }
    console.log(`content types: ${tally.variants} variants on ${tally.unsafeRoutes} unsafe routes`);
    assert.deepEqual(
      findings.filter((f) => f.kind === 'content-type').map((f) => f.what),
      [],
    );
  });

  it('(b) refuses forged Origin and cross-site Sec-Fetch-Site on every unsafe route (403) without a change', async () => {
    const forged: Array<{ name: string; headers: Record<string, string> }> = [
      { name: 'Origin of another host', headers: { origin: 'https://evil.example' } },
      { name: 'Origin of the same host on another scheme', headers: { origin: 'https://localhost:80' } },
      { name: 'Origin null', headers: { origin: 'null' } },
      { name: 'Sec-Fetch-Site cross-site', headers: { 'sec-fetch-site': 'cross-site' } },
      { name: 'Sec-Fetch-Site same-site', headers: { 'sec-fetch-site': 'same-site' } },
      { name: 'Sec-Fetch-Site same-origin with Origin of another host', headers: { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' } },
    ];
    const boundary = `----uvtransport${randomBytes(6).toString('hex')}`;
    let live = 0;
    for (const base of unsafeProbes()) {
      let hadLive = false;
      for (const probe of forged) {
        const p = await prepare(base);
        const c = await sessionFor(p);
        const body = await liveBody(p, c);
        if (body.fromPage) hadLive = true;
        const headers: Record<string, string> = { ...cookieOf(c), ...probe.headers };
        let payload: string | Buffer;
        if (base.file) {
          headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
          payload = multipartBody(body.body, FILE, boundary);
        } else {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          payload = new URLSearchParams(body.body).toString();
        }
        const before = await snapshot();
        const res = await send({ method: 'POST', url: body.path, headers, payload });
        const after = await snapshot();
        tally.origin++;
        const label = `${base.key} as ${base.actor.key} with ${probe.name}`;
        if (res.statusCode !== 403) finding('origin', `${label}: answered ${answerOf(res)}, expected 403`);
        for (const ch of changes(before, after)) {
          tally.dbChanges++;
          finding('origin', `${label}: changed ${ch}`);
        }
      }
      if (hadLive) live++;
    }
    tally.liveBodies = live;
    console.log(`origins: ${tally.origin} probes on ${tally.unsafeRoutes} unsafe routes, ${live} with the live form of a page`);
    assert.deepEqual(
      findings.filter((f) => f.kind === 'origin').map((f) => f.what),
      [],
    );
  });

  // ---------------------------------------------------------------------------------------------- (d)

  /** Where GET / sends a client holding `token`: 200 (a session) or a redirect to /login. */
  async function home(token: string): Promise<string> {
    const res = await send({ method: 'GET', url: '/', headers: { cookie: `${cookieName}=${token}` } });
    const location = String(res.headers.location ?? '');
    return location.startsWith('/login') ? '/login' : res.statusCode < 400 ? 'session' : String(res.statusCode);
  }

  /** A login through the embedded provider in a browser that may carry a planted session cookie. */
  async function demoLogin(name: string, preset?: string): Promise<{ token: string; res: LightMyRequestResponse }> {
    const [first, ...rest] = name.split(' ');
    const client = new Client(t.app);
    if (preset) client.cookies.set(cookieName, preset);
    client.personaId = await personId(t.db, first, rest.join(' '));
    const res = await client.authenticateAtProvider(await client.post('/auth/login', {}), 'eid');
    const token = client.cookies.get(cookieName) ?? '';
    if (token) tokens.add(token);
    if (preset) cookieHeaders.add(`${cookieName}=${preset}`);
    return { token, res };
  }

  it('(d) sessions: no fixation, no replay after logout, idle expiry after 30 minutes, absolute expiry after 10 hours', async () => {
    const check = (ok: boolean, what: string) => {
      if (!ok) finding('session', what);
    };
    assert.equal(t.config.sessionIdleMinutes, 30);
    assert.equal(t.config.sessionAbsoluteHours, 10);

    // Fixation 1: a token the attacker made up and planted before the login.
    const planted = randomBytes(32).toString('base64url');
    const a = await demoLogin('An Peeters', planted);
    check(
      a.res.statusCode === 303 && a.token !== '' && a.token !== planted,
      `login with a planted cookie: the session cookie after login is ${a.token === planted ? 'the planted one' : 'not set'}`,
    );
    check((await home(planted)) === '/login', 'the planted token opens no session after the login');
    check((await home(a.token)) === 'session', 'the new session works');

    // Fixation 2: the attacker's own valid session planted in the victim's browser; the victim logs in.
    const attacker = await demoLogin('Tom De Smet');
    const victim = await demoLogin('Jan Janssens', attacker.token);
    check(victim.token !== '' && victim.token !== attacker.token, 'login over a planted valid session issues a new token');
    check((await home(attacker.token)) === '/login', 'the planted session is ended by the victim’s login');
    const victimRow = await t.db
      .selectFrom('sessions')
      .select('person_id')
      .where('id_hash', '=', createHash('sha256').update(victim.token).digest('hex'))
      .executeTakeFirst();
    check(victimRow?.person_id === world.person['A.voorzitter'], 'the new session is the victim’s');

    // Logout replay: the old cookie no longer works, for GET nor POST.
    const an = await demoLogin('An Peeters');
    check((await home(an.token)) === 'session', 'An’s session works before logout');
    const out = await send({ method: 'POST', url: '/logout', headers: { cookie: `${cookieName}=${an.token}`, 'sec-fetch-site': 'same-origin' } });
    check(out.statusCode === 303, `logout answers 303 (got ${out.statusCode})`);
    const cleared = (out.cookies as Array<{ name: string; value: string }>).find((c) => c.name === cookieName);
    check(cleared !== undefined && cleared.value === '', 'logout clears the cookie');
    check((await home(an.token)) === '/login', 'GET with the cookie of a logged-out session goes to the login');
    const before = await snapshot();
    const replay = await send({
      method: 'POST',
      url: '/language',
      headers: { cookie: `${cookieName}=${an.token}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'lang=fr&returnTo=%2F',
    });
    const save = await send({
      method: 'POST',
      url: `/ocmw/${world.kbo.A}/forms/${world.campaign.psa}`,
      headers: { cookie: `${cookieName}=${an.token}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'version=0&action=save',
    });
    check(String(save.headers.location ?? '').startsWith('/login') || save.statusCode === 403, `POST a form with a logged-out cookie: ${answerOf(save)}`);
    for (const ch of changes(before, await snapshot())) check(false, `replayed posts after logout changed ${ch} (language ${answerOf(replay)})`);

    // Idle expiry: 29 minutes apart keeps the session; 30 minutes idle ends it.
    const idle = await demoLogin('Els Maes');
    t.clock.advance(29 * 60_000);
    check((await home(idle.token)) === 'session', 'active after 29 idle minutes');
    t.clock.advance(29 * 60_000);
    check((await home(idle.token)) === 'session', 'active after another 29 idle minutes (the last request counts)');
    t.clock.advance(30 * 60_000);
    check((await home(idle.token)) === '/login', 'ended after 30 idle minutes');
    check((await home(idle.token)) === '/login', 'and stays ended');

    // Absolute expiry: a request every 20 minutes keeps it alive until 10 hours after the login, not a minute longer.
    const long = await demoLogin('Jan Janssens');
    let elapsed = 0;
    let alive = true;
    while (elapsed + 20 * 60_000 < 10 * 3_600_000) {
      t.clock.advance(20 * 60_000);
      elapsed += 20 * 60_000;
      if ((await home(long.token)) !== 'session') alive = false;
    }
    check(alive, `an active session stays until 10 hours (ended before ${elapsed / 60_000} minutes)`);
    t.clock.advance(10 * 3_600_000 - elapsed);
    check((await home(long.token)) === '/login', 'an active session ends at 10 hours after the login');

    assert.deepEqual(
      findings.filter((f) => f.kind === 'session').map((f) => f.what),
      [],
    );
  });

  // ---------------------------------------------------------------------------------------------- (f)

  it('(f) the log of the whole run holds no national number, session token or Cookie header', async () => {
    // Secrets count in lines of level debug and above; trace lines (e.g. @fastify/multipart's busboy options with
    // all request headers) are reported apart: production logs at info (LOG_LEVEL).
    const log = logLines.filter((l) => !l.startsWith('{"level":10,')).join('');
    const trace = logLines.filter((l) => l.startsWith('{"level":10,')).join('');
    assert.ok(logLines.length > 100, `the log was written (${logLines.length} lines)`);
    const persons = await t.db.selectFrom('persons').select(['insz', 'first_name', 'last_name']).execute();
    const secrets: Array<{ what: string; value: string }> = [];
    for (const p of persons) {
      const digits = p.insz.replace(/\D/g, '');
      secrets.push(
        { what: `INSZ of ${p.first_name} ${p.last_name}`, value: digits },
        { what: `INSZ of ${p.first_name} ${p.last_name} (formatted)`, value: formatInsz(digits) },
      );
    }
    for (const token of tokens) secrets.push({ what: 'a session token', value: token });
    for (const header of cookieHeaders) secrets.push({ what: 'a Cookie header', value: header });
    secrets.push({ what: 'the session cookie name with a value', value: `${cookieName}=` });
    for (const s of secrets) {
      if (s.value && trace.includes(s.value)) {
        if (notes.traceSecrets === 0) console.log(`NOTE [log] at trace level: ${s.what}: ${(logLines.find((l) => l.includes(s.value)) ?? '').slice(0, 240)}`);
        notes.traceSecrets++;
      }
      if (s.value && log.includes(s.value)) {
        tally.secrets++;
        const line = logLines.find((l) => l.includes(s.value)) ?? '';
        finding('log', `${s.what} in the log: ${line.slice(0, 300)}`);
      }
    }
    console.log(
      `logs: ${logLines.length} lines, ${persons.length} national numbers, ${tokens.size} session tokens, ${cookieHeaders.size} Cookie headers looked for`,
    );
    assert.ok(tokens.size > 10 && cookieHeaders.size > 10, 'tokens and Cookie headers were collected');
    assert.deepEqual(
      findings.filter((f) => f.kind === 'log').map((f) => f.what),
      [],
    );
  });
});
