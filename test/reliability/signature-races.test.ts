import assert from 'node:assert/strict';
import { grantRights, insertPerson } from '../../src/access/grants.repository.ts';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import { makeInsz } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, covidCampaignId, loginAs, organisationId, personId } from '../support/http.ts';

/**
 * Suite 5 of issue 5: signature and submission races. Every round starts from a fresh, unsigned form with new
 * content (signatures and submission cleared with SQL, then a save through the application, so each round signs
 * a content hash no earlier round signed), on two OCMWs at once:
 *
 * - OCMW Demostad: the voorzitter and the algemeen directeur both sign at the same moment, each with a double
 *   click (two posts each).
 * - OCMW Villedemo: a person holding both roles (VOORZITTER and ALGEMEEN_DIRECTEUR, created here) posts both
 *   signatures at once (chair twice, director twice, and once without choosing); then the voorzitter, the
 *   directeur (double clicks) and the same person again race for the second signature.
 *
 * Never two signatures for one role, never one person twice on a form, exactly one submission per form and
 * round (in the database, the audit trail and the answers), no 5xx, audit chains intact.
 * PostgreSQL only: PGlite has one connection, so its requests never overlap (test/integration/races.test.ts
 * checks the serial behaviour there).
 */

const ROUNDS = 200;
const POSTGRES = process.env.TEST_DB === 'postgres';

const results = {
  rounds: 0,
  duplicates: 0,
  samePerson: 0,
  submissionCounts: new Set<number>(),
  server: 0,
  problems: [] as string[],
  outcomes: new Map<string, number>(),
};
let figure = '';

