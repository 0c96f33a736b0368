import assert from 'node:assert/strict';
import { grantRights, insertPerson } from '../../src/access/grants.repository.ts';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { makeInsz } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, campaignId, hiddenValue, loginAs, organisationId } from '../support/http.ts';

/**
 * Suite 4 of issue 5: lost updates. EDITORS medewerkers of OCMW Demostad, each in a session of their own,
 * post a save of the (paged) gas and electricity fund form with the same version at the same moment, ROUNDS
 * times. Each round exactly one save wins (303), every other editor gets the conflict page (409) with their own
 * input kept; the stored form moves one version per round and holds exactly the winner's part merged into the
 * previous state. At the end the stored form (input, content hash, errors, version) equals a serial replay of
 * the winners' posts, one after the other, on a fresh database.
 *
 * PostgreSQL only: PGlite has one connection, so its requests never overlap (test/integration/races.test.ts
 * checks the serial behaviour there).
 */

const EDITORS = 20;
const ROUNDS = 50;
const POSTGRES = process.env.TEST_DB === 'postgres';
const PARTS = [
  { part: 'art6Curative', table: 'unpaidBills' },
  { part: 'art5Other', table: 'otherMeasures' },
] as const;
const ENERGIES = ['gas', 'electricity', 'both'];
const CATEGORIES = ['guidance', 'cooperation', 'other'];

type Row = Record<string, string>;
interface Post {
  part: string;
  table: string;
  rows: Row[];
  fields: Record<string, string>;
}
interface Input {
  fields: Record<string, unknown>;
  tables: Record<string, unknown>;
}

/** What editor `editor` posts in round `round`: one part of the form, with values no other post has. */
function postOf(round: number, editor: number): Post {
  const mix = round + editor + 3;
  const { part, table } = PARTS[mix % PARTS.length];
  const count = 1 + (mix % 3);
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const amount = `${(round + 1) * 1000 + editor * 10 + i + 1},${String(editor).padStart(2, '0')}`;
    rows.push(
      table === 'unpaidBills'
        ? { energy: ENERGIES[(round + i + 3) % 3], householdsHelped: String(editor + i + 1), amount }
        : {
            category: CATEGORIES[(editor + i) % 3],
            description: `ronde ${round} editor ${editor} rij ${i}`,
            'period.from': '01/01/2026',
            'period.to': '31/12/2026',
            amount,
          },
    );
  }
  const fields: Record<string, string> = { part, action: 'save', [`t.${table}.rows`]: String(rows.length) };
  rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) fields[`t.${table}.${i}.${key}`] = value;
  });
  return { part, table, rows, fields };
}

const results = { rounds: 0, winnerCounts: new Set<number>(), lost: 0, badConflictPages: 0, server: 0, replay: false, problems: [] as string[] };
let figure = '';

