import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { Client, loginAs } from '../support/http.ts';
import { type World, buildWorld, guardedState, prepareActors, routeCollector, stageImport } from './world.ts';
import {
  ACTORS,
  type Actor,
  type Answer,
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
  // Toegangsbeheer: a draft that is not (or no longer) the actor's
  'expired',
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

interface Mismatch {
  probe: string;
  expected: Answer;
  actual: Observed;
  status: number;
  location: string;
}

/** What no probe may change. */
const GUARDED_TABLES: Parameters<typeof guardedState>[1] = [
  'form_instances',
  'signatures',
  'campaigns',
  'organisations',
  'settlements',
  'documents',
  'ocmw_config_versions',
];

describe(`authorisation matrix, every route × actor × owner (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let world: World;
  let _covid: string;
  const clients = new Map<string, Client>();
  const collected = routeCollector((method) => method === 'GET' || method === 'POST');
  const routes = collected.routes;
  const started = Date.now();
  let setupMs = 0;
  let probeMs = 0;
  let figure = '';

  before(async () => {
    t = await buildTestApp({}, undefined, { schemaPrefix: 'uv_authz', onRoute: collected.onRoute });
    const { app, db } = t;
    const actors = await prepareActors(t);
    _covid = actors.campaign.covid;
    for (const actor of ACTORS) {
      clients.set(actor.key, actor.person ? await loginAs(app, db, actor.person, actor.podmi ? 'OCMW Demostad' : undefined) : new Client(app));
    }
    const client = (key: string) => clients.get(key) ?? assert.fail(key);
    world = await buildWorld(t, actors, client, { psaWorkbooks: true, dedupeKey: 'authorisation-matrix' });
    setupMs = Date.now() - started;
  });

  after(async () => {
    await t?.close();
    // The figure is the suite's last line: printed when the process ends, after the test reports.
    if (figure) process.once('exit', () => console.log(figure));
  });

  /** The ids a probe fills in: the objects of the owner's OCMW, or random UUIDs. */
  function idsFor(rule: RouteRule, actor: Actor, owner: Owner): ProbeIds {
    if (owner === 'missing') {
      return {
        campaignId: randomUUID(),
        // a well-formed KBO number of no OCMW (the check digits are right: 0999.999.9xx is never issued here)
        kbo: '0999999999',
        instanceId: randomUUID(),
        documentId: randomUUID(),
        settlementId: randomUUID(),
        organisationId: randomUUID(),
        personId: randomUUID(),
        messageId: randomUUID(),
        jobId: randomUUID(),
        importId: randomUUID(),
        purpose: 'co-tb',
        role: 'co-tb',
        draftId: randomUUID(),
        mergerId: randomUUID(),
        screen: 'contact',
        table: 'staffA',
        row: 'new',
        position: '1',
        batchId: randomUUID(),
      };
    }
    const home: Ocmw = actor.ocmw ?? 'A';
    const of: Ocmw = owner === 'own' ? home : home === 'A' ? 'B' : 'A';
    return {
      campaignId: world.campaign[rule.campaign ?? 'psa'],
      kbo: world.kbo[of],
      instanceId: world.instance[of],
      documentId: world.document[of],
      settlementId: world.settlement[of],
      organisationId: world.org[of],
      personId: owner === 'own' && actor.person ? world.person[actor.key] : world.medewerker[of],
      messageId: world.messageId,
      jobId: world.jobId,
      importId: world.importId,
      purpose: 'co-tb',
      role: 'co-tb',
      draftId: randomUUID(),
      mergerId: world.merger[of],
      screen: 'contact',
      table: 'staffA',
      row: 'new',
      position: '1',
      batchId: randomUUID(),
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
    if (rule.freshImport && owner !== 'missing') ids.importId = await stageImport(t, world);
    const path = fill(route.url, ids) + (rule.query ?? '');
    const client = await sessionOf(actor, rule.fresh);
    const body = rule.body?.(ids) ?? {};
    if (route.method === 'GET') return client.get(path);
    if (rule.file) return client.postFile(path, body, { name: 'notes.xlsx', type: XLSX, content: Buffer.from('not a workbook') });
    return client.post(path, body);
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
    const guarded = await guardedState(t.db, GUARDED_TABLES);

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
    assert.equal(await guardedState(t.db, GUARDED_TABLES), guarded, 'no probe changed a form, signature, campaign, OCMW, settlement or document');
  });
});
