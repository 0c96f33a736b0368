import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Actor as AppActor } from '../../src/access/access.ts';
import { withTransaction } from '../../src/db/database.ts';
import { translator } from '../../src/i18n/i18n.ts';
import { enqueueEmail } from '../../src/jobs/outbox.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { stageReferenceImport } from '../../src/modules/reference-data/reference-data.service.ts';
import { makeInsz } from '../../src/modules/shared/identifiers.ts';
import { buildWorkbook } from '../../src/modules/workbooks/index.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, campaignId, hiddenValue, loginAs, organisationId, personId } from '../support/http.ts';
import { fillGasForm, signTwice } from '../support/settlement-flow.ts';
import {
  ACTORS,
  type Actor,
  type Answer,
  B_LEZER,
  type CampaignKey,
  GRANTS,
  KNOWN_DEFECTS,
  OWNERS,
  type Ocmw,
  type Owner,
  POLICY,
  type ProbeIds,
  type RouteRule,
} from './authorisation-policy.ts';

/**
 * Suite 1 of issue 5, the authorisation matrix: every GET and POST route the application registers (collected
 * with Fastify's onRoute, so a new route is probed — and fails the suite until authorisation-policy.ts lists it) × every
 * actor × own, foreign and missing objects, each answer compared with the declarative policy in authorisation-policy.ts.
 * The ids are real objects: a submitted and settled form of each OCMW, its settlement letter and the copy in
 * its e-Box, an open form with its kept workbook, a delivered e-mail, staged reference imports.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SKIPPED = [/^\/static\//, /^\/health$/];

/** Codes in ?m= that say the action was refused (the route let the actor in; see Answer in authorisation-policy.ts). */
const REFUSALS = new Set([
  'not_started',
  'not_open',
  'already_submitted',
  'changed',
  'has_errors',
  'ocmw_incomplete',
  'no_role',
  'role_signed',
  'same_person',
  'settled',
  'already_settled',
  'not_closed',
  'pending',
  'not_submitted',
  'already_accepted',
  'conflict',
  'not_allowed',
  'deadline_passed',
  'late_none',
  'not_failed',
  'not_staged',
  'has_problems',
]);

type Observed = Answer | 'error' | 'other';

function classify(method: string, res: LightMyRequestResponse): Observed {
  const status = res.statusCode;
  if (status >= 500) return 'error';
  if (status === 403) return 'deny';
  if (status === 404) return 'notfound';
  if (status === 409 || status === 422) return 'allow';
  if (status >= 200 && status < 300) return 'allow';
  if (status >= 300 && status < 400) {
    const location = String(res.headers.location ?? '');
    if (!location.startsWith('/') || location.startsWith('//')) return 'other';
    const url = new URL(location, 'http://app.invalid');
    if (url.pathname === '/login') return 'login';
    if (url.pathname === '/choose-ocmw') return 'choose';
    const m = url.searchParams.get('m');
    if (m !== null && REFUSALS.has(m)) return 'refused';
    return method === 'GET' ? 'redirect' : 'allow';
  }
  return 'other';
}

const activity = {
  category: 'tripsTravel',
  kind: 'collective',
  description: 'Uitstap naar zee',
  'period.from': '12/07/2026',
  'period.to': '12/07/2026',
  usersReached: '25',
  amount: '1.250,00',
  mixedPublicShare: '',
  partner: '',
  overheadAmount: '',
};

interface World {
  campaign: Record<CampaignKey | 'covid', string>;
  org: Record<Ocmw, string>;
  instance: Record<Ocmw, string>;
  settlement: Record<Ocmw, string>;
  document: Record<Ocmw, string>;
  medewerker: Record<Ocmw, string>;
  person: Record<string, string>;
  messageId: string;
  jobId: string;
  importId: string;
}

interface Mismatch {
  probe: string;
  expected: Answer;
  actual: Observed;
  status: number;
  location: string;
}

