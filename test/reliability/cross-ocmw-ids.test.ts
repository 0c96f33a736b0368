import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { withTransaction } from '../../src/db/database.ts';
import { enqueueEmail } from '../../src/jobs/outbox.ts';
import { formatIban, formatKbo, makeInsz } from '../../src/modules/shared/identifiers.ts';
import { formatMoney, formatMoneyInput } from '../../src/modules/shared/money.ts';
import { guardedState, mergerInto, registryOrganisation, routeCollector } from './world.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, campaignId, hiddenValue, loginAs, organisationId, personId } from '../support/http.ts';
import { fillGasForm, signTwice } from '../support/settlement-flow.ts';
import { POLICY, type ProbeIds } from './authorisation-policy.ts';
import { psaActivity, psaWorkbook } from '../support/measures.ts';
import { publishTestMessage, tinyPdf } from '../support/ebox.ts';

/**
 * Suite 2 of issue 5, cross-OCMW ids: every id-bearing URL (every route Fastify's onRoute reports with a
 * :param) and every id-bearing form field gets, in turn, the ids of the other OCMW's objects (of every kind),
 * ids of objects of another kind, ids of deleted objects, random UUIDs and malformed ids. Compared with the
 * answer to a random UUID (the "missing" reference) after normalising the request-dependent parts (the
 * substituted value itself, the helpdesk correlation id): foreign, wrong-kind and deleted ids must answer
 * exactly like a missing one, and no answer may contain the other OCMW's names, KBO, IBAN, people or amounts.
 * Malformed ids must never cause a 5xx or a leak; when they answer unlike a missing id it is listed.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Ocmw = 'A' | 'B';
type Kind =
  | 'campaign'
  | 'organisation'
  | 'person'
  | 'instance'
  | 'document'
  | 'settlement'
  | 'attachment'
  | 'message'
  | 'job'
  | 'import'
  | 'draft'
  | 'htbImport'
  | 'merger'
  | 'registryImport'
  /** a bulk publication of the e-Box (a ZIP of POD MI): none in the pool, probed with every other id */
  | 'eboxBatch';
/** The kind of object a URL parameter names. */
const PARAM_KINDS: Record<string, Kind> = {
  campaignId: 'campaign',
  organisationId: 'organisation',
  personId: 'person',
  instanceId: 'instance',
  documentId: 'document',
  settlementId: 'settlement',
  messageId: 'message',
  jobId: 'job',
  importId: 'import',
  draftId: 'draft',
  mergerId: 'merger',
  batchId: 'eboxBatch',
};
/** The kind of a parameter on routes where the name means another kind than PARAM_KINDS says: POD MI's HTB lists, the registry's KBO/NIS lists. */
function kindOf(url: string, param: string): Kind | undefined {
  if (param === 'importId' && url.startsWith('/backoffice/access/imports/')) return 'htbImport';
  if (param === 'importId' && url.startsWith('/backoffice/registry/imports/')) return 'registryImport';
  // an OCMW's e-Box names its messages (issue 16): the settlement letters and every other document of POD MI
  // (POD MI reads every OCMW's messages in the back office: /backoffice/ebox/messages/:messageId)
  if (param === 'messageId' && (url.startsWith('/ocmw/:kbo/ebox/') || url.startsWith('/backoffice/ebox/'))) return 'document';
  return PARAM_KINDS[param];
}
/**
 * URL parameters that name no object but a value of a closed vocabulary, checked by the route's schema (zod enum):
 * Toegangsbeheer's :purpose (user, tb, co-htb, co-tb) and :role (co-htb, co-tb), OCMW-configuratie's :screen. No id of another OCMW can be put in
 * them, so they are not substituted: every probe sends this fixed value (one every route with the parameter takes),
 * and the route's other parameter (:personId of a role removal) is probed. A value outside the vocabulary is the
 * schema's 400, the same for every actor and object (schemas-at-edge suite).
 */
// A staff member's page (ADR 0042) names a table of the form and a row of it (or "new"): checked against the form of
// the actor's own OCMW (the campaign id is what names the form, and is substituted), never an object of another OCMW.
// A file of an e-Box message is named by its position (1–6, the schema's), within the message whose id is probed.
const VOCABULARY_PARAMS: Record<string, string> = { purpose: 'co-tb', role: 'co-tb', screen: 'contact', table: 'staffA', row: 'new', position: '1' };
/** Toegangsbeheer of an OCMW (/ocmw/:kbo/access…): probed by the access managers who may use it, not by its staff. */
const isAccessRoute = (url: string) => url.startsWith('/ocmw/:kbo/access');

interface PoolEntry {
  kind: Kind;
  owner: Ocmw | null;
  id: string;
  label: string;
  /** a draft of Toegangsbeheer: the key of the access manager who made it (only theirs to open) */
  by?: string;
  /** a person of POD MI's staff (the back office's staff pages name them only) */
  podmi?: boolean;
}

type SubClass = 'foreign' | 'wrong-kind' | 'deleted' | 'random' | 'malformed';
interface Substitution {
  cls: SubClass;
  label: string;
  value: string;
  /**
   * A case or whitespace variant of an id: compared with the same variant of the missing id (a route may refuse the
   * shape before it looks the id up, e.g. 404 for " <uuid>" where a well-formed missing id gets a redirect).
   */
  shape?: (id: string) => string;
}

/** Who probes a slot: a client and the OCMW its session works for (null: POD MI back office or anonymous). */
interface ProbeActor {
  key: string;
  ocmw: Ocmw | null;
  podmi: boolean;
  anonymous: boolean;
  /** a fresh session per probe (the route changes the session) */
  login?: () => Promise<Client>;
  client?: Client;
}

