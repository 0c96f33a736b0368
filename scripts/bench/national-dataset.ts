/**
 * The country as a dataset: every OCMW of `src/seed/reference/municipalities-2025.csv` (565) with a medewerker,
 * a voorzitter and an algemeen directeur, reference values for every campaign of a report year, and each form
 * of that year filled in, signed by both signers and submitted through the application's own services (so
 * hashes, snapshots and audit chains are real). Used by the back-office benchmark and its tests.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Actor } from '../../src/access/access.ts';
import type { Db } from '../../src/db/database.ts';
import type { Language, Region } from '../../src/db/types.ts';
import { loadMeasureYears } from '../../src/modules/campaigns/campaign-years.ts';
import type { RawInput } from '../../src/modules/forms/field-types.ts';
import { loadForm, saveForm, signForm, signingPolicy } from '../../src/modules/reports/reports.service.ts';
import { FAS_LEVEL } from '../../src/modules/shared/fas-levels.ts';
import { loadConfig } from '../../src/config/config.ts';
import { makeBelgianIban, makeInsz, makeKbo } from '../../src/modules/shared/identifiers.ts';

const CSV = new URL('../../src/seed/reference/municipalities-2025.csv', import.meta.url);

interface Municipality {
  nis: string;
  name_nl: string;
  name_fr: string;
  name_de: string;
  region: Region;
  province: string;
  language: string;
}

export function readMunicipalities(): Municipality[] {
  return parse(readFileSync(CSV), { columns: true, skip_empty_lines: true }) as Municipality[];
}

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
  /** how many OCMWs of the list (default all 565) */
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
 * Adds the OCMWs, their three persons and the reference values of every campaign of the report year, without
 * filling in anything. Returns the OCMWs (in the order of the list) and the campaigns of the year.
 */
export async function createCountry(db: Db, options: Pick<CountryOptions, 'reportYear' | 'limit'>) {
  const municipalities = readMunicipalities().slice(0, options.limit ?? undefined);
  const campaigns = await db.selectFrom('campaigns').select(['id', 'measure', 'opens_at']).where('report_year', '=', options.reportYear).execute();
  // Grants valid from long before any benchmark's fixed clock.
  const now = new Date('2000-01-01T00:00:00Z');
  const refs = new Map(loadMeasureYears().map((m) => [m.measure, m.demoReferences?.demostad ?? {}]));
  const orgs = municipalities.map((m, i) => {
    const seq = String(i + 1).padStart(6, '0');
    const language: Language = m.language === 'nl+fr' ? (i % 3 === 0 ? 'nl' : 'fr') : (m.language as Language);
    return {
      id: crypto.randomUUID(),
      kbo: makeKbo(`03${seq}`),
      nis: m.nis,
      name_nl: `OCMW ${m.name_nl}`,
      name_fr: `CPAS de ${m.name_fr}`,
      name_de: `ÖSHZ ${m.name_de}`,
      language,
      region: m.region,
      province: m.province || null,
      iban: makeBelgianIban(`09${seq}00`),
      bic: 'GKCCBEBB',
      contact_first_name: 'Contact',
      contact_last_name: m.name_nl,
      contact_email: `ocmw-${m.nis}@example.invalid`,
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
    for (let i = 0; i < orgs.length; i += 200)
      await tx
        .insertInto('organisations')
        .values(orgs.slice(i, i + 200))
        .execute();
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
