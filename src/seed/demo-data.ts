import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import { loadMeasureYears } from '../modules/campaigns/campaign-years.ts';
import { PODMI_ORGANISATION_ID, grantRights, insertPerson } from '../access/grants.repository.ts';
import type { Language, RightCode } from '../db/types.ts';
import { makeBelgianIban, makeInsz, makeKbo } from '../modules/shared/identifiers.ts';
import { REGISTRY_ORIGIN } from './registry.ts';
import { seedDemoConfiguration } from './demo-configuration.ts';
import { type DemoCovidTeam, seedDemoCovidReports } from './demo-covid-reports.ts';
import { activeInReportYear } from '../modules/organisations/registry-rules.ts';

type DemoGrant = readonly [organisation: 'demostad' | 'villedemo' | 'demodorp' | 'podmi', right: RightCode];

/** The demo persons listed in the README; national numbers are fictitious but checksum-valid. */
export const DEMO_PERSONS: ReadonlyArray<{
  key: string;
  first: string;
  last: string;
  insz: string;
  lang: Language | null;
  email: string;
  rights: readonly DemoGrant[];
}> = [
  {
    key: 'an',
    first: 'An',
    last: 'Peeters',
    insz: makeInsz('850730033'),
    lang: 'nl',
    email: 'an.peeters@ocmw-demostad.be',
    rights: [['demostad', 'UV_ENCODER']],
  },
  {
    key: 'jan',
    first: 'Jan',
    last: 'Janssens',
    insz: makeInsz('720412123'),
    lang: 'nl',
    email: 'jan.janssens@ocmw-demostad.be',
    rights: [['demostad', 'UV_CHAIR']],
  },
  {
    key: 'els',
    first: 'Els',
    last: 'Maes',
    insz: makeInsz('680921245'),
    lang: 'nl',
    email: 'els.maes@ocmw-demostad.be',
    rights: [['demostad', 'UV_DIRECTOR']],
  },
  {
    key: 'tom',
    first: 'Tom',
    last: 'De Smet',
    insz: makeInsz('910105367'),
    lang: 'nl',
    email: 'tom.desmet@ocmw-demostad.be',
    rights: [['demostad', 'UV_READER']],
  },
  {
    key: 'luc',
    first: 'Luc',
    last: 'Wouters',
    insz: makeInsz('790315489'),
    lang: null,
    email: 'luc.wouters@ocmw-demostad.be',
    rights: [
      ['demostad', 'UV_ENCODER'],
      ['villedemo', 'UV_ENCODER'],
    ],
  },
  {
    key: 'claire',
    first: 'Claire',
    last: 'Martin',
    insz: makeInsz('880614511'),
    lang: 'fr',
    email: 'claire.martin@cpas-villedemo.be',
    rights: [['villedemo', 'UV_ENCODER']],
  },
  {
    key: 'sophie',
    first: 'Sophie',
    last: 'Lambert',
    insz: makeInsz('750228633'),
    lang: 'fr',
    email: 'sophie.lambert@cpas-villedemo.be',
    rights: [['villedemo', 'UV_CHAIR']],
  },
  {
    key: 'pierre',
    first: 'Pierre',
    last: 'Dupont',
    insz: makeInsz('661107755'),
    lang: 'fr',
    email: 'pierre.dupont@cpas-villedemo.be',
    rights: [['villedemo', 'UV_DIRECTOR']],
  },
  // Access management (issue 12): the HTB, TB and co-TB of Demostad, the HTB of Villedemo, and a person without access.
  {
    key: 'hilde',
    first: 'Hilde',
    last: 'Claes',
    insz: makeInsz('700815201'),
    lang: 'nl',
    email: 'hilde.claes@ocmw-demostad.be',
    rights: [['demostad', 'HTB']],
  },
  {
    key: 'bart',
    first: 'Bart',
    last: 'Willems',
    insz: makeInsz('820227153'),
    lang: 'nl',
    email: 'bart.willems@ocmw-demostad.be',
    rights: [['demostad', 'TB']],
  },
  {
    key: 'sarah',
    first: 'Sarah',
    last: 'Jacobs',
    insz: makeInsz('890412375'),
    lang: 'nl',
    email: 'sarah.jacobs@ocmw-demostad.be',
    rights: [['demostad', 'CO_TB']],
  },
  // OCMW-configuratie (issue 18): a user of Villedemo with the grant, whose OCMW has configured nothing yet.
  {
    key: 'julie',
    first: 'Julie',
    last: 'Dubois',
    insz: makeInsz('870224168'),
    lang: 'fr',
    email: 'julie.dubois@cpas-villedemo.be',
    rights: [['villedemo', 'OCMW_CONFIG']],
  },
  {
    key: 'michel',
    first: 'Michel',
    last: 'Renard',
    insz: makeInsz('731109497'),
    lang: 'fr',
    email: 'michel.renard@cpas-villedemo.be',
    rights: [['villedemo', 'HTB']],
  },
  // The merger (issue 13): Demodorp merged into Demostad on 1 January 2025 (scenario 3). Wim works for both; Demodorp's
  // chair and general director sign its 2024 report.
  {
    key: 'wim',
    first: 'Wim',
    last: 'Hermans',
    insz: makeInsz('800512263'),
    lang: 'nl',
    email: 'wim.hermans@ocmw-demostad.be',
    rights: [
      ['demodorp', 'UV_ENCODER'],
      ['demostad', 'UV_ENCODER'],
    ],
  },
  {
    key: 'rita',
    first: 'Rita',
    last: 'Aerts',
    insz: makeInsz('640318282'),
    lang: 'nl',
    email: 'rita.aerts@ocmw-demodorp.be',
    rights: [['demodorp', 'UV_CHAIR']],
  },
  {
    key: 'koen',
    first: 'Koen',
    last: 'Mertens',
    insz: makeInsz('710923395'),
    lang: 'nl',
    email: 'koen.mertens@ocmw-demodorp.be',
    rights: [['demodorp', 'UV_DIRECTOR']],
  },
  { key: 'kim', first: 'Kim', last: 'Vos', insz: makeInsz('950601519'), lang: 'nl', email: 'kim.vos@example.be', rights: [] },
  {
    key: 'nathalie',
    first: 'Nathalie',
    last: 'Vermeulen',
    insz: makeInsz('830919877'),
    lang: 'nl',
    email: 'nathalie.vermeulen@mi-is.be',
    rights: [['podmi', 'PODMI_AGENT']],
  },
  { key: 'marc', first: 'Marc', last: 'Lefèvre', insz: makeInsz('770503199'), lang: null, email: 'marc.lefevre@mi-is.be', rights: [['podmi', 'PODMI_ADMIN']] },
];