interface Slot {
  name: string;
  kind: Kind;
  backoffice: boolean;
  /** sends one probe with the substituted value */
  send: (client: Client, value: string) => Promise<LightMyRequestResponse>;
  actors: ProbeActor[];
  /** is this pool entry a rightful target for the actor (then it is not substituted) */
  legit: (actor: ProbeActor, entry: PoolEntry) => boolean;
  /**
   * GET routes whose id is the last segment: an empty id is the collection's URL with a trailing slash (the router
   * ignores it), so the answer is the collection page; this fetches that page as the actor sees it directly.
   */
  collection?: (client: Client) => Promise<LightMyRequestResponse>;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const UUID_ANY = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function isText(res: LightMyRequestResponse): boolean {
  const type = String(res.headers['content-type'] ?? '');
  return type === '' || /^(text\/|application\/json)/.test(type);
}

/** The ways a value can appear in an answer: as sent, URL-encoded (path, query) and HTML-escaped. */
function encodings(value: string): string[] {
  const raw = [value, encodeURIComponent(value), encodeURI(value), new URLSearchParams({ v: value }).toString().slice(2)];
  return raw.flatMap((v) => [escapeHtml(v), v]);
}

/**
 * An answer as comparable text: status, redirect, type, attachment name and body (a hash for binary bodies),
 * with the given ids (in every encoding) replaced by «ID» and the helpdesk correlation id (any UUID the suite
 * does not know) masked. The probe replaces its own value; the reference (the missing id's answer) replaces
 * the missing id and the probe's value, which may be shown there for another reason (an OCMW in a list).
 */
function comparable(res: LightMyRequestResponse, known: Set<string>, values: string[]): string {
  const forms = [...new Set(values.filter((v) => v.length > 0).flatMap(encodings))].sort((a, b) => b.length - a.length);
  const clean = (text: string) => {
    let out = text;
    for (const f of forms) out = out.split(f).join('«ID»');
    return out.replace(UUID_ANY, (u) => (known.has(u.toLowerCase()) ? u : '«uuid»'));
  };
  const body = isText(res) ? clean(res.body) : `bytes:${createHash('sha256').update(res.rawPayload).digest('hex')}`;
  return JSON.stringify([
    res.statusCode,
    clean(String(res.headers.location ?? '')),
    String(res.headers['content-type'] ?? ''),
    clean(String(res.headers['content-disposition'] ?? '')),
    body,
  ]);
}

/** Amounts (in cents) typed by each OCMW, distinct so that they can be recognised in any answer. */
const AMOUNTS: Record<Ocmw, { bill: number; activity: number }> = { A: { bill: 813_791, activity: 131_317 }, B: { bill: 2_541_973, activity: 272_729 } };
const typed = (cents: number) => formatMoney(cents, 'nl').replace(' €', '');

/** What no probe may change. */
const GUARDED_TABLES: Parameters<typeof guardedState>[1] = [
  'form_instances',
  'signatures',
  'campaigns',
  'campaign_extensions',
  'organisations',
  'settlements',
  'documents',
  // the e-Box (issue 16): its messages and files, the read state (no foreign id may mark a message read), the
  // grants per type, notification addresses and digests. Not ebox_visits: an empty id reaches the prober's own list,
  // a visit of its own e-Box.
  'ebox_messages',
  'ebox_attachments',
  'ebox_files',
  'ebox_reads',
  'ebox_grant_types',
  'ebox_notification_addresses',
  'ebox_digests',
  'reference_imports',
  'outbox_jobs',
  // Toegangsbeheer and POD MI's access administration: no probe confirms, cancels or changes anything.
  'access_drafts',
  'access_members',
  'access_grants',
  'htb_imports',
  'persons',
];

describe(`cross-OCMW ids on every id-bearing URL and form field (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  const collected = routeCollector((method) => method === 'GET' || method === 'POST');
  const routes = collected.routes;
  const pool: PoolEntry[] = [];
  const deleted = new Map<Kind, string>();
  const known = new Set<string>();
  const markers: Record<Ocmw, string[]> = { A: [], B: [] };
  const clients = new Map<string, Client>();
  let ids: Record<Ocmw, ProbeIds>;
  let campaigns: Record<'psa' | 'gas' | 'gpmi' | 'covid', string>;
  let org: Record<Ocmw, string>;
  const started = Date.now();
  let setupMs = 0;
  let figure = '';

  before(async () => {
    t = await buildTestApp({}, undefined, { schemaPrefix: 'uv_xocmw', onRoute: collected.onRoute });
    const { app, db } = t;
    campaigns = {
      psa: await campaignId(db, 'PSA', 2026),
      gas: await campaignId(db, 'GAS_ELEK', 2026),
      gpmi: await campaignId(db, 'GPMI', 2026),
      covid: await campaignId(db, 'COVID_PREMIE', 2022),
    };
    org = { A: await organisationId(db, 'OCMW Demostad'), B: await organisationId(db, 'OCMW Villedemo') };
    for (const [key, name] of [
      ['An', 'An Peeters'],
      ['Jan', 'Jan Janssens'],
      ['Els', 'Els Maes'],
      ['Claire', 'Claire Martin'],
      ['Sophie', 'Sophie Lambert'],
      ['Pierre', 'Pierre Dupont'],
      ['Nathalie', 'Nathalie Vermeulen'],
      ['Marc', 'Marc Lefèvre'],
      // Toegangsbeheer: the HTB and the TB of A (Demostad), the HTB of B (Villedemo).
      ['Hilde', 'Hilde Claes'],
      ['Bart', 'Bart Willems'],
      ['Michel', 'Michel Renard'],
    ]) {
      clients.set(key, await loginAs(app, db, name, key === 'Nathalie' || key === 'Marc' ? 'OCMW Demostad' : undefined));
    }
    const client = (key: string) => clients.get(key) ?? assert.fail(key);

    // GAS_ELEK 2026: both OCMWs fill in, sign and submit; POD MI closes and settles it (letters in both e-Boxes).
    await fillGasForm(client('An'), campaigns.gas, { bills: [['gas', '10', typed(AMOUNTS.A.bill)]] });
    await signTwice(campaigns.gas, [client('Jan'), client('Els')]);
    await fillGasForm(client('Claire'), campaigns.gas, { bills: [['electricity', '25', typed(AMOUNTS.B.bill)]] });
    await signTwice(campaigns.gas, [client('Sophie'), client('Pierre')]);
    await db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', campaigns.gas).execute();
    const gasVersion = (await db.selectFrom('campaigns').select('version').where('id', '=', campaigns.gas).executeTakeFirstOrThrow()).version;
    const settled = await client('Nathalie').post(`/backoffice/settlements/${campaigns.gas}/settle`, { version: String(gasVersion), confirm: 'yes' });
    assert.match(String(settled.headers.location), /m=settled$/, 'GAS_ELEK 2026 settled');

    // PSA 2026 (open): each OCMW justifies it by workbook, so the form has a kept file.
    const psaParams = (await db.selectFrom('campaigns').select('params').where('id', '=', campaigns.psa).executeTakeFirstOrThrow()).params as Record<
      string,
      unknown
    >;
    for (const [key, o] of [
      ['An', 'A'],
      ['Claire', 'B'],
    ] as const) {
      const workbook = await psaWorkbook(psaParams, { activitiesA: [psaActivity({ amount: typed(AMOUNTS[o].activity) })], modulesB: [], activitiesC: [] });
      const switched = await client(key).post(`${client(key).base}/forms/${campaigns.psa}/entry-mode`, { version: '0', mode: 'WORKBOOK' });
      assert.match(String(switched.headers.location), /m=entry_mode_changed$/, `${key}: PSA by workbook`);
      const version = hiddenValue((await client(key).get(`${client(key).base}/forms/${campaigns.psa}`)).body, 'version');
      const uploaded = await client(key).postFile(
        `${client(key).base}/forms/${campaigns.psa}/workbook`,
        { version },
        { name: `psa-2026-${o}.xlsx`, type: XLSX, content: workbook },
      );
      assert.match(String(uploaded.headers.location), /m=workbook_uploaded$/, `${key}: PSA workbook kept`);
    }
    // A late submission of PSA for B (a real row the withdraw route could name), an e-mail delivered, a staged import.
    const late = await client('Marc').post(`/backoffice/campaigns/${campaigns.gpmi}/late`, {
      organisationId: org.B,
      untilDate: '15/03/2027',
      reason: 'Ziekte',
    });
    assert.match(String(late.headers.location), /m=late_allowed$/, 'late submission allowed');
    await withTransaction(db, (tx) =>
      enqueueEmail(tx, { dedupeKey: 'cross-ocmw-ids', email: { to: 'ocmw@villedemo.example', subject: 'Probe', body: 'Probe' }, now: t.clock.now() }),
    );
    assert.equal((await client('Marc').post('/backoffice/outbox/send-now', {})).statusCode, 303);
    t.clock.advance(61_000);
    const staged = await client('Marc').postFile(
      '/backoffice/reference-data',
      { campaignId: campaigns.covid },
      { name: 'voorschotten.csv', type: 'text/csv', content: Buffer.from('NIS;Advance\r\n99001;1.234,56\r\n') },
    );
    assert.equal(staged.statusCode, 303, 'reference import staged');

    // Toegangsbeheer: a draft (the overview before "Bevestigen") of each access manager, made through the pages; the
    // users they would add are named apart so that they are recognised in any answer.
    const drafts: Array<{ key: string; o: Ocmw; id: string; name: string }> = [];
    for (const [key, o, first, last, lang, serial] of [
      ['Hilde', 'A', 'Aline', 'Ontwerpmans', 'nl', '610101001'],
      ['Bart', 'A', 'Arne', 'Kladblokker', 'nl', '610101002'],
      ['Michel', 'B', 'Benoît', 'Brouillonnet', 'fr', '610101003'],
    ] as const) {
      const c = client(key);
      const insz = makeInsz(serial);
      const form = await c.post(`${c.base}/access/start/user`, { insz });
      assert.equal(form.statusCode, 200, `${key}: the person form`);
      const saved = await c.post(`${c.base}/access/save/user`, {
        version: hiddenValue(form.body, 'version'),
        insz,
        firstName: first,
        lastName: last,
        email: `${first.toLowerCase()}.${last.toLowerCase()}@example.be`.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
        phone: '',
        language: lang,
        applications: 'UV_READER',
      });
      const draft = /\/access\/drafts\/([0-9a-f-]{36})$/.exec(String(saved.headers.location))?.[1] ?? assert.fail(`${key}: a draft (${saved.statusCode})`);
      drafts.push({ key, o, id: draft, name: `${first} ${last}` });
    }
    // POD MI's HTB list: one staged (appointing a new HTB of B).
    const htbList = await client('Marc').postFile(
      '/backoffice/access/imports',
      {},
      {
        name: 'htb.csv',
        type: 'text/csv',
        content: Buffer.from(
          `kbo;insz;first_name;last_name;email;language\r\n${(await db.selectFrom('organisations').select('kbo').where('id', '=', org.B).executeTakeFirstOrThrow()).kbo};${makeInsz('610101004')};Hugo;Hoofdbeheer;hugo@example.be;fr\r\n`,
        ),
      },
    );
    assert.match(String(htbList.headers.location), /\/backoffice\/access\/imports\/[0-9a-f-]{36}$/, 'HTB list staged');
    // The registry's KBO/NIS list (issue 13): one staged (B's NIS with a KBO number of nobody: a problem, still staged).
    const registryList = await client('Marc').postFile(
      '/backoffice/registry/imports',
      {},
      {
        name: 'kbo-nis.csv',
        type: 'text/csv',
        content: Buffer.from(
          `nis;kbo\r\n${(await db.selectFrom('organisations').select('nis').where('id', '=', org.B).executeTakeFirstOrThrow()).nis};0999999999\r\n`,
        ),
      },
    );
    assert.match(String(registryList.headers.location), /\/backoffice\/registry\/imports\/[0-9a-f-]{36}$/, 'KBO/NIS list staged');

    // The e-Box (issue 16): besides the settlement letters, a monthly statement of POD MI in each OCMW's e-Box, its
    // subject and file name recognisable in any answer.
    const statements: Record<Ocmw, { subject: string; file: string }> = {
      A: { subject: 'Maandstaat Demostad november 2026', file: 'maandstaat-demostad-2026-11.pdf' },
      B: { subject: 'État mensuel Villedemo novembre 2026', file: 'etat-mensuel-villedemo-2026-11.pdf' },
    };
    for (const o of ['A', 'B'] as const)
      await publishTestMessage(t, org[o], {
        subject: statements[o].subject,
        files: [
          { name: statements[o].file, bytes: await tinyPdf(statements[o].subject) },
          { name: `bijlage-${o}.pdf`, bytes: await tinyPdf(`Bijlage ${o}`) },
        ],
      });

    // The pool: every object of both OCMWs and of POD MI that an id can name.
    const add = (kind: Kind, owner: Ocmw | null, id: string | null | undefined, label: string) => {
      if (id) pool.push({ kind, owner, id, label });
    };
    for (const [k, id] of Object.entries(campaigns)) add('campaign', null, id, `campaign ${k}`);
    for (const o of ['A', 'B'] as const) {
      add('organisation', o, org[o], `organisation ${o}`);
      for (const r of await db.selectFrom('form_instances').select(['id', 'measure']).where('organisation_id', '=', org[o]).execute())
        add('instance', o, r.id, `${r.measure} form of ${o}`);
      // the settlement letter first (the own e-Box message the other routes name)
      for (const r of await db
        .selectFrom('ebox_messages')
        .select(['id', 'message_type'])
        .where('organisation_id', '=', org[o])
        .orderBy(sql`message_type = 'UV_AFREKENING'`, 'desc')
        .orderBy('id')
        .execute())
        add('document', o, r.id, `e-Box message ${r.message_type} of ${o}`);
      for (const r of await db.selectFrom('settlements').select('id').where('organisation_id', '=', org[o]).execute())
        add('settlement', o, r.id, `settlement of ${o}`);
      for (const r of await db
        .selectFrom('form_attachments')
        .innerJoin('form_instances', 'form_instances.id', 'form_attachments.form_instance_id')
        .select('form_attachments.id')
        .where('form_instances.organisation_id', '=', org[o])
        .execute())
        add('attachment', o, r.id, `workbook of ${o}`);
    }
    for (const [first, last, o] of [
      ['An', 'Peeters', 'A'],
      ['Jan', 'Janssens', 'A'],
      ['Els', 'Maes', 'A'],
      ['Tom', 'De Smet', 'A'],
      ['Claire', 'Martin', 'B'],
      ['Sophie', 'Lambert', 'B'],
      ['Pierre', 'Dupont', 'B'],
      ['Hilde', 'Claes', 'A'],
      ['Bart', 'Willems', 'A'],
      ['Sarah', 'Jacobs', 'A'],
      ['Michel', 'Renard', 'B'],
    ] as const)
      add('person', o, await personId(db, first, last), `person ${first} ${last}`);
    // POD MI's staff, and a person known to no organisation (a demo persona without access).
    for (const [first, last] of [
      ['Nathalie', 'Vermeulen'],
      ['Marc', 'Lefèvre'],
    ] as const)
      pool.push({ kind: 'person', owner: null, id: await personId(db, first, last), label: `POD MI staff ${first} ${last}`, podmi: true });
    add('person', null, await personId(db, 'Kim', 'Vos'), 'person Kim Vos (of no organisation)');
    for (const d of drafts) pool.push({ kind: 'draft', owner: d.o, id: d.id, label: `draft of ${d.o} by ${d.key}`, by: d.key });
    add('htbImport', null, (await db.selectFrom('htb_imports').select('id').executeTakeFirst())?.id, 'HTB list');
    add('message', null, (await db.selectFrom('mail_messages').select('id').executeTakeFirst())?.id, 'outbox message');
    add('job', null, (await db.selectFrom('outbox_jobs').select('id').executeTakeFirst())?.id, 'outbox job');
    add('import', null, (await db.selectFrom('reference_imports').select('id').executeTakeFirst())?.id, 'reference import');
    // Issue 13: the demo merger (Demodorp into Demostad) and a 2025 merger of the registry; the KBO/NIS list.
    add('merger', null, await mergerInto(db, org.A), 'demo merger Demodorp into Demostad');
    add('merger', null, await mergerInto(db, await registryOrganisation(db, '23106')), '2025 merger Pajottegem');
    add('registryImport', null, (await db.selectFrom('registry_imports').select('id').executeTakeFirst())?.id, 'KBO/NIS list');
    for (const kind of ['message', 'job', 'import', 'document', 'settlement', 'attachment', 'draft', 'htbImport', 'merger', 'registryImport'] as const)
      assert.ok(
        pool.some((p) => p.kind === kind),
        `setup: a ${kind}`,
      );

    await makeDeleted();
    for (const p of pool) known.add(p.id);
    for (const id of deleted.values()) known.add(id);

    const first = (kind: Kind, o: Ocmw, label?: RegExp) =>
      pool.find((p) => p.kind === kind && p.owner === o && (!label || label.test(p.label)))?.id ?? assert.fail(`${kind} of ${o}`);
    const national = (kind: Kind) => pool.find((p) => p.kind === kind)?.id ?? '';
    const kbo: Record<Ocmw, string> = Object.fromEntries(
      await Promise.all(
        (['A', 'B'] as const).map(async (o) => [
          o,
          (await db.selectFrom('organisations').select('kbo').where('id', '=', org[o]).executeTakeFirstOrThrow()).kbo,
        ]),
      ),
    );
    ids = Object.fromEntries(
      (['A', 'B'] as const).map((o) => [
        o,
        {
          campaignId: campaigns.psa,
          kbo: kbo[o],
          instanceId: first('instance', o, /GAS_ELEK/),
          documentId: first('document', o, /UV_AFREKENING/),
          settlementId: first('settlement', o),
          organisationId: org[o],
          personId: first('person', o),
          messageId: national('message'),
          jobId: national('job'),
          importId: national('import'),
          // Toegangsbeheer: the closed vocabularies' fixed values; the draft of the OCMW's HTB
          purpose: VOCABULARY_PARAMS.purpose,
          role: VOCABULARY_PARAMS.role,
          draftId: first('draft', o),
          mergerId: national('merger'),
          screen: VOCABULARY_PARAMS.screen,
          table: VOCABULARY_PARAMS.table,
          row: VOCABULARY_PARAMS.row,
        },
      ]),
    ) as Record<Ocmw, ProbeIds>;

    // What of each OCMW must never reach the other: names, KBO, NIS, IBAN, contact, people, typed and settled amounts.
    for (const o of ['A', 'B'] as const) {
      const row = await db.selectFrom('organisations').selectAll().where('id', '=', org[o]).executeTakeFirstOrThrow();
      const people = [
        ...pool.filter((p) => p.kind === 'person' && p.owner === o).map((p) => p.label.replace('person ', '')),
        ...drafts.filter((d) => d.o === o).map((d) => d.name),
      ];
      const amounts = [AMOUNTS[o].bill, AMOUNTS[o].activity];
      const other = o === 'A' ? 'B' : 'A';
      const otherAmounts = new Set<number>([AMOUNTS[other].bill, AMOUNTS[other].activity]);
      for (const s of await db.selectFrom('settlements').selectAll().where('organisation_id', '=', org[other]).execute()) {
        for (const c of [s.allocation_cents, s.accepted_cents, s.advances_cents, s.balance_cents, s.to_pay_cents, s.to_reclaim_cents])
          otherAmounts.add(Math.abs(Number(c)));
      }
      for (const s of await db.selectFrom('settlements').selectAll().where('organisation_id', '=', org[o]).execute()) {
        for (const c of [s.accepted_cents, s.balance_cents, s.to_pay_cents, s.to_reclaim_cents])
          if (Math.abs(Number(c)) >= 100_000 && !otherAmounts.has(Math.abs(Number(c)))) amounts.push(Math.abs(Number(c)));
        markers[o].push(s.communication);
      }
      markers[o].push(row.name_nl, row.name_fr, row.name_de, row.kbo, formatKbo(row.kbo), row.nis ?? '', ...(row.iban ? [row.iban, formatIban(row.iban)] : []));
      markers[o].push(...[row.contact_email, row.contact_phone].filter((v): v is string => !!v), ...people);
      markers[o].push(statements[o].subject, statements[o].file);
      for (const cents of amounts)
        markers[o].push(
          formatMoney(cents, 'nl').replace(' €', ''),
          formatMoney(cents, 'fr').replace(' €', ''),
          formatMoneyInput(cents),
          (cents / 100).toFixed(2),
        );
      markers[o] = [...new Set(markers[o].filter((m) => m.length >= 4))];
    }
    setupMs = Date.now() - started;
  });

  after(async () => {
    await t?.close();
    // The figure is the suite's last line: printed when the process ends, after the test reports.
    if (figure) process.once('exit', () => console.log(figure));
  });

  /** Objects that existed and were deleted: a copy of a real row of each kind, inserted and deleted again (kept workbooks cannot be deleted). */
  async function makeDeleted() {
    const { db } = t;
    const columns = async (table: string) =>
      (
        await sql<{
          column_name: string;
        }>`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(
          db,
        )
      ).rows.map((r) => r.column_name);
    const copy = async (table: string, sourceId: string, overrides: Record<string, unknown>, id: string = randomUUID()): Promise<string> => {
      const cols = await columns(table);
      const select = cols.map((c) => (c === 'id' ? sql`${id}::uuid` : c in overrides ? sql`${overrides[c]}` : sql.ref(c)));
      await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) SELECT ${sql.join(select)} FROM ${sql.table(table)} WHERE id = ${sourceId}::uuid`.execute(
        db,
      );
      return id;
    };
    const b = (kind: Kind) => pool.find((p) => p.kind === kind && (p.owner === 'B' || p.owner === null))?.id ?? assert.fail(kind);
    const orgId = await copy('organisations', org.B, { kbo: '0999999999', nis: '99999' });
    // A person is a principal first (persons.id references principals.id): the copy gets its principal too.
    const person = await copy('persons', b('person'), { insz: '99999999999' }, await copy('principals', b('person'), {}));
    const campaign = await copy('campaigns', campaigns.gas, { report_year: 2099 });
    const gasB = pool.find((p) => p.kind === 'instance' && p.owner === 'B' && p.label.startsWith('GAS_ELEK'))?.id ?? assert.fail('gas B');
    const instance = await copy('form_instances', gasB, { organisation_id: orgId, campaign_id: campaign, workbook_attachment_id: null });
    // an e-Box message (the settlement letter of B) without its files; its idempotency key is unique per sender
    const document = await copy('ebox_messages', b('document'), { organisation_id: orgId, campaign_id: campaign, idempotency_key: null });
    const settlement = await copy('settlements', b('settlement'), {
      organisation_id: orgId,
      campaign_id: campaign,
      form_instance_id: instance,
      document_id: document,
    });
    const job = await copy('outbox_jobs', b('job'), { dedupe_key: `cross-ocmw-deleted-${randomUUID()}` });
    const message = await copy('mail_messages', b('message'), { job_id: job });
    const imported = await copy('reference_imports', b('import'), {});
    // Michel's draft of B (the hardest case: its own maker names it once it is gone) and POD MI's HTB list.
    const draft = await copy('access_drafts', b('draft'), {});
    const htbList = await copy('htb_imports', b('htbImport'), {});
    // A merger recorded and deleted (another effective date: one merger per merged OCMW and date), a KBO/NIS list.
    const merger = await copy('mergers', b('merger'), { effective_on: '2099-01-01' });
    const registryList = await copy('registry_imports', b('registryImport'), {});
    // The application never deletes an e-Box message (at its expiry only its files go): deleted behind its back.
    const remove = async (table: string, id: string) => {
      await sql`DELETE FROM ${sql.table(table)} WHERE id = ${id}::uuid`.execute(db);
    };
    for (const [table, id] of [
      ['access_drafts', draft],
      ['htb_imports', htbList],
      ['registry_imports', registryList],
      ['mergers', merger],
      ['reference_imports', imported],
      ['mail_messages', message],
      ['outbox_jobs', job],
      ['settlements', settlement],
      ['ebox_messages', document],
      ['form_instances', instance],
      ['campaigns', campaign],
      ['persons', person],
      ['principals', person],
      ['organisations', orgId],
    ] as const)
      await remove(table, id);
    for (const [kind, id] of [
      ['organisation', orgId],
      ['person', person],
      ['campaign', campaign],
      ['instance', instance],
      ['document', document],
      ['settlement', settlement],
      ['job', job],
      ['message', message],
      ['import', imported],
      ['draft', draft],
      ['htbImport', htbList],
      ['merger', merger],
      ['registryImport', registryList],
    ] as const)
      deleted.set(kind, id);
  }

  /** The substitutions of one slot for one actor; the first `random` one is the missing reference. */
  function substitutionsFor(slot: Slot, actor: ProbeActor): Substitution[] {
    const missing = randomUUID();
    const subs: Substitution[] = [{ cls: 'random', label: 'random UUID (reference)', value: missing }];
    for (const entry of pool) {
      if (slot.legit(actor, entry)) continue;
      // Another OCMW's object; a draft is also foreign to another access manager of the same OCMW.
      const foreign = (entry.owner !== null && actor.ocmw !== null && entry.owner !== actor.ocmw) || (entry.by !== undefined && entry.kind === slot.kind);
      subs.push({ cls: foreign ? 'foreign' : 'wrong-kind', label: entry.label, value: entry.id });
      // Case and whitespace variants of the other OCMW's object of the very kind the slot names.
      if (foreign && entry.kind === slot.kind) {
        const variants: Array<[string, (id: string) => string]> = [
          ['upper case', (id) => id.toUpperCase()],
          ['leading space', (id) => ` ${id}`],
          ['trailing newline', (id) => `${id}\n`],
        ];
        for (const [label, shape] of variants) subs.push({ cls: 'foreign', label: `${entry.label}, ${label}`, value: shape(entry.id), shape });
      }
    }
    const gone = deleted.get(slot.kind);
    if (gone) subs.push({ cls: 'deleted', label: `deleted ${slot.kind}`, value: gone });
    subs.push({ cls: 'random', label: 'another random UUID', value: randomUUID() });
    subs.push({ cls: 'random', label: 'nil UUID', value: '00000000-0000-0000-0000-000000000000' });
    const malformed: Array<[string, string]> = [
      ['empty', ''],
      ['SQL', '1 OR 1=1'],
      ['SQL quote', `' OR '1'='1`],
      ['path', '../'],
      ['path deep', '../../../etc/passwd'],
      ['very long', 'a'.repeat(5000)],
      ['not a UUID', 'not-a-uuid'],
      ['number', '12345'],
      ['upper-case UUID', missing.toUpperCase()],
      ['UUID with spaces', ` ${missing} `],
      ['UUID without dashes', missing.replace(/-/g, '')],
      ['UUID in braces', `{${missing}}`],
      ['UUID with NUL', `${missing}\u0000`],
      ['two UUIDs', `${missing},${randomUUID()}`],
    ];
    for (const [label, value] of malformed) subs.push({ cls: 'malformed', label, value });
    return subs;
  }

  /** The actors of the slots: OCMW staff of A and B, POD MI (OCMW A chosen), the anonymous visitor. */
  function actor(key: string, ocmw: Ocmw | null, podmi = false): ProbeActor {
    return { key, ocmw, podmi, anonymous: key === 'anonymous', client: key === 'anonymous' ? new Client(t.app) : (clients.get(key) ?? assert.fail(key)) };
  }

  /** Every URL parameter of every route, and the id-bearing form fields. */
  function slots(): { slots: Slot[]; unknownParams: string[] } {
    const list: Slot[] = [];
    const unknownParams: string[] = [];
    for (const route of routes) {
      const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      if (params.length === 0) continue;
      const rule = POLICY[`${route.method} ${route.url}`] ?? {};
      const backoffice = route.url.startsWith('/backoffice');
      for (const param of params) {
        // The OCMW of a page's URL is the prober's own: naming another OCMW is the authorisation matrix's probe.
        // A closed vocabulary (:purpose, :role) names no object: a fixed value, not substituted.
        if (param === 'kbo' || param in VOCABULARY_PARAMS) continue;
        const kind = kindOf(route.url, param);
        if (!kind) {
          unknownParams.push(`${route.method} ${route.url} :${param}`);
          continue;
        }
        const signing = route.url.endsWith('/sign');
        const access = isAccessRoute(route.url);
        // POD MI's staff pages name POD MI's staff only: a person of an OCMW or of no organisation is not one.
        const staffPage = route.url.startsWith('/backoffice/access/podmi/') && param === 'personId';
        const actors = backoffice
          ? [actor('Marc', null, true), actor('An', 'A'), actor('anonymous', null)]
          : access
            ? // Toegangsbeheer: the access managers who may use it (HTB and TB of A, HTB of B); its pages refuse everyone else.
              [actor('Hilde', 'A'), actor('Bart', 'A'), actor('Michel', 'B'), actor('anonymous', null)]
            : [actor(signing ? 'Jan' : 'An', 'A'), actor(signing ? 'Sophie' : 'Claire', 'B'), actor('Nathalie', 'A', true), actor('anonymous', null)];
        // The other parameters name the actor's own objects (A's for POD MI and the anonymous visitor).
        const own: ProbeIds = { ...ids.A };
        if (rule.campaign) own.campaignId = campaigns[rule.campaign];
        // :kbo is the OCMW the prober works for (its client's pages), A's for the anonymous visitor.
        const urlWith = (value: string, client: Client) => {
          const fixed: Record<string, string> = {
            // a closed vocabulary the probe ids do not name (:position of an e-Box file)
            ...VOCABULARY_PARAMS,
            ...(own as unknown as Record<string, string>),
            kbo: client.base ? client.base.slice('/ocmw/'.length) : own.kbo,
          };
          return route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(name === param ? value : (fixed[name] ?? ''))) + (rule.query ?? '');
        };
        list.push({
          name: `${route.method} ${route.url} :${param}`,
          kind,
          backoffice,
          actors,
          legit: (a, entry) => {
            if (a.anonymous || entry.kind !== kind) return false;
            if (backoffice) return a.podmi && (!staffPage || entry.podmi === true);
            // Toegangsbeheer: the members of the actor's OCMW (not POD MI's staff, not a person of no organisation);
            // a draft only to the access manager who made it.
            if (access) return entry.owner === a.ocmw && (entry.by === undefined || entry.by === a.key);
            return entry.owner === null || entry.owner === a.ocmw;
          },
          collection:
            route.method === 'GET' && route.url.endsWith(`/:${param}`) ? (client) => client.get(urlWith('', client).replace(/\/(\?|$)/, '$1')) : undefined,
          send: (client, value) => {
            const url = urlWith(value, client);
            const body = rule.body?.(own) ?? {};
            if (route.method === 'GET') return client.get(url);
            if (rule.file) return client.postFile(url, body, { name: 'notes.xlsx', type: XLSX, content: Buffer.from('not a workbook') });
            return client.post(url, body);
          },
        });
      }
    }
    const formPost =
      (url: string, name: string, extra: Record<string, string> = {}) =>
      (client: Client, value: string) =>
        client.post(url, { ...extra, [name]: value });
    const anyOf = (kind: Kind) => (a: ProbeActor, e: PoolEntry) => e.kind === kind && !a.anonymous;
    // POST /choose-ocmw: staff choose only their own OCMW, POD MI any; each probe with a fresh session.
    const fresh = (key: string, name: string, ocmw: Ocmw | null, podmi = false): ProbeActor => ({
      key,
      ocmw,
      podmi,
      anonymous: false,
      login: () => loginAs(t.app, t.db, name),
    });
    list.push({
      name: 'POST /choose-ocmw organisationId',
      kind: 'organisation',
      backoffice: false,
      actors: [fresh('An', 'An Peeters', 'A'), fresh('Claire', 'Claire Martin', 'B'), fresh('Nathalie', 'Nathalie Vermeulen', null, true)],
      legit: (a, e) => e.kind === 'organisation' && (a.podmi || e.owner === a.ocmw),
      send: formPost('/choose-ocmw', 'organisationId'),
    });
    // The late-submission form of a campaign (the beheerder): any OCMW may be named, nothing else.
    list.push({
      name: 'POST /backoffice/campaigns/:campaignId/late organisationId',
      kind: 'organisation',
      backoffice: true,
      actors: [actor('Marc', null, true)],
      legit: anyOf('organisation'),
      send: (client, value) =>
        client.post(`/backoffice/campaigns/${campaigns.psa}/late`, { organisationId: value, untilDate: '15/03/2027', reason: 'Cross-OCMW probe' }),
    });
    // The reference-data upload: the campaign field, with a readable file.
    list.push({
      name: 'POST /backoffice/reference-data campaignId',
      kind: 'campaign',
      backoffice: true,
      actors: [actor('Marc', null, true)],
      legit: anyOf('campaign'),
      send: (client, value) =>
        client.postFile(
          '/backoffice/reference-data',
          { campaignId: value },
          { name: 'voorschotten.csv', type: 'text/csv', content: Buffer.from('NIS;Advance\r\n99001;1.234,56\r\n') },
        ),
    });
    // Toegangsbeheer's list action: the ticked users are ids in the form (block them: an overview would follow).
    for (const [key, o] of [
      ['Hilde', 'A'],
      ['Bart', 'A'],
      ['Michel', 'B'],
    ] as const)
      list.push({
        name: 'POST /ocmw/:kbo/access/users/action personIds',
        kind: 'person',
        backoffice: false,
        actors: [actor(key, o)],
        legit: (a, e) => e.kind === 'person' && e.owner === a.ocmw,
        send: (client, value) => client.post(`${client.base}/access/users/action`, { action: 'block', personIds: value, until: '' }),
      });
    // The settlement page's choice of campaign (query string).
    list.push({
      name: 'GET /backoffice/settlements ?campaignId',
      kind: 'campaign',
      backoffice: true,
      actors: [actor('Marc', null, true), actor('An', 'A')],
      legit: anyOf('campaign'),
      send: (client, value) => client.get(`/backoffice/settlements?${new URLSearchParams({ campaignId: value })}`),
    });
    return { slots: list, unknownParams };
  }

  /** The markers of the other OCMW found in an answer (body and headers), for an actor of `ocmw`. */
  function leaksIn(res: LightMyRequestResponse, of: Ocmw[]): string[] {
    const text = `${String(res.headers.location ?? '')}\n${String(res.headers['content-disposition'] ?? '')}\n${isText(res) ? res.body : ''}`;
    const found: string[] = [];
    for (const o of of) {
      for (const m of markers[o]) {
        const escaped = m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (new RegExp(`(?<![\\w.,])${escaped}(?![\\w])`).test(text) || (!/^[\d., ]+$/.test(m) && text.includes(escapeHtml(m)) && escapeHtml(m) !== m))
          found.push(`${o}:${m}`);
      }
    }
    return found;
  }

  it('answers foreign, wrong-kind, deleted and random ids exactly like missing ones, and leaks nothing', async () => {
    const { slots: list, unknownParams } = slots();
    // Controls: the markers are found where they belong (B's own data page, B's letter to B), and the own
    // document answers unlike a missing one (the comparison sees a difference when there is one).
    const claire = clients.get('Claire') ?? assert.fail('Claire');
    assert.ok(leaksIn(await claire.get(`${claire.base}/details`), ['B']).length > 0, 'control: the markers of B are found on B’s own page');
    const an = clients.get('An') ?? assert.fail('An');
    const ownDocument = await an.get(`${an.base}/ebox/${ids.A.documentId}`);
    const missingDocument = await an.get(`${an.base}/ebox/${randomUUID()}`);
    assert.equal(ownDocument.statusCode, 200, 'control: A’s own letter in its e-Box');
    assert.notEqual(
      comparable(ownDocument, known, [ids.A.documentId]),
      comparable(missingDocument, known, [ids.A.documentId]),
      'control: an own object answers unlike a missing one',
    );
    const ownFile = await an.get(`${an.base}/ebox/${ids.A.documentId}/files/1`);
    assert.equal(ownFile.statusCode, 200, 'control: the file of A’s own letter');
    assert.equal(String(ownFile.headers['content-type']), 'application/pdf');
    assert.notEqual(
      comparable(ownFile, known, [ids.A.documentId]),
      comparable(await an.get(`${an.base}/ebox/${randomUUID()}/files/1`), known, [ids.A.documentId]),
      'control: an own file answers unlike a missing one',
    );
    const bStatement = pool.find((p) => p.kind === 'document' && p.owner === 'B' && /MAANDSTAAT/.test(p.label)) ?? assert.fail('B’s statement');
    assert.ok(leaksIn(await claire.get(`${claire.base}/ebox/${bStatement.id}`), ['B']).length > 0, 'control: B’s statement shows its markers to B');
    // Control: a draft opens to the access manager who made it, and answers another one of the same OCMW like a missing one.
    const hilde = clients.get('Hilde') ?? assert.fail('Hilde');
    const bart = clients.get('Bart') ?? assert.fail('Bart');
    const nobody = randomUUID();
    assert.equal((await hilde.get(`${hilde.base}/access/drafts/${ids.A.draftId}`)).statusCode, 200, 'control: Hilde’s own draft');
    assert.equal(
      comparable(await bart.get(`${bart.base}/access/drafts/${ids.A.draftId}`), known, [ids.A.draftId]),
      comparable(await bart.get(`${bart.base}/access/drafts/${nobody}`), known, [nobody]),
      'control: Hilde’s draft answers Bart like a missing one',
    );
    const guarded = await guardedState(t.db, GUARDED_TABLES);
    const began = Date.now();
    let substitutions = 0;
    const leaks: string[] = [];
    const unlike: string[] = [];
    const malformedUnlike = new Map<string, string[]>();
    const errors: string[] = [];
    for (const slot of list) {
      for (const a of slot.actors) {
        const subs = substitutionsFor(slot, a);
        let reference: LightMyRequestResponse | undefined;
        let referenceMarkers = new Set<string>();
        const missing = subs[0].value;
        for (const [i, sub] of subs.entries()) {
          const client = a.login ? await a.login() : (a.client ?? assert.fail(a.key));
          const res = await slot.send(client, sub.value);
          if (i > 0) substitutions++;
          const where = `${slot.name} · ${a.key} · ${sub.cls} ${sub.label}`;
          const shown = `${res.statusCode}${res.headers.location ? ` → ${res.headers.location}` : ''}`;
          if (res.statusCode >= 500) errors.push(`${where}: ${shown}`);
          // OCMW staff and POD MI inside OCMW A: nothing of the other OCMW; POD MI in the back office: nothing the reference does not show.
          const others: Ocmw[] = a.ocmw === 'A' ? ['B'] : a.ocmw === 'B' ? ['A'] : ['A', 'B'];
          const found = leaksIn(res, others);
          if (i === 0) {
            referenceMarkers = new Set(a.podmi && a.ocmw === null ? found : []);
            reference = res;
          }
          // POD MI may read every OCMW in the back office: an empty id may show what its own collection page shows, no more.
          const collection =
            sub.value === '' && a.podmi && a.ocmw === null && slot.collection ? new Set(leaksIn(await slot.collection(client), others)) : new Set<string>();
          const leaked = found.filter((m) => !referenceMarkers.has(m) && !collection.has(m));
          if (leaked.length > 0) leaks.push(`${where}: ${shown} shows ${leaked.join(', ')}`);
          if (i === 0 || !reference) continue;
          // A variant is compared with the same variant of the missing id (one more request, not counted).
          const shapedMissing = sub.shape?.(missing);
          const against = shapedMissing !== undefined ? await slot.send(a.login ? await a.login() : client, shapedMissing) : reference;
          if (comparable(res, known, [sub.value]) !== comparable(against, known, [missing, shapedMissing ?? '', sub.value])) {
            const line = `${where}: ${shown}, missing id${shapedMissing !== undefined ? ' (same variant)' : ''}: ${against.statusCode}${against.headers.location ? ` → ${against.headers.location}` : ''}`;
            if (sub.cls === 'malformed') {
              const key = `${sub.label}: ${res.statusCode} where a missing id gets ${reference.statusCode}`;
              malformedUnlike.set(key, [...(malformedUnlike.get(key) ?? []), `${slot.name} · ${a.key}`]);
            } else unlike.push(line);
          }
        }
      }
    }
    const probeMs = Date.now() - began;

    for (const k of unknownParams) console.log(`URL parameter of unknown kind (add it to PARAM_KINDS): ${k}`);
    if (errors.length > 0) console.log(`5xx answers:\n  ${errors.join('\n  ')}`);
    if (leaks.length > 0) console.log(`leaks:\n  ${leaks.join('\n  ')}`);
    if (unlike.length > 0) console.log(`foreign/deleted/random ids answered unlike a missing id:\n  ${unlike.join('\n  ')}`);
    // Shape-dependent answers (the id's form, never the object's existence): listed, not counted as defects.
    // CROSS_OCMW_VERBOSE=1 lists every slot of each.
    if (malformedUnlike.size > 0) {
      const verbose = process.env.CROSS_OCMW_VERBOSE === '1';
      console.log(
        `malformed ids answered unlike a missing id:\n  ${[...malformedUnlike].map(([k, v]) => `${k} (${v.length}×)${verbose ? `: ${v.join('; ')}` : ''}`).join('\n  ')}`,
      );
    }
    console.log(
      `cross-OCMW ids: ${list.length} slots (${list.filter((s) => !s.name.includes(' :') || s.name.includes('?')).length} form fields), ${pool.length} objects, ${markers.A.length + markers.B.length} leak markers; setup ${(setupMs / 1000).toFixed(1)} s, probes ${(probeMs / 1000).toFixed(1)} s; 5xx ${errors.length}, malformed ≠ missing ${[...malformedUnlike.values()].reduce((n, v) => n + v.length, 0)}`,
    );
    figure = `cross-OCMW ids: ${substitutions} substitutions, leaks ${leaks.length}, foreign ≠ missing ${unlike.length}`;

    assert.deepEqual(unknownParams, [], 'every URL parameter has a kind');
    assert.deepEqual(errors, [], 'no 5xx');
    assert.deepEqual(leaks, [], 'nothing of the other OCMW leaks');
    assert.deepEqual(unlike, [], 'foreign, wrong-kind, deleted and random ids answer like a missing id');
    assert.equal(
      await guardedState(t.db, GUARDED_TABLES),
      guarded,
      'no probe changed a form, signature, campaign, extension, OCMW, settlement, document, import, job, draft, member, grant, HTB list or person',
    );
  });

  /**
   * Issue 13, Proof: a merged OCMW's people never see a partner's forms unless they were granted there. Demodorp
   * merged into Demostad (OCMW A); its 2024 report is filed for the disappearing OCMW by Wim, who works for both, and
   * signed by its own chair and director; the copy of access is run (partners' people to Demostad, never the other
   * way). Then Demostad's people who never worked for Demodorp (An, medewerker; Jan, voorzitter; Hilde, HTB) name
   * Demodorp on every page of an OCMW: with Demodorp's KBO they get exactly what they get with the KBO of an OCMW they
   * never worked for (Villedemo), and Demodorp's form, person and merger ids in their own OCMW's pages answer exactly
   * like missing ids; no answer shows anything of Demodorp. Wim, granted there, reads the form (the control).
   */
  it('never shows a merged partner’s forms to the merged OCMW’s people who were not granted there (Demodorp into Demostad)', async () => {
    const { db } = t;
    const demodorp = await organisationId(db, 'OCMW Demodorp');
    const row = await db.selectFrom('organisations').selectAll().where('id', '=', demodorp).executeTakeFirstOrThrow();
    const gas2024 = await campaignId(db, 'GAS_ELEK', 2024);
    const amount = 3_141_593;
    const wim = await loginAs(t.app, db, 'Wim Hermans', 'OCMW Demodorp');
    assert.equal(wim.base, `/ocmw/${row.kbo}`, 'Wim works for Demodorp');
    await fillGasForm(wim, gas2024, { bills: [['gas', '31', typed(amount)]] }, 2024);
    await signTwice(gas2024, [await loginAs(t.app, db, 'Rita Aerts'), await loginAs(t.app, db, 'Koen Mertens')]);
    const instance = await db
      .selectFrom('form_instances')
      .select(['id', 'submitted_at'])
      .where('organisation_id', '=', demodorp)
      .where('campaign_id', '=', gas2024)
      .executeTakeFirstOrThrow();
    assert.ok(instance.submitted_at, 'Demodorp’s 2024 report submitted');
    const merger = await mergerInto(db, org.A);
    const copied = await (clients.get('Marc') ?? assert.fail('Marc')).post(`/backoffice/mergers/${merger}/copy/confirm`, {});
    assert.match(String(copied.headers.location), /m=copied$/, 'the copy of access of the demo merger');
    const rita = await personId(db, 'Rita', 'Aerts');
    // a message of POD MI in Demodorp's own e-Box (issue 16)
    const demodorpMessage = await publishTestMessage(t, demodorp, { subject: 'Maandstaat Demodorp december 2024', period: '2024-12' });
    for (const id of [instance.id, rita, merger, demodorp, demodorpMessage]) known.add(id);

    // What of Demodorp must not reach them (Wim works for Demostad too: not a marker).
    const demodorpMarkers = [
      ...new Set(
        [
          row.name_nl,
          row.name_fr,
          row.name_de,
          'Demodorp',
          row.kbo,
          formatKbo(row.kbo),
          row.nis ?? '',
          ...(row.iban ? [row.iban, formatIban(row.iban)] : []),
          'Rita Aerts',
          'Koen Mertens',
          'rita.aerts@ocmw-demodorp.be',
          formatMoney(amount, 'nl').replace(' €', ''),
          formatMoney(amount, 'fr').replace(' €', ''),
          formatMoneyInput(amount),
        ].filter((m) => m.length >= 4),
      ),
    ];
    const leaks = (res: LightMyRequestResponse) => {
      const text = `${String(res.headers.location ?? '')}\n${String(res.headers['content-disposition'] ?? '')}\n${isText(res) ? res.body : ''}`;
      return demodorpMarkers.filter((m) => text.includes(m) || text.includes(escapeHtml(m)));
    };
    const control = await wim.get(`${wim.base}/forms/${gas2024}`);
    assert.equal(control.statusCode, 200, 'control: Wim reads Demodorp’s 2024 report');
    assert.ok(leaks(control).length > 0, 'control: the markers of Demodorp are found on its own form');
    const inbox = await wim.get(`${wim.base}/ebox/${demodorpMessage}`);
    assert.equal(inbox.statusCode, 200, 'control: Wim reads the message in Demodorp’s e-Box');
    assert.ok(leaks(inbox).length > 0, 'control: the markers of Demodorp are found on its message');

    const villedemoKbo = ids.B.kbo;
    const send = (client: Client, route: { method: string; url: string }, values: Record<string, string>) => {
      const rule = POLICY[`${route.method} ${route.url}`] ?? {};
      const url =
        route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? VOCABULARY_PARAMS[name] ?? '')) + (rule.query ?? '');
      const body = rule.body?.({ ...ids.A, ...values } as ProbeIds) ?? {};
      if (route.method === 'GET') return client.get(url);
      if (rule.file) return client.postFile(url, body, { name: 'notes.xlsx', type: XLSX, content: Buffer.from('not a workbook') });
      return client.post(url, body);
    };
    const pages = [...new Map(routes.filter((r) => r.url.startsWith('/ocmw/:kbo')).map((r) => [`${r.method} ${r.url}`, r])).values()];
    const problems: string[] = [];
    let probes = 0;
    for (const key of ['An', 'Jan', 'Hilde']) {
      const client = clients.get(key) ?? assert.fail(key);
      const ownKbo = client.base.slice('/ocmw/'.length);
      for (const route of pages) {
        const where = `${route.method} ${route.url} · ${key}`;
        // Demodorp's KBO, its form's campaign and its objects, against Villedemo's KBO with random ids.
        const partner = {
          kbo: row.kbo,
          campaignId: gas2024,
          documentId: instance.id,
          messageId: demodorpMessage,
          instanceId: instance.id,
          personId: rita,
          draftId: instance.id,
        };
        const missing = randomUUID();
        const never = {
          kbo: villedemoKbo,
          campaignId: gas2024,
          documentId: missing,
          messageId: missing,
          instanceId: missing,
          personId: missing,
          draftId: missing,
        };
        const [atPartner, atNever] = [await send(client, route, partner), await send(client, route, never)];
        probes += 2;
        if (comparable(atPartner, known, [row.kbo, instance.id, rita, demodorpMessage]) !== comparable(atNever, known, [villedemoKbo, missing]))
          problems.push(`${where}: Demodorp's KBO answered ${atPartner.statusCode}, Villedemo's ${atNever.statusCode}`);
        if (atPartner.statusCode < 400) problems.push(`${where}: Demodorp's KBO let in (${atPartner.statusCode})`);
        for (const m of leaks(atPartner)) problems.push(`${where}: Demodorp's KBO shows ${m}`);
        // In the person's own OCMW: Demodorp's form, person and merger ids like a missing id.
        if (!/:(documentId|messageId|personId|draftId)/.test(route.url)) continue;
        for (const id of [instance.id, rita, merger, demodorp, demodorpMessage]) {
          const other = randomUUID();
          const values = (v: string) => ({ kbo: ownKbo, campaignId: gas2024, documentId: v, messageId: v, instanceId: v, personId: v, draftId: v });
          const [named, unknown] = [await send(client, route, values(id)), await send(client, route, values(other))];
          probes += 2;
          if (comparable(named, known, [id]) !== comparable(unknown, known, [other]))
            problems.push(`${where}: Demodorp's ${id} answered ${named.statusCode}, a missing id ${unknown.statusCode}`);
          for (const m of leaks(named)) problems.push(`${where}: Demodorp's ${id} shows ${m}`);
        }
      }
    }
    console.log(`merged partner (Demodorp into Demostad): ${pages.length} OCMW routes, ${probes} probes by An, Jan and Hilde, ${problems.length} problems`);
    assert.deepEqual(problems, [], 'Demostad’s people reach nothing of Demodorp');
  });
});