describe('signature and submission races (postgres)', {
  skip: !POSTGRES && 'PostgreSQL only: PGlite has one connection, requests never overlap (run with TEST_DB=postgres)',
}, () => {
  let t: TestApp;
  let campaign: string;
  const started = Date.now();
  interface Ocmw {
    id: string;
    editor: Client;
    instance?: string;
  }
  let demostad: Ocmw;
  let villedemo: Ocmw;
  let jan: Client;
  let els: Client;
  let sophie: Client;
  let pierre: Client;
  let dual: Client;
  let dualId: string;

  async function instanceOf(o: Ocmw) {
    return t.db.selectFrom('form_instances').selectAll().where('organisation_id', '=', o.id).where('campaign_id', '=', campaign).executeTakeFirst();
  }

  /** A fresh, unsigned form with new content: returns the content hash the signers see. */
  async function reset(o: Ocmw, amount: string): Promise<string> {
    if (o.instance) {
      await t.db.deleteFrom('signatures').where('form_instance_id', '=', o.instance).execute();
      await t.db.updateTable('form_instances').set({ submitted_at: null, submitted_snapshot: null, review_state: null }).where('id', '=', o.instance).execute();
    }
    const version = (await instanceOf(o))?.version ?? 0;
    const res = await o.editor.post(`${o.editor.base}/forms/${campaign}`, { version: String(version), 'f.justifiedTotal': amount });
    assert.equal(res.statusCode, 303, `save of ${amount}`);
    const row = await instanceOf(o);
    assert.ok(row && !row.has_errors && !row.submitted_at);
    o.instance = row.id;
    return row.content_hash;
  }

  async function maxAuditId(): Promise<number> {
    const row = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  function tally(round: number, label: string, answers: LightMyRequestResponse[]): string[] {
    return answers.map((r, i) => {
      if (r.statusCode >= 500) {
        results.server++;
        results.problems.push(`round ${round} ${label} #${i}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      }
      const code = r.statusCode === 303 ? (/[?&]m=([a-z_]+)/.exec(String(r.headers.location))?.[1] ?? 'redirect') : String(r.statusCode);
      results.outcomes.set(code, (results.outcomes.get(code) ?? 0) + 1);
      return code;
    });
  }

  /** The signatures of a form: counts duplicates per role and persons signing twice; returns them. */
  async function checkSignatures(round: number, o: Ocmw, hash: string, expected: number, label: string) {
    const rows = await t.db
      .selectFrom('signatures')
      .select(['role', 'person_id', 'content_hash'])
      .where('form_instance_id', '=', o.instance as string)
      .execute();
    const roles = new Set(rows.map((s) => s.role));
    const persons = new Set(rows.map((s) => s.person_id));
    results.duplicates += rows.length - roles.size;
    results.samePerson += rows.length - persons.size;
    if (rows.length !== expected) results.problems.push(`round ${round} ${label}: ${rows.length} signatures, expected ${expected}`);
    if (rows.some((s) => s.content_hash !== hash)) results.problems.push(`round ${round} ${label}: a signature on another content hash`);
    return rows;
  }

  /** The audit events of one round: FORM_SIGNED per form (and per signer), FORM_SUBMITTED per form. */
  async function auditOfRound(since: number, o: Ocmw) {
    const events = await t.db
      .selectFrom('audit_events')
      .select(['type', 'actor_person_id', 'payload'])
      .where('id', '>', String(since))
      .where('subject_id', '=', o.instance as string)
      .execute();
    const signed = events.filter((e) => e.type === 'FORM_SIGNED');
    return {
      signed: signed.length,
      signedRoles: new Set(signed.map((e) => (e.payload as { role?: string }).role)).size,
      signers: new Set(signed.map((e) => e.actor_person_id)).size,
      submitted: events.filter((e) => e.type === 'FORM_SUBMITTED').length,
    };
  }

  before(async () => {
    t = await buildTestApp({}, 'postgres', { schemaPrefix: 'uv_sigrace' });
    campaign = await covidCampaignId(t.db);
    const villedemoId = await organisationId(t.db, 'OCMW Villedemo');
    dualId = await insertPerson(t.db, { insz: makeInsz('690203111'), firstName: 'Dubbel', lastName: 'Rol', language: 'fr', demo: true });
    await grantRights(t.db, villedemoId, dualId, ['UV_CHAIR', 'UV_DIRECTOR'], t.clock.now());
    demostad = { id: await organisationId(t.db, 'OCMW Demostad'), editor: await loginAs(t.app, t.db, 'An Peeters') };
    villedemo = { id: villedemoId, editor: await loginAs(t.app, t.db, 'Claire Martin') };
    [jan, els, sophie, pierre, dual] = await Promise.all(
      ['Jan Janssens', 'Els Maes', 'Sophie Lambert', 'Pierre Dupont', 'Dubbel Rol'].map((n) => loginAs(t.app, t.db, n)),
    );
    assert.ok(await personId(t.db, 'Dubbel', 'Rol'));
  });

  after(async () => {
    await t?.close();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    for (const p of results.problems.slice(0, 20)) console.log(`problem: ${p}`);
    console.log(
      `races: ${results.rounds} rounds in ${seconds} s; answers ${[...results.outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; 5xx ${results.server}`,
    );
    const counts = [...results.submissionCounts].sort((a, b) => a - b);
    const perForm = counts.length === 0 ? '-' : counts.length === 1 ? String(counts[0]) : `${counts[0]}..${counts[counts.length - 1]}`;
    figure = `races: ${results.rounds} rounds, duplicate signatures ${results.duplicates}, same-person double signatures ${results.samePerson}, submissions per form ${perForm}`;
  });

  it(`${ROUNDS} rounds: both signers with double clicks, and one person holding both roles`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [hashA, hashB] = await Promise.all([reset(demostad, `${1000 + round},00`), reset(villedemo, `${2000 + round},00`)]);
      const since = await maxAuditId();
      const sign = (c: Client, hash: string, role?: string) =>
        c.post(`${c.base}/forms/${campaign}/sign`, role ? { contentHash: hash, role } : { contentHash: hash });

      // Demostad: both signers, double clicks; at the same moment Villedemo's person with both roles tries both.
      const [demostadAnswers, dualAnswers] = await Promise.all([
        Promise.all([sign(jan, hashA), sign(els, hashA), sign(jan, hashA), sign(els, hashA)]),
        Promise.all([sign(dual, hashB, 'CHAIR'), sign(dual, hashB, 'DIRECTOR'), sign(dual, hashB, 'CHAIR'), sign(dual, hashB, 'DIRECTOR'), sign(dual, hashB)]),
      ]);
      const demostadCodes = tally(round, 'Demostad', demostadAnswers);
      const dualCodes = tally(round, 'Villedemo (both roles)', dualAnswers);
      const a = await checkSignatures(round, demostad, hashA, 2, 'Demostad');
      if (a.length === 2 && new Set(a.map((s) => s.role)).size !== 2) results.problems.push(`round ${round} Demostad: roles ${a.map((s) => s.role).join(',')}`);
      const dualSigned = await checkSignatures(round, villedemo, hashB, 1, 'Villedemo after the person with both roles');
      if (dualSigned.some((s) => s.person_id !== dualId)) results.problems.push(`round ${round}: a signature in Villedemo not by the person with both roles`);
      if (dualCodes.filter((c) => c === 'signed').length !== 1) results.problems.push(`round ${round} Villedemo (both roles): answers ${dualCodes.join(',')}`);
      if (dualCodes.some((c) => c === 'submitted')) results.problems.push(`round ${round}: one person submitted alone`);
      if ((await instanceOf(villedemo))?.submitted_at) results.problems.push(`round ${round}: Villedemo submitted by one person`);

      // Villedemo: the voorzitter, the directeur (double clicks) and the person with both roles again.
      const secondAnswers = await Promise.all([
        sign(sophie, hashB),
        sign(pierre, hashB),
        sign(sophie, hashB),
        sign(pierre, hashB),
        sign(dual, hashB, 'CHAIR'),
        sign(dual, hashB, 'DIRECTOR'),
      ]);
      const secondCodes = tally(round, 'Villedemo', secondAnswers);
      const b = await checkSignatures(round, villedemo, hashB, 2, 'Villedemo');
      if (b.length === 2 && new Set(b.map((s) => s.role)).size !== 2)
        results.problems.push(`round ${round} Villedemo: roles ${b.map((s) => s.role).join(',')}`);

      for (const [o, codes, label] of [
        [demostad, demostadCodes, 'Demostad'],
        [villedemo, [...dualCodes, ...secondCodes], 'Villedemo'],
      ] as const) {
        const row = await instanceOf(o);
        const audit = await auditOfRound(since, o);
        const answered = codes.filter((c) => c === 'submitted').length;
        results.submissionCounts.add(audit.submitted);
        // The database's unique keys make a duplicate row impossible; the audit trail shows one that slipped past them.
        results.duplicates += audit.signed - audit.signedRoles;
        results.samePerson += audit.signed - audit.signers;
        if (!row?.submitted_at) results.problems.push(`round ${round} ${label}: not submitted`);
        if (audit.submitted !== 1 || answered !== 1)
          results.problems.push(`round ${round} ${label}: ${audit.submitted} FORM_SUBMITTED events, ${answered} "submitted" answers`);
        if (audit.signed !== 2) results.problems.push(`round ${round} ${label}: ${audit.signed} FORM_SIGNED events`);
      }
      results.rounds++;
    }
    for (const o of [demostad, villedemo]) {
      const chain = await verifyAuditChain(t.db, o.id);
      if (!chain.ok)
        results.problems.push(`audit chain of ${o === demostad ? 'Demostad' : 'Villedemo'} broken at ${chain.problem?.seq} (${chain.problem?.reason})`);
    }

    assert.equal(results.duplicates, 0, 'no duplicate signature');
    assert.equal(results.samePerson, 0, 'no person signs one form twice');
    assert.deepEqual([...results.submissionCounts], [1], 'exactly one submission per form and round');
    assert.equal(results.server, 0, 'no 5xx');
    assert.deepEqual(results.problems, []);
  });
});

if (!POSTGRES) figure = 'races: skipped on PGlite (PostgreSQL only; run with TEST_DB=postgres)';
// The figure is the suite's last line: printed when the process ends, after the test reports.
process.once('exit', () => {
  if (figure) console.log(figure);
});