const ORGANISATIONS = {
  demostad: {
    nis: '99001',
    kbo: makeKbo('02120001'),
    name_nl: 'OCMW Demostad',
    name_fr: 'CPAS de Demostad',
    name_de: 'ÖSHZ Demostad',
    language: 'nl' as const,
    region: 'VLG' as const,
    province: 'West-Vlaanderen',
    iban: makeBelgianIban('0910001234'),
    bic: 'GKCCBEBB',
    contact_first_name: 'An',
    contact_last_name: 'Peeters',
    contact_email: 'an.peeters@ocmw-demostad.be',
    contact_phone: '+32 50 12 34 56',
  },
  villedemo: {
    nis: '99002',
    kbo: makeKbo('02120002'),
    name_nl: 'OCMW Villedemo',
    name_fr: 'CPAS de Villedemo',
    name_de: 'ÖSHZ Villedemo',
    language: 'fr' as const,
    region: 'WAL' as const,
    province: 'Namen',
    iban: makeBelgianIban('0680004321'),
    bic: 'GKCCBEBB',
    contact_first_name: 'Claire',
    contact_last_name: 'Martin',
    contact_email: 'claire.martin@cpas-villedemo.be',
    contact_phone: '+32 81 23 45 67',
  },
  // Disappeared in the demo merger: its last legal day is 31 December 2024.
  demodorp: {
    nis: '99003',
    kbo: makeKbo('02120003'),
    name_nl: 'OCMW Demodorp',
    name_fr: 'CPAS de Demodorp',
    name_de: 'ÖSHZ Demodorp',
    language: 'nl' as const,
    region: 'VLG' as const,
    province: 'West-Vlaanderen',
    iban: makeBelgianIban('0910005678'),
    bic: 'GKCCBEBB',
    contact_first_name: 'Wim',
    contact_last_name: 'Hermans',
    contact_email: 'wim.hermans@ocmw-demostad.be',
    contact_phone: '+32 50 65 43 21',
    valid_to: '2024-12-31',
  },
};

