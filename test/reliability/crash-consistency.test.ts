import { CRASH_SERVER_ENV, type CrashTarget, loginOver, pgliteTarget, postgresTarget } from '../support/crash-client.ts';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { prepareDatabase } from '../../src/seed/prepare.ts';
import { postgresAvailable } from '../support/app.ts';
import { hiddenValue } from '../support/http.ts';
import { fillGasForm, sign } from '../support/settlement-flow.ts';
import { type Consistency, checkConsistency } from './crash-invariants.ts';
import { ServerProcess } from './crash-server.ts';

/**
 * Suite 6 of issue 5: crash consistency. The real server (src/main.ts) runs as a child process with named failure
 * points (src/platform/failpoints.ts); at each one it freezes and the test kills it with SIGKILL, ROUNDS times per
 * failure point, on PostgreSQL and on an embedded PGlite directory:
 *
 * - submission:before-commit  the directeur's signature (the second: it submits) has written the signature, the
 *                             snapshot, the audit events and the receipt e-mail job, not committed
 * - submission:after-commit   the submission committed, its receipt e-mail waits in the outbox
 * - pdf:writing               a settlement is writing one of its letters (the n-th, n varying) inside its transaction
 * - outbox:before-commit      the local outbox wrote a batch of messages and marked the jobs done, not committed
 *
 * The form of OCMW Demostad (gas and electricity fund 2026) goes round: POD MI sends it back for correction, the
 * voorzitter signs, the directeur signs — and the server dies. After every kill the database is opened again (for
 * PGlite this is its crash recovery) and checked (crash-invariants.ts): no partial submission, every submission with
 * exactly one receipt job, every job delivered at most once and exactly once when done, no settlement half written,
 * every OCMW's audit chain intact. Then the server starts again on it and the next round runs. At the end a server
 * without failure points finishes everything (submission, settlement, outbox): every job delivered exactly once.
 */

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const OUTBOX_ROUNDS = Number(process.env.CRASH_OUTBOX_ROUNDS ?? ROUNDS);
const REASON = 'De bedragen van de onbetaalde facturen kloppen niet met de bijlagen.';

const figures: string[] = [];

/** The people and forms of the scenario, read from the seeded database. */
interface Cast {
  an: string;
  jan: string;
  els: string;
  nathalie: string;
  marc: string;
  campaign: string;
  letters: number;
}

async function seed(target: CrashTarget): Promise<Cast> {
  const database = await target.open();
  try {
    // the demo without its filed reports (Demostad's Covid-era subsidies), as buildTestApp: the scenario's form is the only one
    await prepareDatabase(database.db, { seedDemoData: true, seedDemoReports: false, now: new Date() });
    const person = async (first: string) => (await database.db.selectFrom('persons').select('id').where('first_name', '=', first).executeTakeFirstOrThrow()).id;
    // the server runs on the real clock: the gas and electricity fund campaign open today (the demo data open one)
    const campaign = await database.db
      .selectFrom('campaigns')
      .select('id')
      .where('measure', '=', 'GAS_ELEK')
      .where('status', '=', 'OPEN')
      .where('opens_at', '<=', new Date())
      .where('closes_at', '>', new Date())
      .orderBy('report_year', 'desc')
      .executeTakeFirstOrThrow();
    const refs = await database.db
      .selectFrom('reference_values')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('campaign_id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    return {
      an: await person('An'),
      jan: await person('Jan'),
      els: await person('Els'),
      nathalie: await person('Nathalie'),
      marc: await person('Marc'),
      campaign: campaign.id,
      letters: Number(refs.n),
    };
  } finally {
    await database.close();
  }
}

