import assert from 'node:assert/strict';
import { grantRights, insertPerson } from '../../src/access/grants.repository.ts';
import type { Actor as AppActor } from '../../src/access/access.ts';
import { sql } from 'kysely';
import { type Db, withTransaction } from '../../src/db/database.ts';
import { enqueueEmail } from '../../src/jobs/outbox.ts';
import { stageReferenceImport } from '../../src/modules/reference-data/reference-data.service.ts';
import { makeInsz } from '../../src/modules/shared/identifiers.ts';
import type { TestApp } from '../support/app.ts';
import { type Client, campaignId, hiddenValue, organisationId, personId } from '../support/http.ts';
import { fillGasForm, signTwice } from '../support/settlement-flow.ts';
import { ACTORS, A_BLOCKED, A_CO_HTB, A_REMOVED, B_LEZER, type CampaignKey, type Ocmw } from './authorisation-policy.ts';
import { psaActivity, psaWorkbook } from '../support/measures.ts';

/**
 * The objects the route-probing suites (authorisation matrix, transport) name in their URLs: a submitted and
 * settled form of each OCMW, its settlement letter and the copy in its e-Box, optionally an open form with its
 * kept workbook, a delivered e-mail and a staged reference import — all made through the application.
 */
export interface World {
  campaign: Record<CampaignKey | 'covid', string>;
  org: Record<Ocmw, string>;
  /** the KBO number of each OCMW: the :kbo of its pages' URLs */
  kbo: Record<Ocmw, string>;
  instance: Record<Ocmw, string>;
  settlement: Record<Ocmw, string>;
  /** the settlement letter of each OCMW: its e-Box message (type UV_AFREKENING; `settlements.document_id`) */
  document: Record<Ocmw, string>;
  medewerker: Record<Ocmw, string>;
  person: Record<string, string>;
  messageId: string;
  jobId: string;
  importId: string;
  /**
   * Mergers (issue 13), which belong to no OCMW: A's is the demo merger (Demodorp into Demostad, OCMW A), B's one of
   * the 2025 mergers of the registry (Pajottegem, scenario 1). Both copies of access were run in the setup, so every
   * later "Gebruikers kopiëren" is refused (409) and changes nothing.
   */
  merger: Record<Ocmw, string>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Campaigns, OCMWs and the person of every actor; OCMW B gets the lezer the demo data lacks. Before logging in. */
export async function prepareActors(t: Pick<TestApp, 'db'>) {
  const { db } = t;
  const campaign = {
    psa: await campaignId(db, 'PSA', 2026),
    gas: await campaignId(db, 'GAS_ELEK', 2026),
    gpmi: await campaignId(db, 'GPMI', 2026),
    covid: await campaignId(db, 'COVID_PREMIE', 2022),
  };
  const org: Record<Ocmw, string> = { A: await organisationId(db, 'OCMW Demostad'), B: await organisationId(db, 'OCMW Villedemo') };
  const lezer = await insertPerson(db, { insz: makeInsz('930303123'), firstName: B_LEZER.first, lastName: B_LEZER.last, language: 'fr', demo: true });
  await grantRights(db, org.B, lezer, ['UV_READER'], new Date('2000-01-01T00:00:00Z'));
  // Toegangsbeheer (issue 12): a co-HTB of A, a medewerker of A blocked there, one removed from it (grant withdrawn).
  const since = new Date('2000-01-01T00:00:00Z');
  const coHtb = await insertPerson(db, { insz: makeInsz('930303245'), firstName: A_CO_HTB.first, lastName: A_CO_HTB.last, language: 'nl', demo: true });
  await grantRights(db, org.A, coHtb, ['CO_HTB'], since);
  const blocked = await insertPerson(db, { insz: makeInsz('930303367'), firstName: A_BLOCKED.first, lastName: A_BLOCKED.last, language: 'nl', demo: true });
  await grantRights(db, org.A, blocked, ['UV_ENCODER'], since);
  await db.updateTable('access_members').set({ blocked_at: since }).where('organisation_id', '=', org.A).where('person_id', '=', blocked).execute();
  const removed = await insertPerson(db, { insz: makeInsz('930303489'), firstName: A_REMOVED.first, lastName: A_REMOVED.last, language: 'nl', demo: true });
  await grantRights(db, org.A, removed, ['UV_ENCODER'], since);
  await db.updateTable('access_grants').set({ valid_to: since }).where('organisation_id', '=', org.A).where('person_id', '=', removed).execute();
  const person: Record<string, string> = {};
  for (const actor of ACTORS) {
    if (!actor.person) continue;
    const [first, ...rest] = actor.person.split(' ');
    person[actor.key] = await personId(db, first, rest.join(' '));
  }
  const kboOf = async (id: string) => (await db.selectFrom('organisations').select('kbo').where('id', '=', id).executeTakeFirstOrThrow()).kbo;
  const kbo: Record<Ocmw, string> = { A: await kboOf(org.A), B: await kboOf(org.B) };
  return { campaign, org, kbo, person };
}

/** A reference import of COVID_PREMIE 2022 staged by the beheerder, as the upload route stages it. */
export async function stageImport(t: Pick<TestApp, 'db' | 'clock'>, world: Pick<World, 'campaign' | 'person'>): Promise<string> {
  const marc: AppActor = {
    principalKind: 'PERSON',
    personId: world.person.PODMI_ADMIN,
    name: 'Marc Lefèvre',
    organisationId: null,
    rights: [],
    podmiRights: ['PODMI_ADMIN'],
    authMethod: 'demo',
    authenticatedAt: t.clock.now(),
  };
  const csv = 'NIS;Advance\r\n99001;1.234,56\r\n99002;2500.5\r\n';
  const result = await stageReferenceImport(
    { actor: marc, db: t.db, now: t.clock.now() },
    { campaignId: world.campaign.covid, file: { name: 'voorschotten.csv', bytes: Buffer.from(csv) }, tooLarge: false },
  );
  assert.equal(result.kind, 'staged');
  return result.kind === 'staged' ? result.importId : '';
}

/** The organisation of the registry holding this NIS code today. */
export async function registryOrganisation(db: Db, nis: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('id').where('nis', '=', nis).where('type', '=', 'OCMW').executeTakeFirst();
  return row?.id ?? assert.fail(`setup: no OCMW with NIS ${nis}`);
}

/** The merger into this organisation (the demo data and the registry record one each at most). */
export async function mergerInto(db: Db, mergedOrganisationId: string): Promise<string> {
  const row = await db.selectFrom('mergers').select('id').where('merged_organisation_id', '=', mergedOrganisationId).executeTakeFirst();
  return row?.id ?? assert.fail(`setup: no merger into ${mergedOrganisationId}`);
}

/** Makes the objects through the application with the actors' logged-in clients. */
export async function buildWorld(
  t: Pick<TestApp, 'db' | 'clock'>,
  actors: Awaited<ReturnType<typeof prepareActors>>,
  client: (key: string) => Client,
  options: { psaWorkbooks: boolean; dedupeKey: string },
): Promise<World> {
  const { db } = t;
  const { campaign, org, kbo, person } = actors;
  // GAS_ELEK 2026: both OCMWs fill in, sign and submit; POD MI closes and settles it (letters in both e-Boxes).
  await fillGasForm(client('A.medewerker'), campaign.gas, { bills: [['gas', '10', '8.000,00']] });
  await signTwice(campaign.gas, [client('A.voorzitter'), client('A.directeur')]);
  await fillGasForm(client('B.medewerker'), campaign.gas, { bills: [['electricity', '25', '25.000,00']] });
  await signTwice(campaign.gas, [client('B.voorzitter'), client('B.directeur')]);
  await db.updateTable('campaigns').set({ status: 'CLOSED' }).where('id', '=', campaign.gas).execute();
  const gasVersion = (await db.selectFrom('campaigns').select('version').where('id', '=', campaign.gas).executeTakeFirstOrThrow()).version;
  const settled = await client('PODMI_AGENT').post(`/backoffice/settlements/${campaign.gas}/settle`, { version: String(gasVersion), confirm: 'yes' });
  assert.match(String(settled.headers.location), /m=settled$/, 'GAS_ELEK 2026 settled');

  if (options.psaWorkbooks) {
    // PSA 2026 (open): each OCMW justifies it by workbook, so the form has a kept file.
    const psaParams = (await db.selectFrom('campaigns').select('params').where('id', '=', campaign.psa).executeTakeFirstOrThrow()).params as Record<
      string,
      unknown
    >;
    const workbook = await psaWorkbook(psaParams, { activitiesA: [psaActivity()], modulesB: [], activitiesC: [] });
    for (const key of ['A.medewerker', 'B.medewerker']) {
      const switched = await client(key).post(`${client(key).base}/forms/${campaign.psa}/entry-mode`, { version: '0', mode: 'WORKBOOK' });
      assert.match(String(switched.headers.location), /m=entry_mode_changed$/, `${key}: PSA by workbook`);
      const version = hiddenValue((await client(key).get(`${client(key).base}/forms/${campaign.psa}`)).body, 'version');
      const uploaded = await client(key).postFile(
        `${client(key).base}/forms/${campaign.psa}/workbook`,
        { version },
        { name: 'psa-2026.xlsx', type: XLSX, content: workbook },
      );
      assert.match(String(uploaded.headers.location), /m=workbook_uploaded$/, `${key}: PSA workbook kept`);
    }
  }

  // One e-mail delivered to the local outbox.
  await withTransaction(db, (tx) =>
    enqueueEmail(tx, { dedupeKey: options.dedupeKey, email: { to: 'ocmw@demostad.example', subject: 'Probe', body: 'Probe' }, now: t.clock.now() }),
  );
  assert.equal((await client('PODMI_ADMIN').post('/backoffice/outbox/send-now', {})).statusCode, 303);

  const one = async <T>(query: Promise<T | undefined>, what: string): Promise<T> => (await query) ?? assert.fail(`setup: no ${what}`);
  const perOcmw = async (table: 'form_instances' | 'settlements' | 'ebox_messages', o: Ocmw) => {
    const query = db.selectFrom(table).select('id').where('organisation_id', '=', org[o]).where('campaign_id', '=', campaign.gas);
    return (await one(query.executeTakeFirst(), `${table} of ${o}`)).id;
  };
  const world: World = {
    campaign,
    org,
    kbo,
    instance: { A: await perOcmw('form_instances', 'A'), B: await perOcmw('form_instances', 'B') },
    settlement: { A: await perOcmw('settlements', 'A'), B: await perOcmw('settlements', 'B') },
    // the settlement letter: a message of type UV_AFREKENING in the OCMW's e-Box (issue 16)
    document: { A: await perOcmw('ebox_messages', 'A'), B: await perOcmw('ebox_messages', 'B') },
    medewerker: { A: person['A.medewerker'], B: person['B.medewerker'] },
    person,
    messageId: (await one(db.selectFrom('mail_messages').select('id').executeTakeFirst(), 'mail message')).id,
    jobId: (await one(db.selectFrom('outbox_jobs').select('id').executeTakeFirst(), 'outbox job')).id,
    importId: '',
    merger: { A: await mergerInto(db, org.A), B: await mergerInto(db, await registryOrganisation(db, '23106')) },
  };
  world.importId = await stageImport(t, world);
  // The one-off copy of access of both mergers, through the route (the demo merger's partners: Wim already works for
  // Demostad, the signing roles of Demodorp are never copied; Pajottegem's partners have no users here).
  for (const o of ['A', 'B'] as const) {
    const copied = await client('PODMI_ADMIN').post(`/backoffice/mergers/${world.merger[o]}/copy/confirm`, {});
    assert.match(String(copied.headers.location), /m=copied$/, `setup: the copy of access of merger ${o}`);
  }
  return world;
}

/**
 * Routes the suites do not probe: static files, the health check, and the API scope (bearer tokens, no cookie
 * session: test/integration/api-scope.test.ts).
 */
/**
 * Not probed: static files, the health check, the API scope (its own suite), and the embedded demo identity provider
 * under /idp — another party in the same process, with oidc-provider's own checks; its login page answers only an
 * interaction bound to the browser's cookie (test/integration/oidc-relying-party.test.ts).
 */
const SKIPPED_ROUTES = [/^\/static\//, /^\/health$/, /^\/api\//, /^\/idp(\/|$)/];

/**
 * Collects the routes the app registers (pass `onRoute` to buildTestApp), one entry per method the suite probes, so
 * a new route or form is probed without editing the suites.
 */
export function routeCollector(probes: (method: string) => boolean) {
  const routes: Array<{ method: string; url: string }> = [];
  const onRoute = (route: { method: string | string[]; url: string }) => {
    if (SKIPPED_ROUTES.some((p) => p.test(route.url))) return;
    for (const method of [route.method].flat()) if (probes(method)) routes.push({ method, url: route.url });
  };
  return { routes, onRoute };
}

/** The columns a probe must never change, per table (a table's rows sorted on them). */
const GUARDED = {
  form_instances: ['id', 'version', 'submitted_at', 'content_hash'],
  signatures: ['id'],
  campaigns: ['id', 'version', 'status'],
  campaign_extensions: ['campaign_id', 'organisation_id', 'until'],
  organisations: ['id', 'version'],
  settlements: ['id'],
  // no longer written (issue 16): the settlement letters are e-Box messages
  documents: ['id'],
  ebox_messages: ['id', 'organisation_id', 'message_type', 'expires_at', 'files_deleted_at'],
  ebox_attachments: ['message_id', 'position', 'sha256'],
  ebox_files: ['sha256', 'store'],
  // opening a message makes it read for its own OCMW only, once (POD MI's reads change nothing)
  ebox_reads: ['message_id', 'organisation_id', 'first_read_by'],
  ebox_grant_types: ['organisation_id', 'person_id', 'message_type'],
  ebox_notification_addresses: ['organisation_id', 'email'],
  ebox_digests: ['organisation_id', 'digest_date'],
  ocmw_config_versions: ['organisation_id', 'screen', 'version'],
  reference_imports: ['id', 'state'],
  outbox_jobs: ['id', 'state'],
  access_drafts: ['id', 'organisation_id', 'actor_person_id', 'expires_at'],
  access_members: ['organisation_id', 'person_id', 'version', 'blocked_at', 'blocked_until'],
  access_grants: ['id', 'right_code', 'valid_to'],
  htb_imports: ['id', 'state'],
  persons: ['id', 'insz', 'first_name', 'last_name'],
} as const;

/** A snapshot of the guarded columns of these tables, to compare before and after the probes. */
export async function guardedState(db: Db, tables: Array<keyof typeof GUARDED>): Promise<string> {
  const snapshot: unknown[] = [];
  for (const table of tables) {
    const columns = GUARDED[table].join(', ');
    snapshot.push((await sql.raw(`SELECT ${columns} FROM ${table} ORDER BY ${columns}`).execute(db)).rows);
  }
  return JSON.stringify(snapshot);
}