/** Demodorp's demo envelopes are Demostad's (the per-year data name two demo OCMWs). */
const DEMO_REFERENCES_OF: Record<string, string> = { demostad: 'demostad', villedemo: 'villedemo', demodorp: 'demostad' };
const DEMO_MERGER_DATE = '2025-01-01';

/** The demo persons' rights hold from long before any report year the demo (or a test's clock) shows. */
const DEMO_GRANTS_FROM = new Date('2000-01-01T00:00:00Z');

/**
 * Seeds the demo OCMWs and persons; opens the campaigns of the current report year now (officially they
 * open in January of the next year) and keeps the Covid-19 premium open, so that every current measure can
 * be tried today; loads the demo reference values of every measure's years. Campaigns come from
 * seedCampaigns, which runs first.
 */
export async function seedDemoData(db: Db, now: Date, options: { reports: boolean } = { reports: true }): Promise<boolean> {
  const existing = await db.selectFrom('organisations').select('id').where('kbo', '=', ORGANISATIONS.demostad.kbo).executeTakeFirst();
  if (existing) return false;
  const covidTeam = await db.transaction().execute(async (tx): Promise<DemoCovidTeam> => {
    const orgIds: Record<string, string> = {};
    for (const [key, org] of Object.entries(ORGANISATIONS)) {
      orgIds[key] = randomUUID();
      await tx
        .insertInto('organisations')
        .values({ id: orgIds[key], ...org, administration_language: org.language, kbo_fictitious: true })
        .execute();
      for (const [scheme, value] of [
        ['KBO', org.kbo],
        ['NIS', org.nis],
      ] as const) {
        await tx
          .insertInto('organisation_identifiers')
          .values({
            id: randomUUID(),
            organisation_id: orgIds[key],
            scheme,
            value,
            valid_from: REGISTRY_ORIGIN,
            valid_to: 'valid_to' in org ? org.valid_to : null,
          })
          .execute();
      }
    }
    await seedDemoMerger(tx, orgIds.demostad, orgIds.demodorp, now);
    await seedDemoSuppliers(tx);
    const withPodMi: Record<string, string> = { ...orgIds, podmi: PODMI_ORGANISATION_ID };
    for (const p of DEMO_PERSONS) {
      const id = await insertPerson(tx, { insz: p.insz, firstName: p.first, lastName: p.last, language: p.lang, email: p.email, demo: true });
      for (const [org, right] of p.rights) await grantRights(tx, withPodMi[org], id, [right], DEMO_GRANTS_FROM);
    }
    const bart = await tx
      .selectFrom('persons')
      .select('id')
      .where('insz', '=', DEMO_PERSONS.find((p) => p.key === 'bart')?.insz ?? '')
      .executeTakeFirstOrThrow();
    await seedDemoConfiguration(tx, orgIds.demostad, bart.id, now);
    await openDemoCampaigns(tx, now);
    const marc = await tx
      .selectFrom('persons')
      .select('id')
      .where('insz', '=', DEMO_PERSONS.find((p) => p.key === 'marc')?.insz ?? '')
      .executeTakeFirstOrThrow();
    await openDisappearingReport(tx, orgIds.demodorp, marc.id, now);
    const campaigns = await tx.selectFrom('campaigns').select(['id', 'measure', 'report_year']).execute();
    for (const measure of loadMeasureYears()) {
      for (const [key, source] of Object.entries(DEMO_REFERENCES_OF)) {
        const data = measure.demoReferences?.[source];
        if (!data) continue;
        // only the report years the OCMW files (Demodorp none after 2024: no envelope, no settlement letter)
        const org = ORGANISATIONS[key as keyof typeof ORGANISATIONS];
        const lifetime = { validFrom: '0001-01-01', validTo: 'valid_to' in org ? org.valid_to : null };
        for (const campaign of campaigns.filter((c) => c.measure === measure.measure && activeInReportYear(lifetime, c.report_year))) {
          await tx
            .insertInto('reference_values')
            .values({ organisation_id: orgIds[key], campaign_id: campaign.id, data: JSON.stringify(data) })
            .execute();
        }
      }
      for (const key of Object.keys(measure.demoReferences ?? {})) {
        if (!orgIds[key]) throw new Error(`Unknown demo OCMW ${key} in the reference values of ${measure.measure}`);
      }
    }
    const member = async (key: string) => {
      const p = DEMO_PERSONS.find((person) => person.key === key);
      const row = await tx
        .selectFrom('persons')
        .select('id')
        .where('insz', '=', p?.insz ?? '')
        .executeTakeFirstOrThrow();
      return { personId: row.id, name: `${p?.first} ${p?.last}` };
    };
    return { organisationId: orgIds.demostad, encoder: await member('an'), chair: await member('jan'), director: await member('els') };
  });
  // After the commit: the reports are filed through the application's own services, each in its transaction.
  if (options.reports) await seedDemoCovidReports(db, covidTeam);
  return true;
}

