/**
 * The country as a dataset: every OCMW of the registry offered a report year (loaded at first start from
 * `src/seed/reference/`: 580 for report year 2024, 564 from 2025) with a medewerker, a voorzitter and an algemeen
 * directeur, reference values for every campaign of the year, and each form of that year filled in, signed by both
 * signers and submitted through the application's own services (so hashes, snapshots and audit chains are real).
 * Used by the back-office and national benchmarks.
 */
import { sql } from 'kysely';
import type { Actor } from '../../src/access/access.ts';
import type { Db } from '../../src/db/database.ts';
import { loadMeasureYears } from '../../src/modules/campaigns/campaign-years.ts';
import type { RawInput } from '../../src/modules/forms/field-types.ts';
import { loadForm, saveForm, signForm, signingPolicy } from '../../src/modules/reports/reports.service.ts';
import { FAS_LEVEL } from '../../src/modules/shared/fas-levels.ts';
import { loadConfig } from '../../src/config/config.ts';
import { makeBelgianIban, makeInsz } from '../../src/modules/shared/identifiers.ts';
import { offeredInReportYear } from '../../src/modules/organisations/registry.repository.ts';

/** One staff row of the report year, as typed (StaffCostRow). */
export function staff(year: number, i: number): Record<string, string> {
  return {
    lastName: `Janssens ${i}`,
    firstName: 'Eva',
    staffId: '',
    function: 'socialWorker',
    status: 'contractual',
    'period.from': `01/01/${year}`,
    'period.to': `31/12/${year}`,
    fte: '0,5',
    allocationRate: '100',
    grossCost: `${20_000 + (i % 997)},${String(i % 100).padStart(2, '0')}`,
    otherFunding: '0',
  };
}

/** The staff table of each measure; PSA's part A staff, the gas fund's art. 4 staff. */
export const STAFF_TABLE: Record<string, string> = { GAS_ELEK: 'staffArt4', PERSONEELSKOSTEN: 'staffNorms', GPMI: 'staff', GPMI_TB: 'staff', PSA: 'staffA' };

function inputFor(measure: string, year: number, i: number): RawInput {
  const table = STAFF_TABLE[measure];
  return { fields: {}, tables: table ? { [table]: [staff(year, i)] } : {} };
}