describe(`authorisation matrix, every route × actor × owner (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let world: World;
  let marcActor: AppActor;
  let covid: string;
  const clients = new Map<string, Client>();
  const routes: Array<{ method: string; url: string }> = [];
  const started = Date.now();
  let setupMs = 0;
  let probeMs = 0;
  let figure = '';

  before(async () => {
    t = await buildTestApp({}, undefined, {
      schemaPrefix: 'uv_authz',
      onRoute: (route) => {
        if (SKIPPED.some((p) => p.test(route.url))) return;
        for (const method of [route.method].flat()) if (method === 'GET' || method === 'POST') routes.push({ method, url: route.url });
      },
    });
    const { app, db } = t;
    const campaign = {
      psa: await campaignId(db, 'PSA', 2026),
      gas: await campaignId(db, 'GAS_ELEK', 2026),
      gpmi: await campaignId(db, 'GPMI', 2026),
      covid: await campaignId(db, 'COVID_PREMIE', 2022),
    };
    covid = campaign.covid;
    const org = { A: await organisationId(db, 'OCMW Demostad'), B: await organisationId(db, 'OCMW Villedemo') };

    // OCMW B's lezer (the demo data has none).
    await db.insertInto('persons').values({ id: randomUUID(), insz: makeInsz('930303123'), first_name: B_LEZER.first, last_name: B_LEZER.last, language: 'fr', podmi_role: null }).execute();
    const lezerB = await personId(db, B_LEZER.first, B_LEZER.last);
    await db.insertInto('memberships').values({ person_id: lezerB, organisation_id: org.B, role: 'LEZER' }).execute();

    const person: Record<string, string> = {};
    for (const actor of ACTORS) {
      if (!actor.person) {
        clients.set(actor.key, new Client(app));
        continue;
      }
      const [first, ...rest] = actor.person.split(' ');
      person[actor.key] = await personId(db, first, rest.join(' '));
      clients.set(actor.key, await loginAs(app, db, actor.person, actor.podmi ? 'OCMW Demostad' : undefined));
    }
    const client = (key: string) => clients.get(key) ?? assert.fail(key);

    // GAS_ELEK 2026: both OCMWs fill in, sign and submit; POD MI closes and settles it (letters in both e-Boxes).
    await fillGasForm(client('A.medewerker'), campaign.gas, { bills: [['gas', '10', '8.000,00']] });
    await signTwice(campaign.gas, [client('A.voorzitter'), client('A.directeur')]);
    await fillGasForm(client('B.medewerker'), campaign.gas, { bills: [['electricity', '25', '25.000,00']] });
    await signTwice(campaign.gas, [client('B.voorzitter'), client('B.directeur')]);
    await db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', campaign.gas).execute();
    const gasVersion = (await db.selectFrom('campaigns').select('version').where('id', '=', campaign.gas).executeTakeFirstOrThrow()).version;
    const settled = await client('PODMI_AGENT').post(`/backoffice/settlements/${campaign.gas}/settle`, { version: String(gasVersion), confirm: 'yes' });
    assert.match(String(settled.headers.location), /m=settled$/, 'GAS_ELEK 2026 settled');

    // PSA 2026 (open): each OCMW justifies it by workbook, so the form has a kept file.
    const psaParams = (await db.selectFrom('campaigns').select('params').where('id', '=', campaign.psa).executeTakeFirstOrThrow()).params as Record<string, unknown>;
    const workbook = await buildWorkbook({
      definition: getDefinition('PSA', 1),
      measure: 'PSA',
      reportYear: 2026,
      templateVersion: 1,
      params: psaParams,
      lang: 'nl',
      t: translator('nl'),
      rows: { activitiesA: [activity], modulesB: [], activitiesC: [] },
    });
    for (const key of ['A.medewerker', 'B.medewerker']) {
      const switched = await client(key).post(`/forms/${campaign.psa}/entry-mode`, { version: '0', mode: 'WORKBOOK' });
      assert.match(String(switched.headers.location), /m=entry_mode_changed$/, `${key}: PSA by workbook`);
      const version = hiddenValue((await client(key).get(`/forms/${campaign.psa}`)).body, 'version');
      const uploaded = await client(key).postFile(`/forms/${campaign.psa}/workbook`, { version }, { name: 'psa-2026.xlsx', type: XLSX, content: workbook });
      assert.match(String(uploaded.headers.location), /m=workbook_uploaded$/, `${key}: PSA workbook kept`);
    }

    // One e-mail delivered to the local outbox.
    await withTransaction(db, (tx) => enqueueEmail(tx, { dedupeKey: 'authorisation-matrix', email: { to: 'ocmw@demostad.example', subject: 'Probe', body: 'Probe' }, now: t.clock.now() }));
    const sent = await client('PODMI_ADMIN').post('/backoffice/outbox/send-now', {});
    assert.equal(sent.statusCode, 303);

    const one = async <T>(query: Promise<T | undefined>, what: string): Promise<T> => (await query) ?? assert.fail(`setup: no ${what}`);
    const perOcmw = async (table: 'form_instances' | 'settlements' | 'documents', o: Ocmw) => {
      let query = db.selectFrom(table).select('id').where('organisation_id', '=', org[o]);
      if (table !== 'documents') query = query.where('campaign_id', '=', campaign.gas);
      return (await one(query.executeTakeFirst(), `${table} of ${o}`)).id;
    };
    marcActor = {
      personId: person.PODMI_ADMIN,
      name: 'Marc Lefèvre',
      organisationId: null,
      roles: [],
      podmiRole: 'PODMI_ADMIN',
      authMethod: 'demo',
      authenticatedAt: t.clock.now(),
    };
    world = {
      campaign,
      org,
      instance: { A: await perOcmw('form_instances', 'A'), B: await perOcmw('form_instances', 'B') },
      settlement: { A: await perOcmw('settlements', 'A'), B: await perOcmw('settlements', 'B') },
      document: { A: await perOcmw('documents', 'A'), B: await perOcmw('documents', 'B') },
      medewerker: { A: person['A.medewerker'], B: person['B.medewerker'] },
      person,
      messageId: (await one(db.selectFrom('mail_messages').select('id').executeTakeFirst(), 'mail message')).id,
      jobId: (await one(db.selectFrom('outbox_jobs').select('id').executeTakeFirst(), 'outbox job')).id,
      importId: await stageImport(),
    };
    setupMs = Date.now() - started;
  });

  after(async () => {
    await t?.close();
    // The figure is the suite's last line: printed when the process ends, after the test reports.
    if (figure) process.once('exit', () => console.log(figure));
  });

  /** A reference import of COVID_PREMIE 2022 staged by the beheerder (the service, as the upload route calls it). */
  async function stageImport(): Promise<string> {
    const csv = 'NIS;Advance\r\n99001;1.234,56\r\n99002;2500.5\r\n';
    const result = await stageReferenceImport(
      { actor: marcActor, db: t.db, now: t.clock.now() },
      { campaignId: covid, file: { name: 'voorschotten.csv', bytes: Buffer.from(csv) }, tooLarge: false },
    );
    assert.equal(result.kind, 'staged');
    return result.kind === 'staged' ? result.importId : '';
  }

  /** The ids a probe fills in: the objects of the owner's OCMW, or random UUIDs. */
  function idsFor(rule: RouteRule, actor: Actor, owner: Owner): ProbeIds {
    if (owner === 'missing') {
      return {
        campaignId: randomUUID(),
        instanceId: randomUUID(),
        documentId: randomUUID(),
        settlementId: randomUUID(),
        organisationId: randomUUID(),
        personId: randomUUID(),
        messageId: randomUUID(),
        jobId: randomUUID(),
        importId: randomUUID(),
      };
    }
    const home: Ocmw = actor.ocmw ?? 'A';
    const of: Ocmw = owner === 'own' ? home : home === 'A' ? 'B' : 'A';
    return {
      campaignId: world.campaign[rule.campaign ?? 'psa'],
      instanceId: world.instance[of],
      documentId: world.document[of],
      settlementId: world.settlement[of],
      organisationId: world.org[of],
      personId: owner === 'own' && actor.person ? world.person[actor.key] : world.medewerker[of],
      messageId: world.messageId,
      jobId: world.jobId,
      importId: world.importId,
    };
  }

  function fill(url: string, ids: ProbeIds): string {
    return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      const value = (ids as unknown as Record<string, string | undefined>)[name];
      if (value === undefined) throw new Error(`${url}: the suite cannot fill :${name} (add it to ProbeIds)`);
      return value;
    });
  }

  async function sessionOf(actor: Actor, fresh: boolean | undefined): Promise<Client> {
    if (!fresh) return clients.get(actor.key) ?? assert.fail(actor.key);
    if (!actor.person) return new Client(t.app);
    return loginAs(t.app, t.db, actor.person, actor.podmi ? 'OCMW Demostad' : undefined);
  }

  async function probe(route: { method: string; url: string }, rule: RouteRule, actor: Actor, owner: Owner) {
    const ids = idsFor(rule, actor, owner);
    if (rule.freshImport && owner !== 'missing') ids.importId = await stageImport();
    const path = fill(route.url, ids) + (rule.query ?? '');
    const client = await sessionOf(actor, rule.fresh);
    const body = rule.body?.(ids) ?? {};
    if (route.method === 'GET') return client.get(path);
    if (rule.file) return client.postFile(path, body, { name: 'notes.xlsx', type: XLSX, content: Buffer.from('not a workbook') });
    return client.post(path, body);
  }

  /** What no probe may change: forms, signatures, campaigns, OCMW data, settlements, e-Box documents. */
  async function guardedState(): Promise<string> {
    const { db } = t;
    return JSON.stringify([
      await db.selectFrom('form_instances').select(['id', 'version', 'submitted_at', 'content_hash']).orderBy('id').execute(),
      await db.selectFrom('signatures').select(['id']).orderBy('id').execute(),
      await db.selectFrom('campaigns').select(['id', 'version', 'status']).orderBy('id').execute(),
      await db.selectFrom('organisations').select(['id', 'version']).orderBy('id').execute(),
      await db.selectFrom('settlements').select(['id']).orderBy('id').execute(),
      await db.selectFrom('documents').select(['id']).orderBy('id').execute(),
    ]);
  }

  it('answers every route × actor × owner as the policy says, and lists every route', async () => {
    const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
    const seen = new Set(routes.map(key));
    const unlisted = [...seen].filter((k) => !(k in POLICY));
    const stale = Object.keys(POLICY).filter((k) => !seen.has(k));
    // Probes that change a session or consume a fixture last.
    const listed = [...new Set(routes.map(key))]
      .filter((k) => k in POLICY)
      .sort((a, b) => Number(POLICY[a].fresh || POLICY[a].freshImport || false) - Number(POLICY[b].fresh || POLICY[b].freshImport || false));
    const guarded = await guardedState();

    const began = Date.now();
    const mismatches: { allows: Mismatch[]; denies: Mismatch[]; known: Mismatch[] } = { allows: [], denies: [], known: [] };
    let probes = 0;
    const dump: string[] = ['route\tactor\towner\texpected\tactual\tstatus\tlocation'];
    for (const k of listed) {
      const [method, url] = k.split(' ');
      const rule = POLICY[k];
      for (const actor of ACTORS) {
        for (const owner of OWNERS) {
          const res = await probe({ method, url }, rule, actor, owner);
          probes++;
          const actual = classify(method, res);
          const expected = rule.expect(actor, owner);
          dump.push([k, actor.key, owner, expected, actual, res.statusCode, res.headers.location ?? ''].join('\t'));
          if (actual === expected) continue;
          const mismatch = { probe: `${k} · ${actor.key} · ${owner}`, expected, actual, status: res.statusCode, location: String(res.headers.location ?? '') };
          if (KNOWN_DEFECTS.some((d) => d.route === k && d.actor === actor.key && d.owner === owner && d.answer === actual)) mismatches.known.push(mismatch);
          else if (GRANTS[actual] > GRANTS[expected]) mismatches.allows.push(mismatch);
          else mismatches.denies.push(mismatch);
        }
      }
    }
    probeMs = Date.now() - began;
    // AUTHZ_MATRIX_DUMP=file.tsv writes every probe with its expected and actual answer.
    if (process.env.AUTHZ_MATRIX_DUMP) writeFileSync(process.env.AUTHZ_MATRIX_DUMP, `${dump.join('\n')}\n`);

    const show = (m: Mismatch) => `  ${m.probe}: expected ${m.expected}, got ${m.actual} (${m.status}${m.location ? ` → ${m.location}` : ''})`;
    for (const k of unlisted) console.log(`unlisted route (add it to test/reliability/authorisation-policy.ts): ${k}`);
    for (const k of stale) console.log(`policy entry without a route: ${k}`);
    if (mismatches.allows.length > 0) console.log(`unexpected allows:\n${mismatches.allows.map(show).join('\n')}`);
    if (mismatches.denies.length > 0) console.log(`unexpected denies:\n${mismatches.denies.map(show).join('\n')}`);
    if (mismatches.known.length > 0) console.log(`KNOWN_DEFECT probes:\n${mismatches.known.map(show).join('\n')}`);
    console.log(`authorisation matrix: setup ${(setupMs / 1000).toFixed(1)} s, ${probes} probes in ${(probeMs / 1000).toFixed(1)} s`);
    figure = `authorisation matrix: ${listed.length} routes × ${ACTORS.length} actors × ${OWNERS.length} owners = ${probes} probes, unexpected allows ${mismatches.allows.length}, unexpected denies ${mismatches.denies.length}, unlisted routes ${unlisted.length}`;

    assert.deepEqual(unlisted, [], 'every route is in the policy');
    assert.deepEqual(stale, [], 'every policy entry is a route');
    assert.equal(mismatches.allows.length, 0, `unexpected allows:\n${mismatches.allows.map(show).join('\n')}`);
    assert.equal(mismatches.denies.length, 0, `unexpected denies:\n${mismatches.denies.map(show).join('\n')}`);
    assert.equal(await guardedState(), guarded, 'no probe changed a form, signature, campaign, OCMW, settlement or document');
  });
});
