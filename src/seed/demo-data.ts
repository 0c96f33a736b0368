import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { OcmwRole, PodMiRole } from '../db/types.ts';
import { makeBelgianIban, makeInsz, makeKbo } from '../modules/shared/identifiers.ts';

/** The demo persons listed in the README; national numbers are fictitious but checksum-valid. */
export const DEMO_PERSONS = [
  { key: 'an', first: 'An', last: 'Peeters', insz: makeInsz('850730033'), lang: 'nl', roles: [['demostad', 'MEDEWERKER']] },
  { key: 'jan', first: 'Jan', last: 'Janssens', insz: makeInsz('720412123'), lang: 'nl', roles: [['demostad', 'VOORZITTER']] },
  { key: 'els', first: 'Els', last: 'Maes', insz: makeInsz('680921245'), lang: 'nl', roles: [['demostad', 'ALGEMEEN_DIRECTEUR']] },
  { key: 'tom', first: 'Tom', last: 'De Smet', insz: makeInsz('910105367'), lang: 'nl', roles: [['demostad', 'LEZER']] },
  { key: 'luc', first: 'Luc', last: 'Wouters', insz: makeInsz('790315489'), lang: null, roles: [['demostad', 'MEDEWERKER'], ['villedemo', 'MEDEWERKER']] },
  { key: 'claire', first: 'Claire', last: 'Martin', insz: makeInsz('880614511'), lang: 'fr', roles: [['villedemo', 'MEDEWERKER']] },
  { key: 'sophie', first: 'Sophie', last: 'Lambert', insz: makeInsz('750228633'), lang: 'fr', roles: [['villedemo', 'VOORZITTER']] },
  { key: 'pierre', first: 'Pierre', last: 'Dupont', insz: makeInsz('661107755'), lang: 'fr', roles: [['villedemo', 'ALGEMEEN_DIRECTEUR']] },
  { key: 'nathalie', first: 'Nathalie', last: 'Vermeulen', insz: makeInsz('830919877'), lang: 'nl', roles: [], podmi: 'PODMI_AGENT' },
] as const;

const ORGANISATIONS = {
  demostad: {
    nis: '99001',
    kbo: makeKbo('02120001'),
    name_nl: 'OCMW Demostad',
    name_fr: 'CPAS de Demostad',
    name_de: 'ÖSHZ Demostad',
    language: 'nl' as const,
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
    iban: makeBelgianIban('0680004321'),
    bic: 'GKCCBEBB',
    contact_first_name: 'Claire',
    contact_last_name: 'Martin',
    contact_email: 'claire.martin@cpas-villedemo.be',
    contact_phone: '+32 81 23 45 67',
  },
};

/** Reference values per OCMW for the Covid-19 premium: the advance (cents) and the RI/ERI beneficiaries. */
const COVID_REFERENCES = { demostad: { advance: 0, eligiblePersons: 120 }, villedemo: { advance: 150_000, eligiblePersons: 40 } };

/** Seeds the demo OCMWs, persons and the Covid-19 premium campaign, open until a year from now. */
export async function seedDemoData(db: Db, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  await db.transaction().execute(async (tx) => {
    const orgIds: Record<string, string> = {};
    for (const [key, org] of Object.entries(ORGANISATIONS)) {
      orgIds[key] = randomUUID();
      await tx.insertInto('organisations').values({ id: orgIds[key], ...org }).execute();
    }
    for (const p of DEMO_PERSONS) {
      const id = randomUUID();
      const podmi = 'podmi' in p ? (p.podmi as PodMiRole) : null;
      await tx.insertInto('persons').values({ id, insz: p.insz, first_name: p.first, last_name: p.last, language: p.lang, podmi_role: podmi }).execute();
      for (const [org, role] of p.roles) {
        await tx.insertInto('memberships').values({ person_id: id, organisation_id: orgIds[org], role: role as OcmwRole }).execute();
      }
    }
    const campaignId = randomUUID();
    const closesAt = new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), now.getUTCDate(), 22, 59, 59));
    await tx
      .insertInto('campaigns')
      .values({
        id: campaignId,
        report_year: 2022,
        measure: 'COVID_PREMIE',
        opens_at: new Date('2022-04-01T00:00:00Z'),
        closes_at: closesAt,
        status: 'OPEN',
        definition_version: 1,
        params: JSON.stringify({ premiumCents: 2500, months: 3 }),
      })
      .execute();
    for (const [key, data] of Object.entries(COVID_REFERENCES)) {
      await tx.insertInto('reference_values').values({ organisation_id: orgIds[key], campaign_id: campaignId, data: JSON.stringify(data) }).execute();
    }
  });
  return true;
}