describe('lost updates: concurrent editors on one form (postgres)', {
  skip: !POSTGRES && 'PostgreSQL only: PGlite has one connection, requests never overlap (run with TEST_DB=postgres)',
}, () => {
  let t: TestApp;
  let campaign: string;
  let demostad: string;
  let editors: Client[] = [];
  /** the initial save and every round's winning post, in order */
  const winners: Post[] = [];
  const started = Date.now();

  async function stored() {
    return t.db.selectFrom('form_instances').selectAll().where('organisation_id', '=', demostad).where('campaign_id', '=', campaign).executeTakeFirstOrThrow();
  }
  async function savedEvents(): Promise<number> {
    const rows = await t.db.selectFrom('audit_events').select('id').where('organisation_id', '=', demostad).where('type', '=', 'FORM_SAVED').execute();
    return rows.length;
  }

  before(async () => {
    t = await buildTestApp({}, 'postgres', { schemaPrefix: 'uv_lostupd' });
    campaign = await campaignId(t.db, 'GAS_ELEK', 2026);
    demostad = await organisationId(t.db, 'OCMW Demostad');
    // An Peeters and EDITORS - 1 more medewerkers of Demostad, each logged in through the demo login.
    for (let i = 1; i < EDITORS; i++) {
      const id = await insertPerson(t.db, {
        insz: makeInsz(String(700101000 + i * 7)),
        firstName: 'Redacteur',
        lastName: `Nummer ${i}`,
        language: 'nl',
        demo: true,
      });
      await grantRights(t.db, demostad, id, ['UV_ENCODER'], t.clock.now());
    }
    editors = await Promise.all([
      loginAs(t.app, t.db, 'An Peeters'),
      ...Array.from({ length: EDITORS - 1 }, (_, i) => loginAs(t.app, t.db, `Redacteur Nummer ${i + 1}`)),
    ]);
    for (const e of editors)
      assert.equal((await e.get(`${e.base}/forms/${campaign}/edit?part=art6Curative`)).statusCode, 200, 'every editor may edit the form');
    // The form's first version, by An.
    const first = postOf(-1, 0);
    const edit = await editors[0].get(`${editors[0].base}/forms/${campaign}/edit?part=${first.part}`);
    assert.equal(
      (await editors[0].post(`${editors[0].base}/forms/${campaign}`, { version: hiddenValue(edit.body, 'version'), ...first.fields })).statusCode,
      303,
    );
    winners.push(first);
    assert.equal((await stored()).version, 1);
  });

  after(async () => {
    await t?.close();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const counts = [...results.winnerCounts].sort((a, b) => a - b);
    const winnersText = counts.length === 0 ? '-' : counts.length === 1 ? String(counts[0]) : `${counts[0]}..${counts[counts.length - 1]}`;
    for (const p of results.problems.slice(0, 20)) console.log(`problem: ${p}`);
    console.log(
      `lost updates: ${results.rounds} rounds in ${seconds} s, conflict pages without the editor's input ${results.badConflictPages}, 5xx ${results.server}`,
    );
    figure = `lost updates: ${EDITORS} editors × ${results.rounds} rounds, winners per round ${winnersText}, lost updates ${results.lost}, final state ${results.replay ? '=' : '≠'} serial replay`;
  });

  it(`${EDITORS} editors × ${ROUNDS} rounds: one winner per round, the others get the conflict page`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const before = await stored();
      const beforeInput = before.input as unknown as Input;
      const savedBefore = await savedEvents();
      const version = String(before.version);
      const posts = editors.map((_, i) => postOf(round, i));
      // All at the same moment: every request is started before any answer is awaited.
      const answers: LightMyRequestResponse[] = await Promise.all(
        editors.map((e, i) => e.post(`${e.base}/forms/${campaign}`, { version, ...posts[i].fields })),
      );
      results.rounds++;
      const won = answers.flatMap((r, i) => (r.statusCode === 303 ? [i] : []));
      const lostOnes = answers.flatMap((r, i) => (r.statusCode === 409 ? [i] : []));
      results.winnerCounts.add(won.length);
      results.server += answers.filter((r) => r.statusCode >= 500).length;
      if (won.length + lostOnes.length !== EDITORS) results.problems.push(`round ${round}: answers ${answers.map((r) => r.statusCode).join(',')}`);
      // Every 303 beyond the first is a save the user was told succeeded but that another one overwrote.
      if (won.length > 1) results.lost += won.length - 1;
      for (const i of lostOnes) {
        const body = answers[i].body;
        const own = posts[i].rows[0].amount;
        if (!body.includes('Het formulier is intussen gewijzigd') || !body.includes(own)) {
          results.badConflictPages++;
          results.problems.push(`round ${round}: editor ${i}'s 409 is not the conflict page with their input ${own}`);
        }
      }
      const after = await stored();
      const savedNow = await savedEvents();
      if (won.length >= 1) {
        const winner = posts[won[0]];
        winners.push(winner);
        const expected = { fields: beforeInput.fields, tables: { ...beforeInput.tables, [winner.table]: winner.rows } };
        try {
          assert.deepEqual(after.input, expected);
        } catch {
          results.lost++;
          results.problems.push(`round ${round}: stored input is not the previous state with editor ${won[0]}'s ${winner.part}`);
        }
      }
      if (after.version !== before.version + 1) results.problems.push(`round ${round}: version ${before.version} → ${after.version}`);
      if (savedNow - savedBefore !== 1) results.problems.push(`round ${round}: ${savedNow - savedBefore} FORM_SAVED audit events`);
    }
    const final = await stored();
    if (final.version !== 1 + ROUNDS) results.problems.push(`final version ${final.version}, expected ${1 + ROUNDS}`);

    // Serial replay of the winners' posts, one after the other, as one user, on a fresh database.
    const replay = await buildTestApp({}, 'postgres', { schemaPrefix: 'uv_lostupd_replay' });
    try {
      const an = await loginAs(replay.app, replay.db, 'An Peeters');
      const replayCampaign = await campaignId(replay.db, 'GAS_ELEK', 2026);
      for (const w of winners) {
        const edit = await an.get(`${an.base}/forms/${replayCampaign}/edit?part=${w.part}`);
        const res = await an.post(`${an.base}/forms/${replayCampaign}`, { version: hiddenValue(edit.body, 'version'), ...w.fields });
        assert.equal(res.statusCode, 303, 'a serial save never conflicts');
      }
      const serial = await replay.db
        .selectFrom('form_instances')
        .selectAll()
        .where('organisation_id', '=', await organisationId(replay.db, 'OCMW Demostad'))
        .where('campaign_id', '=', replayCampaign)
        .executeTakeFirstOrThrow();
      const pick = (r: typeof serial) => ({
        input: r.input,
        content_hash: r.content_hash,
        has_errors: r.has_errors,
        version: r.version,
        entry_mode: r.entry_mode,
      });
      try {
        assert.deepEqual(pick(final), pick(serial));
        results.replay = true;
      } catch (e) {
        results.problems.push(`final state differs from the serial replay: ${(e as Error).message.slice(0, 400)}`);
      }
    } finally {
      await replay.close();
    }

    assert.deepEqual([...results.winnerCounts], [1], 'exactly one winner in every round');
    assert.equal(results.lost, 0, 'no lost update');
    assert.equal(results.badConflictPages, 0, 'every loser gets the conflict page with their own input');
    assert.equal(results.server, 0, 'no 5xx');
    assert.deepEqual(results.problems, []);
    assert.ok(results.replay, 'final state equals the serial replay');
  });
});

if (!POSTGRES) figure = 'lost updates: skipped on PGlite (PostgreSQL only; run with TEST_DB=postgres)';
// The figure is the suite's last line: printed when the process ends, after the test reports.
process.once('exit', () => {
  if (figure) console.log(figure);
});
