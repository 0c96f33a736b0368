import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import type { MailTransport } from '../../src/jobs/mail-transport.ts';
import { runOutboxOnce } from '../../src/jobs/outbox.worker.ts';
import { queueDueReminders } from '../../src/modules/reminders/reminders.service.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, hiddenValue, loginAs, organisationId } from '../support/http.ts';

const DAY = 24 * 3_600_000;
const local: MailTransport = { kind: 'local', from: 'Uniek Verslag <no-reply@uniek-verslag.invalid>' };

/**
 * Seven days before the deadline of the open 2026 campaigns, each OCMW's contact gets one reminder per form
 * not yet submitted, in the OCMW's language, saying what is missing; never twice.
 */
describe(`reminders before the deadline (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let campaigns: Map<string, string>;
  let closesAt: Date;
  let demostad: string;
  let villedemo: string;

  before(async () => {
    t = await buildTestApp();
    const rows = await t.db.selectFrom('campaigns').select(['id', 'measure', 'closes_at']).where('report_year', '=', 2026).execute();
    campaigns = new Map(rows.map((r) => [r.measure, r.id]));
    closesAt = new Date(rows[0].closes_at);
    assert.ok(
      rows.every((r) => new Date(r.closes_at).getTime() === closesAt.getTime()),
      'one deadline for the 2026 campaigns',
    );
    demostad = await organisationId(t.db, 'OCMW Demostad');
    villedemo = await organisationId(t.db, 'OCMW Villedemo');
  });
  after(async () => t.close());

  async function save(client: Client, measure: string) {
    const id = campaigns.get(measure) as string;
    const edit = await client.get(`${client.base}/forms/${id}/edit`);
    const res = await client.post(`${client.base}/forms/${id}`, {
      version: hiddenValue(edit.body, 'version'),
      part: /name="part" value="([^"]*)"/.exec(edit.body)?.[1] ?? '',
      action: 'save',
    });
    assert.equal(res.statusCode, 303, measure);
  }

  async function sign(client: Client, measure: string) {
    const id = campaigns.get(measure) as string;
    const view = await client.get(`${client.base}/forms/${id}/sign`);
    const res = await client.post(`${client.base}/forms/${id}/sign`, { contentHash: hiddenValue(view.body, 'contentHash') });
    assert.equal(res.statusCode, 303, measure);
  }

  /** the reminders a contact received (not the receipts of the forms submitted in the set-up) */
  const mails = (to: string) =>
    t.db
      .selectFrom('mail_messages')
      .innerJoin('outbox_jobs', 'outbox_jobs.id', 'mail_messages.job_id')
      .selectAll('mail_messages')
      .where('to_address', '=', to)
      .where('outbox_jobs.dedupe_key', 'like', 'reminder:%')
      .orderBy('subject')
      .execute();

  it('prepares Demostad: saved with errors, signed by one of the two, a stale signature, one submitted', async () => {
    const [an, jan, els] = await Promise.all(['An Peeters', 'Jan Janssens', 'Els Maes'].map((name) => loginAs(t.app, t.db, name)));
    for (const measure of ['PERSONEELSKOSTEN', 'GAS_ELEK', 'GPMI', 'GPMI_TB', 'PSA']) await save(an, measure);
    await sign(jan, 'GAS_ELEK');
    await sign(els, 'GPMI');
    await sign(jan, 'GPMI_TB');
    await sign(els, 'GPMI_TB');
    await sign(jan, 'PSA');
    // A signature given on other content than the form's current content counts for nothing.
    await t.db
      .updateTable('signatures')
      .set({ content_hash: 'f'.repeat(64) })
      .where(
        'form_instance_id',
        '=',
        (
          await t.db
            .selectFrom('form_instances')
            .select('id')
            .where('campaign_id', '=', campaigns.get('PSA') as string)
            .where('organisation_id', '=', demostad)
            .executeTakeFirstOrThrow()
        ).id,
      )
      .execute();
    const submitted = await t.db
      .selectFrom('form_instances')
      .select(['campaign_id', 'submitted_at'])
      .where('organisation_id', '=', demostad)
      .where('submitted_at', 'is not', null)
      .execute();
    assert.deepEqual(
      submitted.map((s) => s.campaign_id),
      [campaigns.get('GPMI_TB')],
    );
  });

  it('queues nothing before the reminder day', async () => {
    t.clock.advance(closesAt.getTime() - 7 * DAY - t.clock.now().getTime() - 60_000);
    assert.deepEqual(await queueDueReminders(t.db, t.clock.now(), { publicUrl: undefined }), { queued: 0, failedOcmws: 0 });
  });

  it('seven days before the deadline, mails each contact one reminder per form not submitted, saying what is missing', async () => {
    t.clock.advance(60_000);
    assert.equal(t.clock.now().getTime(), closesAt.getTime() - 7 * DAY);
    assert.deepEqual(await queueDueReminders(t.db, t.clock.now(), { publicUrl: undefined }), { queued: 9, failedOcmws: 0 });
    await runOutboxOnce({ db: t.db, transport: local, now: t.clock.now() });

    const nl = await mails('an.peeters@ocmw-demostad.be');
    assert.equal(nl.length, 4, 'four forms of Demostad are not submitted');
    const about = (title: string) => {
      const found = nl.filter((m) => m.subject.includes(title));
      assert.equal(found.length, 1, title);
      return found[0];
    };
    for (const m of nl) {
      assert.match(m.subject, /^Herinnering Uniek Verslag: .* 2026, uiterste datum 26\/02\/2027$/);
      assert.match(m.body, /^Beste An Peeters,/);
      assert.match(m.body, /verslagjaar 2026 van OCMW Demostad is nog niet verzonden/);
      // no public URL configured in the tests: the way to the form in words, no link to localhost (ADR 0043)
      assert.match(
        m.body,
        /\n\nMeld u aan op het Uniek Verslag, kies zo nodig OCMW Demostad en open op de startpagina het formulier ".+" onder verslagjaar 2026\.\n/,
      );
      assert.doesNotMatch(m.body, /https?:|\/ocmw\//);
    }
    assert.match(about('Gas- en elektriciteitsfonds').body, /Wat ontbreekt: ondertekend door de voorzitter, wacht op de algemeen directeur\./);
    assert.match(about('Geïndividualiseerd project').body, /Wat ontbreekt: ondertekend door de algemeen directeur, wacht op de voorzitter\./);
    assert.match(about('Personeelskosten').body, /Wat ontbreekt: het formulier is opgeslagen met fouten/);
    assert.match(about('Participatie en sociale activering').body, /Wat ontbreekt: het formulier is klaar, maar nog niet ondertekend/);
    assert.equal(nl.filter((m) => m.subject.includes('GPMI tijdelijke bescherming')).length, 0, 'the submitted form gets none');

    const fr = await mails('claire.martin@cpas-villedemo.be');
    assert.equal(fr.length, 5);
    for (const m of fr) {
      assert.match(m.subject, /^Rappel Rapport unique : .* 2026, date limite 26\/02\/2027$/);
      assert.match(m.body, /^Bonjour Claire Martin,/);
      assert.match(m.body, /Ce qui manque : le formulaire n'a pas encore été commencé\./);
      assert.match(m.body, /Connectez-vous au Rapport unique, choisissez au besoin « CPAS de Villedemo » .* sous l'année du rapport 2026\./);
    }
  });

  it('audits each queued reminder in the OCMW chain', async () => {
    for (const [ocmw, n] of [
      [demostad, 4],
      [villedemo, 5],
    ] as const) {
      const events = await t.db.selectFrom('audit_events').selectAll().where('organisation_id', '=', ocmw).where('type', '=', 'REMINDER_QUEUED').execute();
      assert.equal(events.length, n);
      assert.ok(events.every((e) => e.actor_person_id === null));
      assert.equal((await verifyAuditChain(t.db, ocmw)).ok, true);
    }
    const gas = await t.db
      .selectFrom('audit_events')
      .innerJoin('form_instances', 'form_instances.id', 'audit_events.subject_id')
      .select('audit_events.payload')
      .where('audit_events.type', '=', 'REMINDER_QUEUED')
      .where('form_instances.campaign_id', '=', campaigns.get('GAS_ELEK') as string)
      .executeTakeFirstOrThrow();
    assert.equal((gas.payload as Record<string, unknown>).state, 'chair_only');
    const an = await loginAs(t.app, t.db, 'An Peeters');
    const history = await an.get(`${an.base}/forms/${campaigns.get('GAS_ELEK')}/history`);
    assert.match(history.body, /Herinnering per e-mail naar de contactpersoon/);
  });

  it('queues nothing more when run again, by the scheduler or the beheerder, concurrently or a day later', async () => {
    const again = await Promise.all([
      queueDueReminders(t.db, t.clock.now(), { publicUrl: undefined }),
      queueDueReminders(t.db, t.clock.now(), { publicUrl: undefined }),
    ]);
    assert.deepEqual(again, [
      { queued: 0, failedOcmws: 0 },
      { queued: 0, failedOcmws: 0 },
    ]);
    t.clock.advance(DAY);
    const marc = await loginAs(t.app, t.db, 'Marc Lefèvre');
    const res = await marc.post('/backoffice/outbox/send-now', {});
    assert.match(String(res.headers.location), /queued=0&delivered=0/);
    assert.equal((await mails('an.peeters@ocmw-demostad.be')).length, 4);
    assert.equal((await t.db.selectFrom('outbox_jobs').select('id').where('dedupe_key', 'like', 'reminder:%').execute()).length, 9);
  });

  it('reads the whole country in two queries when nothing is left to queue', async () => {
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    assert.deepEqual(await queueDueReminders(t.db.withPlugin(counter), t.clock.now(), { publicUrl: undefined }), { queued: 0, failedOcmws: 0 });
    assert.equal(queries, 2);
  });

  it('sends no reminder once the deadline has passed', async () => {
    t.clock.advance(7 * DAY);
    await t.db
      .updateTable('campaigns')
      .set({ reminder_days: [1] })
      .where('report_year', '=', 2026)
      .execute();
    assert.deepEqual(await queueDueReminders(t.db, t.clock.now(), { publicUrl: undefined }), { queued: 0, failedOcmws: 0 });
  });
});
