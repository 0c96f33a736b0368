import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { type ChainVerification, eventHash, verifyAuditChain } from '../../src/audit/audit.ts';
import { TEST_DATABASE_URL, type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, type DemostadTeam, campaignId, demostadTeam, hiddenValue, loginAs } from '../support/http.ts';
import { formValues } from '../support/form-values.ts';

/**
 * Suite 7 of issue 5: audit rows changed, deleted, inserted, reordered or truncated behind the application's back
 * (as the database superuser, triggers disabled) must all be caught by the chain verifier. Each case runs on a
 * fresh copy of the chain: the audit tables are restored from a snapshot between cases.
 */

type Row = Record<string, unknown>;
type Exec = (text: string, params?: unknown[]) => Promise<Row[]>;

interface Case {
  name: string;
  tamper: (q: Exec, ctx: ChainContext) => Promise<void>;
}

interface ChainContext {
  org: string;
  /** a seq in the middle of the chain */
  middle: number;
  last: number;
  otherPerson: string;
}

describe(`audit tampering behind the application's back (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let team: DemostadTeam;
  let superuser: pg.Client | undefined;
  let events: Row[] = [];
  let heads: Row[] = [];
  let ctx: ChainContext;
  const results: Array<{ name: string; verification: ChainVerification }> = [];
  const limits: Array<{ name: string; verification: ChainVerification }> = [];

  /** Runs SQL as the database superuser with the append-only triggers disabled. */
  async function asSuperuser<T>(work: (q: Exec) => Promise<T>): Promise<T> {
    if (superuser) {
      const client = superuser;
      return work(async (text, params) => (await client.query(text, params)).rows as Row[]);
    }
    // PGlite: the application itself is the superuser; keep the setting to one transaction.
    return t.db.transaction().execute(async (tx) => {
      await tx.executeQuery(CompiledQuery.raw('SET LOCAL session_replication_role = replica'));
      return work(async (text, params) => (await tx.executeQuery(CompiledQuery.raw(text, params ?? []))).rows as Row[]);
    });
  }

  async function restore(): Promise<void> {
    await asSuperuser(async (q) => {
      await q('DELETE FROM audit_events');
      await q('DELETE FROM audit_heads');
      await q('INSERT INTO audit_heads SELECT * FROM json_populate_recordset(null::audit_heads, $1::json)', [JSON.stringify(heads)]);
      await q('INSERT INTO audit_events SELECT * FROM json_populate_recordset(null::audit_events, $1::json)', [JSON.stringify(events)]);
    });
  }

  const dump = () =>
    asSuperuser(async (q) =>
      JSON.stringify([await q('SELECT * FROM audit_events ORDER BY id'), await q('SELECT * FROM audit_heads ORDER BY organisation_id')]),
    );

  /** A row that looks like the application wrote it: hash chained on the previous row. */
  function forged(prev: Row, seq: number, over: Partial<{ type: string; payload: Record<string, unknown> }> = {}): Row {
    const occurredAt = new Date(new Date(prev.occurred_at as string).getTime() + 1000);
    const row = {
      organisation_id: ctx.org,
      seq,
      occurred_at: occurredAt.toISOString(),
      actor_person_id: ctx.otherPerson,
      type: over.type ?? 'FORM_SIGNED',
      subject_id: prev.subject_id,
      payload: over.payload ?? { role: 'CHAIR' },
      prev_hash: prev.hash as string,
    };
    const hash = eventHash({
      organisationId: row.organisation_id,
      seq,
      occurredAt,
      actorPersonId: row.actor_person_id,
      type: row.type,
      subjectId: row.subject_id as string | null,
      payload: row.payload,
      prevHash: row.prev_hash,
    });
    return { ...row, hash };
  }
  const insert = (q: Exec, row: Row) =>
    q(
      'INSERT INTO audit_events (organisation_id, seq, occurred_at, actor_person_id, type, subject_id, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)',
      [row.organisation_id, row.seq, row.occurred_at, row.actor_person_id, row.type, row.subject_id, JSON.stringify(row.payload), row.prev_hash, row.hash],
    );
  const orgEvents = () => events.filter((e) => e.organisation_id === ctx.org).sort((a, b) => Number(a.seq) - Number(b.seq));

  /** Every case the verifier must catch. */
  const CASES: Case[] = [
    {
      name: 'payload changed (middle row)',
      tamper: (q, c) =>
        q(`UPDATE audit_events SET payload = payload || '{"tampered": true}'::jsonb WHERE organisation_id = $1 AND seq = $2`, [c.org, c.middle]).then(() => {}),
    },
    {
      name: 'payload changed (first row)',
      tamper: (q, c) => q(`UPDATE audit_events SET payload = '{}'::jsonb WHERE organisation_id = $1 AND seq = 1`, [c.org]).then(() => {}),
    },
    {
      name: 'payload changed (last row)',
      tamper: (q, c) =>
        q(`UPDATE audit_events SET payload = payload || '{"reason": "forged"}'::jsonb WHERE organisation_id = $1 AND seq = $2`, [c.org, c.last]).then(() => {}),
    },
    {
      name: 'type changed',
      tamper: (q, c) =>
        q(`UPDATE audit_events SET type = CASE WHEN type = 'FORM_SAVED' THEN 'FORM_SUBMITTED' ELSE 'FORM_SAVED' END WHERE organisation_id = $1 AND seq = $2`, [
          c.org,
          c.middle,
        ]).then(() => {}),
    },
    {
      name: 'timestamp changed (+1 s)',
      tamper: (q, c) =>
        q(`UPDATE audit_events SET occurred_at = occurred_at + interval '1 second' WHERE organisation_id = $1 AND seq = $2`, [c.org, c.middle]).then(() => {}),
    },
    {
      name: 'timestamp changed (-1 day)',
      tamper: (q, c) =>
        q(`UPDATE audit_events SET occurred_at = occurred_at - interval '1 day' WHERE organisation_id = $1 AND seq = $2`, [c.org, c.last]).then(() => {}),
    },
    {
      name: 'actor changed',
      tamper: (q, c) =>
        q('UPDATE audit_events SET actor_person_id = $3 WHERE organisation_id = $1 AND seq = $2', [c.org, c.middle, c.otherPerson]).then(() => {}),
    },
    {
      name: 'subject changed',
      tamper: (q, c) => q('UPDATE audit_events SET subject_id = gen_random_uuid() WHERE organisation_id = $1 AND seq = $2', [c.org, c.middle]).then(() => {}),
    },
    {
      name: 'hash recomputed after a payload change',
      tamper: async (q, c) => {
        const [row] = await q('SELECT * FROM audit_events WHERE organisation_id = $1 AND seq = $2', [c.org, c.middle]);
        const payload = { ...(row.payload as Record<string, unknown>), tampered: true };
        const hash = eventHash({
          organisationId: c.org,
          seq: c.middle,
          occurredAt: new Date(row.occurred_at as string),
          actorPersonId: row.actor_person_id as string | null,
          type: row.type as string,
          subjectId: row.subject_id as string | null,
          payload,
          prevHash: row.prev_hash as string,
        });
        await q('UPDATE audit_events SET payload = $3::jsonb, hash = $4 WHERE organisation_id = $1 AND seq = $2', [
          c.org,
          c.middle,
          JSON.stringify(payload),
          hash,
        ]);
      },
    },
    {
      name: 'prev_hash rewritten',
      tamper: (q, c) => q(`UPDATE audit_events SET prev_hash = repeat('0', 64) WHERE organisation_id = $1 AND seq = $2`, [c.org, c.middle]).then(() => {}),
    },
    {
      name: 'row moved to another OCMW',
      tamper: (q, c) =>
        q(
          'UPDATE audit_events SET organisation_id = (SELECT id FROM organisations WHERE id <> $1 LIMIT 1), seq = seq + 100000 WHERE organisation_id = $1 AND seq = $2',
          [c.org, c.middle],
        ).then(() => {}),
    },
    { name: 'middle row deleted', tamper: (q, c) => q('DELETE FROM audit_events WHERE organisation_id = $1 AND seq = $2', [c.org, c.middle]).then(() => {}) },
    { name: 'first row deleted', tamper: (q, c) => q('DELETE FROM audit_events WHERE organisation_id = $1 AND seq = 1', [c.org]).then(() => {}) },
    {
      name: 'last row deleted (tail truncation)',
      tamper: (q, c) => q('DELETE FROM audit_events WHERE organisation_id = $1 AND seq = $2', [c.org, c.last]).then(() => {}),
    },
    {
      name: 'last three rows deleted',
      tamper: (q, c) => q('DELETE FROM audit_events WHERE organisation_id = $1 AND seq > $2', [c.org, c.last - 3]).then(() => {}),
    },
    {
      name: 'middle row deleted, later rows renumbered',
      tamper: (q, c) =>
        q('DELETE FROM audit_events WHERE organisation_id = $1 AND seq = $2', [c.org, c.middle])
          .then(() => q('UPDATE audit_events SET seq = seq - 1 WHERE organisation_id = $1 AND seq > $2', [c.org, c.middle]))
          .then(() => {}),
    },
    {
      name: 'forged row inserted in the middle (later rows renumbered)',
      tamper: async (q, c) => {
        await q('UPDATE audit_events SET seq = -seq WHERE organisation_id = $1 AND seq > $2', [c.org, c.middle]);
        await q('UPDATE audit_events SET seq = -seq + 1 WHERE organisation_id = $1 AND seq < 0', [c.org]);
        const prev = orgEvents().find((e) => Number(e.seq) === c.middle) as Row;
        await insert(q, forged(prev, c.middle + 1));
      },
    },
    {
      name: 'forged row appended after the head (hash-chained, head untouched)',
      tamper: async (q, c) => {
        const prev = orgEvents().find((e) => Number(e.seq) === c.last) as Row;
        await insert(q, forged(prev, c.last + 1, { type: 'FORM_SUBMITTED', payload: {} }));
      },
    },
    {
      name: 'forged row appended, head seq advanced (hash not)',
      tamper: async (q, c) => {
        const prev = orgEvents().find((e) => Number(e.seq) === c.last) as Row;
        await insert(q, forged(prev, c.last + 1));
        await q('UPDATE audit_heads SET seq = seq + 1 WHERE organisation_id = $1', [c.org]);
      },
    },
    {
      name: 'last row replaced by a forged one',
      tamper: async (q, c) => {
        await q('DELETE FROM audit_events WHERE organisation_id = $1 AND seq = $2', [c.org, c.last]);
        const prev = orgEvents().find((e) => Number(e.seq) === c.last - 1) as Row;
        await insert(q, forged(prev, c.last));
      },
    },
    {
      name: 'seq of two rows swapped',
      tamper: async (q, c) => {
        await q('UPDATE audit_events SET seq = -1 WHERE organisation_id = $1 AND seq = $2', [c.org, c.middle]);
        await q('UPDATE audit_events SET seq = $2 WHERE organisation_id = $1 AND seq = $3', [c.org, c.middle, c.middle + 1]);
        await q('UPDATE audit_events SET seq = $2 WHERE organisation_id = $1 AND seq = -1', [c.org, c.middle + 1]);
      },
    },
    {
      name: 'first and last rows swapped',
      tamper: async (q, c) => {
        await q('UPDATE audit_events SET seq = -1 WHERE organisation_id = $1 AND seq = 1', [c.org]);
        await q('UPDATE audit_events SET seq = 1 WHERE organisation_id = $1 AND seq = $2', [c.org, c.last]);
        await q('UPDATE audit_events SET seq = $2 WHERE organisation_id = $1 AND seq = -1', [c.org, c.last]);
      },
    },
    { name: 'TRUNCATE audit_events', tamper: (q) => q('TRUNCATE audit_events').then(() => {}) },
    { name: "all of the OCMW's rows deleted", tamper: (q, c) => q('DELETE FROM audit_events WHERE organisation_id = $1', [c.org]).then(() => {}) },
  ];

  /**
   * Tampering that also rewrites audit_heads consistently: no verifier can catch it without an anchor outside the
   * database (the head table is writable by design). Run and reported, not counted.
   */
  const LIMITS: Case[] = [
    {
      name: 'last row deleted and head rewound to the row before',
      tamper: async (q, c) => {
        const prev = orgEvents().find((e) => Number(e.seq) === c.last - 1) as Row;
        await q('DELETE FROM audit_events WHERE organisation_id = $1 AND seq = $2', [c.org, c.last]);
        await q('UPDATE audit_heads SET seq = $2, hash = $3 WHERE organisation_id = $1', [c.org, c.last - 1, prev.hash]);
      },
    },
    { name: 'TRUNCATE audit_events, audit_heads', tamper: (q) => q('TRUNCATE audit_events, audit_heads').then(() => {}) },
  ];

  before(async () => {
    t = await buildTestApp({}, undefined, { schemaPrefix: 'uv_audit' });
    if (t.kind === 'postgres') {
      superuser = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await superuser.connect();
      await superuser.query(`SET search_path TO ${t.schema}`);
      await superuser.query('SET session_replication_role = replica');
    }
    team = await demostadTeam(t.app, t.db);
    const { an, jan, els, campaign, demostad } = team;
    const save = async (client: Client, amount: string) => {
      const edit = await client.get(`${client.base}/forms/${campaign}/edit`);
      const res = await client.post(`${client.base}/forms/${campaign}`, {
        version: hiddenValue(edit.body, 'version'),
        'f.justifiedTotal': amount,
        action: 'save',
      });
      assert.equal(res.statusCode, 303);
    };
    const sign = async (client: Client) => {
      const view = await client.get(`${client.base}/forms/${campaign}/sign`);
      const res = await client.post(`${client.base}/forms/${campaign}/sign`, { contentHash: hiddenValue(view.body, 'contentHash') });
      assert.match(String(res.headers.location), /m=(signed|submitted)$/);
    };
    // The OCMW data changed by the medewerker.
    const ocmw = formValues((await an.get(`${an.base}/details`)).body, `${an.base}/details`);
    assert.equal((await an.post(`${an.base}/details`, { ...ocmw, contactPhone: '050 11 22 33' })).headers.location, `${an.base}?m=ocmw_saved`);
    // Saved twice, signed by both, submitted.
    await save(an, '1.000,00');
    await save(an, '1.234,50');
    await sign(jan);
    await sign(els);
    const instance = await t.db
      .selectFrom('form_instances')
      .selectAll()
      .where('organisation_id', '=', demostad)
      .where('campaign_id', '=', campaign)
      .executeTakeFirstOrThrow();
    assert.ok(instance.submitted_at, 'submitted');
    // POD MI sends it back for correction; the OCMW corrects; a late submission is allowed for another measure.
    const nathalie = await loginAs(t.app, t.db, 'Nathalie Vermeulen');
    const bo = await nathalie.get(`/backoffice/forms/${instance.id}`);
    const correction = await nathalie.post(`/backoffice/forms/${instance.id}/correction`, {
      reason: 'Het bedrag klopt niet met de betalingen.',
      version: hiddenValue(bo.body, 'version'),
    });
    assert.equal(correction.headers.location, `/backoffice/forms/${instance.id}?m=correction_requested`);
    await save(an, '1.200,00');
    const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    const gas = await campaignId(t.db, 'GAS_ELEK', 2026);
    const late = await marc.post(`/backoffice/campaigns/${gas}/late`, {
      organisationId: demostad,
      untilDate: '15/03/2027',
      reason: 'Ziekte van de financieel directeur',
    });
    assert.equal(late.headers.location, `/backoffice/campaigns/${gas}?m=late_allowed`);

    const verification = await verifyAuditChain(t.db, demostad);
    assert.equal(verification.ok, true, 'the untouched chain is intact');
    [events, heads] = await asSuperuser(async (q) => [await q('SELECT * FROM audit_events ORDER BY id'), await q('SELECT * FROM audit_heads')]);
    const last = verification.events;
    const other = await t.db.selectFrom('persons').select('id').where('first_name', '=', 'Tom').executeTakeFirstOrThrow();
    ctx = { org: demostad, middle: Math.floor(last / 2), last, otherPerson: other.id };
    const types = new Set(orgEvents().map((e) => e.type));
    for (const type of [
      'OCMW_DATA_CHANGED',
      'FORM_SAVED',
      'FORM_SIGNED',
      'FORM_SUBMITTED',
      'CORRECTION_REQUESTED',
      'SIGNATURE_DROPPED',
      'LATE_SUBMISSION_ALLOWED',
    ]) {
      assert.ok(types.has(type), `the chain holds a ${type} event`);
    }
    console.log(`audit chain of OCMW Demostad: ${last} events (${[...types].join(', ')})`);
  });

  after(async () => {
    await superuser?.end();
    await t?.close();
    const detected = results.filter((r) => !r.verification.ok).length;
    for (const l of limits) console.log(`limit (not counted): ${l.name} → ${l.verification.ok ? 'not detected' : 'detected'}`);
    if (results.length > 0) console.log(`audit tampering: ${results.length} cases, detected ${detected} (${Math.round((100 * detected) / results.length)} %)`);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows for a normal session', async () => {
    const { sql } = await import('kysely');
    await assert.rejects(sql`UPDATE audit_events SET payload = '{}'::jsonb WHERE organisation_id = ${ctx.org} AND seq = 1`.execute(t.db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_events WHERE organisation_id = ${ctx.org} AND seq = ${ctx.last}`.execute(t.db), /append-only/);
    await assert.rejects(sql`TRUNCATE audit_events`.execute(t.db), /append-only/);
    assert.equal(
      await dump(),
      await asSuperuser(async (q) =>
        JSON.stringify([await q('SELECT * FROM audit_events ORDER BY id'), await q('SELECT * FROM audit_heads ORDER BY organisation_id')]),
      ),
    );
    assert.equal((await verifyAuditChain(t.db, ctx.org)).ok, true);
  });

  it('detects every case of tampering, each on a fresh copy of the chain', async () => {
    const pristine = await dump();
    const missed: string[] = [];
    for (const c of CASES) {
      await asSuperuser((q) => c.tamper(q, ctx));
      assert.notEqual(await dump(), pristine, `${c.name}: the tampering took effect`);
      const verification = await verifyAuditChain(t.db, ctx.org);
      results.push({ name: c.name, verification });
      console.log(
        `${verification.ok ? 'MISSED  ' : 'detected'} ${c.name}${verification.problem ? ` (seq ${verification.problem.seq}: ${verification.problem.reason})` : ''}`,
      );
      if (verification.ok) missed.push(c.name);
      await restore();
      assert.equal(await dump(), pristine, `${c.name}: restored`);
      assert.equal((await verifyAuditChain(t.db, ctx.org)).ok, true, `${c.name}: intact again after the restore`);
    }
    for (const c of LIMITS) {
      await asSuperuser((q) => c.tamper(q, ctx));
      limits.push({ name: c.name, verification: await verifyAuditChain(t.db, ctx.org) });
      await restore();
    }
    assert.deepEqual(missed, [], 'every case detected');
  });

  it('still appends to the restored chain through the application', async () => {
    const edit = await team.an.get(`${team.an.base}/forms/${team.campaign}/edit`);
    const res = await team.an.post(`${team.an.base}/forms/${team.campaign}`, {
      version: hiddenValue(edit.body, 'version'),
      'f.justifiedTotal': '1.100,00',
      action: 'save',
    });
    assert.equal(res.statusCode, 303);
    const verification = await verifyAuditChain(t.db, ctx.org);
    assert.deepEqual(verification, { ok: true, events: ctx.last + 1 });
  });
});