function crashScenario(makeCrashTarget: () => Promise<CrashTarget> | CrashTarget) {
  let target: CrashTarget;
  let cast: Cast;
  let server: ServerProcess | undefined;
  let formId = '';
  const kills = new Map<string, number>();
  let checks = 0;
  let starts = 0;
  let t0 = 0;

  const start = async (failpoints: string) => {
    await server?.kill9(); // never two servers on one database directory (the previous one is dead by now)
    server = await ServerProcess.start({
      ...target.env,
      ...CRASH_SERVER_ENV,
      FAILPOINTS: failpoints,
    });
    starts++;
    return server;
  };

  /** Opens the database the dead server left (PGlite: its recovery) and checks every rule. */
  const check = async (label: string): Promise<Consistency> => {
    const database = await target.open();
    try {
      const c = await checkConsistency(database.db);
      checks++;
      assert.deepEqual(c.problems, [], `after ${label}:\n${c.problems.join('\n')}`);
      return c;
    } finally {
      await database.close();
    }
  };

  /** Kills the server at the failure point it reports (it must be the one armed). */
  const killAt = async (armed: string, request: Promise<unknown> | null) => {
    // the request in flight never gets an answer: it dies with the server
    const outcome = request?.then(
      () => 'answered',
      () => 'died',
    );
    const fired = await (server as ServerProcess).killAtFailpoint();
    assert.equal(fired, armed.split('@')[0]);
    if (outcome) assert.equal(await outcome, 'died');
    kills.set(fired, (kills.get(fired) ?? 0) + 1);
  };

  after(async () => {
    await server?.kill9();
    await target?.dispose();
    const perPoint = [...kills].map(([k, v]) => `${k} ${v}`).join(', ');
    figures.push(
      `crash consistency (${target?.kind}): ${[...kills.values()].reduce((a, b) => a + b, 0)} kill -9 (${perPoint}), ${starts} starts, ${checks} checks in ${Math.round((performance.now() - t0) / 1000)} s; violations 0`,
    );
  });

  it('fills in the form of Demostad through a server without failure points', async () => {
    t0 = performance.now();
    target = await makeCrashTarget();
    cast = await seed(target);
    await start('');
    await fillGasForm(await loginOver(server as ServerProcess, cast.an), cast.campaign, { bills: [['gas', '10', '8.000,00']] });
    assert.equal(await (server as ServerProcess).stop(), 0, 'graceful stop');
    const c = await check('the set-up');
    formId = [...c.forms.values()].find((f) => !f.submitted)?.id ?? '';
    assert.equal(c.forms.size, 1);
  });

  /** One round: (correction,) voorzitter, directeur — killed at `failpoint`. */
  async function submissionRound(failpoint: 'submission:before-commit' | 'submission:after-commit', before: Consistency) {
    const form = before.forms.get(formId) as NonNullable<ReturnType<Consistency['forms']['get']>>;
    await start(failpoint);
    const s = server as ServerProcess;
    if (form.submitted) {
      const nathalie = await loginOver(s, cast.nathalie);
      const page = await nathalie.get(`/backoffice/forms/${formId}`);
      const res = await nathalie.post(`/backoffice/forms/${formId}/correction`, { reason: REASON, version: hiddenValue(page.body, 'version') });
      assert.equal(res.statusCode, 303, 'correction requested');
    }
    if (!form.submitted && form.roles.includes('CHAIR')) {
      // the voorzitter's signature of the round before survived the crash
    } else {
      const res = await sign(await loginOver(s, cast.jan), cast.campaign);
      assert.match(String(res.headers.location), /m=signed/, 'the voorzitter signs');
    }
    const els = await loginOver(s, cast.els);
    await killAt(failpoint, sign(els, cast.campaign));
    const after = await check(failpoint);
    const state = after.forms.get(formId);
    if (failpoint === 'submission:before-commit') {
      assert.deepEqual(state, { ...form, submitted: false, roles: ['CHAIR'], version: state?.version }, 'nothing of the submission remains');
    } else {
      assert.equal(state?.submitted, true, 'the submission committed');
    }
    return after;
  }

  it(`kills the server ${ROUNDS} times before and ${ROUNDS} times after the submission commits, ${OUTBOX_ROUNDS} times in the outbox`, async () => {
    let state = await check('the start');
    for (let round = 0; round < ROUNDS; round++) {
      state = await submissionRound('submission:before-commit', state);
      state = await submissionRound('submission:after-commit', state);
      if (round < OUTBOX_ROUNDS) {
        // the receipt just committed waits; the worker of the restarted server takes it and dies before committing
        assert.ok(state.jobs.pending > 0, 'a job waits');
        await start('outbox:before-commit');
        await killAt('outbox:before-commit', null);
        const after = await check('outbox:before-commit');
        assert.ok(after.jobs.pending >= state.jobs.pending && after.jobs.done === state.jobs.done, 'the batch was not delivered');
        state = after;
      }
    }
  });

  it(`kills the server ${ROUNDS} times while a settlement writes its letters`, async () => {
    assert.ok(cast.letters >= 2, 'at least two letters');
    for (let round = 0; round < ROUNDS; round++) {
      const failpoint = `pdf:writing@${1 + (round % cast.letters)}`;
      await start(failpoint);
      const s = server as ServerProcess;
      if (round === 0) {
        const marc = await loginOver(s, cast.marc);
        const confirm = await marc.get(`/backoffice/campaigns/${cast.campaign}/status?action=close`);
        const res = await marc.post(`/backoffice/campaigns/${cast.campaign}/status`, { action: 'close', version: hiddenValue(confirm.body, 'version') });
        assert.match(String(res.headers.location), /m=closed/, 'the campaign is closed');
      }
      const nathalie = await loginOver(s, cast.nathalie);
      const page = await nathalie.get(`/backoffice/settlements?campaignId=${cast.campaign}`);
      await killAt(failpoint, nathalie.post(`/backoffice/settlements/${cast.campaign}/settle`, { version: hiddenValue(page.body, 'version'), confirm: 'yes' }));
      const after = await check(failpoint);
      assert.deepEqual(after.campaigns.get(cast.campaign), { status: 'CLOSED', settlements: 0, letters: 0 });
    }
  });

  it('finishes everything on a server without failure points: one settlement, every e-mail delivered once', async () => {
    await start('');
    const s = server as ServerProcess;
    const nathalie = await loginOver(s, cast.nathalie);
    const page = await nathalie.get(`/backoffice/settlements?campaignId=${cast.campaign}`);
    const res = await nathalie.post(`/backoffice/settlements/${cast.campaign}/settle`, { version: hiddenValue(page.body, 'version'), confirm: 'yes' });
    assert.equal(res.statusCode, 303, 'settled');
    // the worker passes every 50 ms; give it a moment, then stop gracefully (the pass in progress finishes)
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(await s.stop(), 0, 'graceful stop');
    const end = await check('the end');
    assert.deepEqual(end.campaigns.get(cast.campaign), { status: 'SETTLED', settlements: cast.letters, letters: cast.letters });
    assert.equal(end.jobs.pending + end.jobs.other, 0, 'every job delivered');
    assert.equal(end.jobs.messages, end.jobs.done, 'each exactly once');
    const form = end.forms.get(formId);
    assert.equal(form?.submitted, true);
  });
}

/** CRASH_DB=postgres or pglite runs one of the two (default both). */
const only = process.env.CRASH_DB;
describe(
  'crash consistency on PostgreSQL',
  { skip: (only === 'pglite' && 'CRASH_DB=pglite') || (!(await postgresAvailable()) && 'PostgreSQL not reachable') },
  () => crashScenario(postgresTarget),
);
describe('crash consistency on an embedded PGlite directory', { skip: only === 'postgres' && 'CRASH_DB=postgres' }, () => crashScenario(pgliteTarget));

process.once('exit', () => {
  for (const figure of figures) console.log(figure);
});