function actor(personId: string, organisationId: string, right: Actor['rights'][number], name: string, at: Date): Actor {
  return { principalKind: 'PERSON', personId, name, organisationId, rights: [right], podmiRights: [], authMethod: 'bench', authenticatedAt: at };
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

export interface CountryOptions {
  reportYear: number;
  /** how many of the OCMWs offered the year (default all: 580 in 2024) */
  limit?: number;
  /** submissions are spread over the days before `now` (default 20) */
  spreadDays?: number;
  /** concurrent OCMWs while filling (1 on PGlite) */
  concurrency?: number;
}

/** An OCMW of the country and its three persons (medewerker, voorzitter, algemeen directeur). */
export interface CountryOcmw {
  id: string;
  /** the 10-digit KBO number: the OCMW's pages are under /ocmw/{kbo} */
  kbo: string;
  nis: string;
  encoder: string;
  chair: string;
  director: string;
}

/**
 * Gives the registry's OCMWs offered the report year (MRG-3: in 2024 the 580 OCMWs of the municipalities before the
 * mergers of 1 January 2025, from 2025 the 564 of 2025; never Herstappe) a bank account, a contact and their three
 * persons, and reference values for every campaign of the year, without filling in anything. The OCMWs exist
 * already (the registry is loaded at first start, ADR 0035); OCMWs that have persons (the demo OCMWs) are left
 * alone. Returns the OCMWs (by NIS code) and the campaigns of the year.
 */
export async function createCountry(db: Db, options: Pick<CountryOptions, 'reportYear' | 'limit'>) {
  const registry = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.kbo', 'o.nis', 'o.name_nl', 'o.language'])
    .where(offeredInReportYear(options.reportYear, 'o'))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('access_members as m').select('m.person_id').whereRef('m.organisation_id', '=', 'o.id'))))
    .orderBy('o.nis')
    .$narrowType<{ nis: string }>()
    .execute();
  const selected = registry.slice(0, options.limit ?? undefined);
  const campaigns = await db.selectFrom('campaigns').select(['id', 'measure', 'opens_at']).where('report_year', '=', options.reportYear).execute();
  // Grants valid from long before any benchmark's fixed clock.
  const now = new Date('2000-01-01T00:00:00Z');
  const refs = new Map(loadMeasureYears().map((m) => [m.measure, m.demoReferences?.demostad ?? {}]));
  const orgs = selected.map((o, i) => {
    const seq = String(i + 1).padStart(6, '0');
    return {
      id: o.id,
      kbo: o.kbo,
      nis: o.nis,
      language: o.language,
      iban: makeBelgianIban(`09${seq}00`),
      bic: 'GKCCBEBB',
      contact_first_name: 'Contact',
      contact_last_name: o.name_nl,
      contact_email: `ocmw-${o.nis}@example.invalid`,
      contact_phone: '+32 2 123 45 67',
    };
  });
  const people = orgs.flatMap((org, i) =>
    (['UV_ENCODER', 'UV_CHAIR', 'UV_DIRECTOR'] as const).map((role, r) => ({
      id: crypto.randomUUID(),
      org,
      role,
      insz: makeInsz(`5${String(i * 3 + r).padStart(6, '0')}01`.slice(0, 9)),
    })),
  );
  await db.transaction().execute(async (tx) => {
    // the registry holds no bank accounts or contacts: one statement for all of them
    for (let i = 0; i < orgs.length; i += 200) {
      const rows = orgs
        .slice(i, i + 200)
        .map((o) => sql`(${o.id}::uuid, ${o.iban}, ${o.bic}, ${o.contact_first_name}, ${o.contact_last_name}, ${o.contact_email}, ${o.contact_phone})`);
      await sql`UPDATE organisations o SET iban = v.iban, bic = v.bic, contact_first_name = v.cf, contact_last_name = v.cl, contact_email = v.ce, contact_phone = v.cp
        FROM (VALUES ${sql.join(rows)}) AS v (id, iban, bic, cf, cl, ce, cp) WHERE o.id = v.id`.execute(tx);
    }
    for (let i = 0; i < people.length; i += 500) {
      const batch = people.slice(i, i + 500);
      await tx
        .insertInto('principals')
        .values(batch.map((p) => ({ id: p.id, kind: 'PERSON' as const })))
        .execute();
      await tx
        .insertInto('persons')
        // demo personas: the benchmark logs them in through the embedded demo provider
        .values(batch.map((p) => ({ id: p.id, insz: p.insz, first_name: p.role, last_name: p.org.nis, language: p.org.language, demo: true })))
        .execute();
      await tx
        .insertInto('access_members')
        .values(batch.map((p) => ({ organisation_id: p.org.id, person_id: p.id, added_by: null, added_at: now })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx
        .insertInto('access_grants')
        .values(
          batch.map((p) => ({
            id: crypto.randomUUID(),
            organisation_id: p.org.id,
            person_id: p.id,
            domain_code: 'MAATSCHAPPELIJK_WELZIJN',
            right_code: p.role,
            valid_from: now,
            valid_to: null,
            granted_by: null,
            granted_at: now,
          })),
        )
        .execute();
    }
    const values = orgs.flatMap((org) =>
      campaigns.map((c) => ({ organisation_id: org.id, campaign_id: c.id, data: JSON.stringify(refs.get(c.measure) ?? {}) })),
    );
    for (let i = 0; i < values.length; i += 500)
      await tx
        .insertInto('reference_values')
        .values(values.slice(i, i + 500))
        .execute();
  });
  const ocmws: CountryOcmw[] = orgs.map((org, i) => {
    const [encoder, chair, director] = people.slice(i * 3, i * 3 + 3);
    return { id: org.id, kbo: org.kbo, nis: org.nis, encoder: encoder.id, chair: chair.id, director: director.id };
  });
  return { ocmws, campaigns };
}

/**
 * Adds the OCMWs, their three persons and reference values, and submits every form of the report year for each.
 * Returns the organisation ids. `now` must lie inside the campaigns (open, before the deadline).
 */
export async function seedCountry(db: Db, now: Date, options: CountryOptions): Promise<{ organisationIds: string[]; forms: number }> {
  const { ocmws: orgs, campaigns } = await createCountry(db, options);
  const spread = options.spreadDays ?? 20;
  let forms = 0;
  await pool(orgs, options.concurrency ?? 1, async (org, i) => {
    const encoder = { id: org.encoder };
    const chair = { id: org.chair };
    const director = { id: org.director };
    for (const campaign of campaigns) {
      // Submitted on one of the last `spread` days, never before the campaign opened.
      const at = new Date(Math.max(now.getTime() - (i % spread) * 86_400_000 - (i % 7) * 3_600_000, new Date(campaign.opens_at).getTime() + 60_000));
      const ctx = (a: Actor) => ({ actor: a, db, now: at });
      const saved = await saveForm(
        ctx(actor(encoder.id, org.id, 'UV_ENCODER', 'bench', at)),
        campaign.id,
        0,
        inputFor(campaign.measure, options.reportYear, i),
      );
      if (saved.kind !== 'saved' || saved.hasErrors)
        throw new Error(
          `${campaign.measure} of ${org.nis}: ${saved.kind} ${saved.kind === 'saved' ? JSON.stringify(saved.evaluation.issues.filter((x) => x.severity === 'error')) : ''}`,
        );
      for (const [person, role] of [
        [chair, 'UV_CHAIR'],
        [director, 'UV_DIRECTOR'],
      ] as const) {
        const signer = ctx(actor(person.id, org.id, role, 'bench', at));
        const form = await loadForm(signer, campaign.id);
        // The signer has just stepped up with eID in this OCMW (what the sign route asks of a person).
        const stepUp = { acr: FAS_LEVEL.EID, authTime: at, at, organisationId: org.id, provider: 'bench' };
        const signed = await signForm(
          { ...signer, actor: { ...signer.actor, stepUp } },
          campaign.id,
          form.contentHash,
          undefined,
          signingPolicy(loadConfig({})),
        );
        if (signed.kind === 'refused') throw new Error(`${campaign.measure} of ${org.nis}: ${signed.reason}`);
      }
      forms++;
    }
  });
  return { organisationIds: orgs.map((o) => o.id), forms };
}