/**
 * Two fictitious software suppliers (portal.md §1.1, type SUPPLIER): in the registry now, for ChaMan's delegations and
 * OCMW-configuratie's supplier list later. No NIS, region or province; a generated KBO number, marked fictitious.
 */
const DEMO_SUPPLIERS = [
  { base: '08980001', nl: 'Demosoft nv', fr: 'Demosoft SA', de: 'Demosoft AG', language: 'nl' },
  { base: '08980002', nl: 'LogiCPAS Démo nv', fr: 'LogiCPAS Démo SA', de: 'LogiCPAS Démo AG', language: 'fr' },
] as const;

async function seedDemoSuppliers(tx: Tx): Promise<void> {
  for (const s of DEMO_SUPPLIERS) {
    const id = randomUUID();
    const kbo = makeKbo(s.base);
    await tx
      .insertInto('organisations')
      .values({ id, type: 'SUPPLIER', kbo, kbo_fictitious: true, name_nl: s.nl, name_fr: s.fr, name_de: s.de, language: s.language })
      .execute();
    await tx
      .insertInto('organisation_identifiers')
      .values({ id: randomUUID(), organisation_id: id, scheme: 'KBO', value: kbo, valid_from: REGISTRY_ORIGIN })
      .execute();
  }
}

/**
 * Demodorp merged into Demostad on 1 January 2025, scenario 3 (Demostad keeps its KBO and NIS). The copy of access
 * is left for POD MI to run in the back office (Wim already works for both).
 */
async function seedDemoMerger(tx: Tx, demostadId: string, demodorpId: string, now: Date): Promise<void> {
  const mergerId = randomUUID();
  await tx
    .insertInto('mergers')
    .values({
      id: mergerId,
      merged_organisation_id: demostadId,
      scenario: 'S3_KEEP_KBO_KEEP_NIS',
      effective_on: DEMO_MERGER_DATE,
      recorded_at: now,
      recorded_by: null,
    })
    .execute();
  await tx
    .insertInto('merger_partners')
    .values([
      { merger_id: mergerId, organisation_id: demostadId, keeps_identity: true, nis_before: ORGANISATIONS.demostad.nis },
      { merger_id: mergerId, organisation_id: demodorpId, keeps_identity: false, nis_before: ORGANISATIONS.demodorp.nis },
    ])
    .execute();
  await tx.updateTable('organisations').set({ merger_id: mergerId }).where('id', '=', demodorpId).execute();
}

/**
 * Demo only: Demodorp's 2024 report, filed after the merger "for the disappearing OCMW", is still open — POD MI
 * allowed a late submission for a year — so that the merger can be walked through any day.
 */
async function openDisappearingReport(tx: Tx, demodorpId: string, grantedBy: string, now: Date): Promise<void> {
  const campaigns = await tx.selectFrom('campaigns').select('id').where('report_year', '=', 2024).where('status', '!=', 'SETTLED').execute();
  const until = new Date(now.getTime() + 365 * 86_400_000);
  for (const c of campaigns) {
    await tx
      .insertInto('campaign_extensions')
      .values({
        campaign_id: c.id,
        organisation_id: demodorpId,
        until,
        reason: 'Fusie: verslag 2024 van het verdwijnende OCMW Demodorp',
        granted_by: grantedBy,
        granted_at: now,
      })
      .execute();
  }
}

/** Demo only: the current report year's campaigns open from yesterday; the Covid-19 premium open for a year. */
async function openDemoCampaigns(tx: Tx, now: Date): Promise<void> {
  const yesterday = new Date(now.getTime() - 86_400_000);
  await tx.updateTable('campaigns').set({ opens_at: yesterday, status: 'OPEN' }).where('report_year', '=', now.getUTCFullYear()).execute();
  const inAYear = new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), now.getUTCDate(), 22, 59, 59));
  await tx
    .updateTable('campaigns')
    .set({ closes_at: sql<Date>`GREATEST(opens_at + interval '1 year', ${inAYear})`, status: 'OPEN' })
    .where('measure', '=', 'COVID_PREMIE')
    .execute();
}
