import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Db, Tx } from '../db/database.ts';
import type { AdministrationLanguage, Language, MergerScenario, Region } from '../db/types.ts';
import { dayBefore } from '../modules/organisations/registry-rules.ts';
import { makeKbo } from '../modules/shared/identifiers.ts';

/**
 * The registry at first start (issue 13, portal.md §1.1 and §1.6): one organisation per OCMW/CPAS/ÖSHZ of the
 * country from `reference/municipalities-2025.csv` (565 municipalities of 1 January 2025), plus the partners that
 * disappeared in the mergers of `reference/mergers-2025.csv`, and those mergers as the state of 1 January 2025.
 * KBO numbers of OCMWs are not public data here: each gets a generated, checksum-valid number `099` + its first NIS
 * code, marked fictitious, until POD MI imports the real list.
 */

const REFERENCE = new URL('./reference/', import.meta.url);
/** OCMWs exist since the organic law of 8 July 1976 (in force 1 January 1977). */
export const REGISTRY_ORIGIN = '1977-01-01';
export const MERGER_DATE_2025 = '2025-01-01';
/** Herstappe has no OCMW (portal.md §1.1, ORG-4). */
export const NIS_WITHOUT_OCMW = new Set(['73028']);

/**
 * The scenario of each merged OCMW of 2025, by its NIS code: the merger guide's three lists (portal.md §1.6);
 * Bastogne is absent from the Flemish guide and takes scenario 2 (Q-MRG-2).
 */
export const SCENARIOS_2025: Readonly<Record<string, MergerScenario>> = {
  '46030': 'S1_NEW_KBO_NEW_NIS',
  '23106': 'S1_NEW_KBO_NEW_NIS',
  '44086': 'S1_NEW_KBO_NEW_NIS',
  '44088': 'S1_NEW_KBO_NEW_NIS',
  '73110': 'S2_KEEP_KBO_NEW_NIS',
  '73111': 'S2_KEEP_KBO_NEW_NIS',
  '71071': 'S2_KEEP_KBO_NEW_NIS',
  '71072': 'S2_KEEP_KBO_NEW_NIS',
  '44087': 'S2_KEEP_KBO_NEW_NIS',
  '46029': 'S2_KEEP_KBO_NEW_NIS',
  '37022': 'S2_KEEP_KBO_NEW_NIS',
  '37021': 'S2_KEEP_KBO_NEW_NIS',
  '82039': 'S2_KEEP_KBO_NEW_NIS',
  '11002': 'S3_KEEP_KBO_KEEP_NIS',
};

export interface Municipality {
  nis: string;
  nameNl: string;
  nameFr: string;
  nameDe: string;
  region: Region;
  province: string | null;
  language: AdministrationLanguage;
}

export interface MergerLine {
  newNis: string;
  newName: string;
  oldNis: string;
  oldName: string;
}

export interface RegistryOrganisation {
  key: string;
  kbo: string;
  nis: string;
  names: { nl: string; fr: string; de: string };
  administrationLanguage: AdministrationLanguage;
  region: Region;
  province: string | null;
  validFrom: string;
  validTo: string | null;
  hasOcmw: boolean;
  /** the NIS codes it held, oldest first */
  nisHistory: Array<{ nis: string; from: string; to: string | null }>;
}

export interface RegistryMerger {
  mergedKey: string;
  scenario: MergerScenario;
  effectiveOn: string;
  partners: Array<{ key: string; keepsIdentity: boolean; nisBefore: string }>;
}

const read = (file: string) =>
  parse(readFileSync(new URL(file, REFERENCE), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];

export function readMunicipalities(): Municipality[] {
  return read('municipalities-2025.csv').map((r) => ({
    nis: r.nis,
    nameNl: r.name_nl,
    nameFr: r.name_fr,
    nameDe: r.name_de,
    region: r.region as Region,
    province: r.province === '' ? null : r.province,
    language: r.language as AdministrationLanguage,
  }));
}

export function readMergers2025(): MergerLine[] {
  return read('mergers-2025.csv').map((r) => ({ newNis: r.new_nis, newName: r.new_name, oldNis: r.old_nis, oldName: r.old_name }));
}

/** Region and province of a pre-2025 NIS code from its leading digits (data README: first digit = province). */
export function placeOfNis(nis: string): { region: Region; province: string | null } {
  if (nis.startsWith('21')) return { region: 'BRU', province: null };
  if (nis.startsWith('23') || nis.startsWith('24')) return { region: 'VLG', province: 'Vlaams-Brabant' };
  if (nis.startsWith('25')) return { region: 'WAL', province: 'Waals-Brabant' };
  const byDigit: Record<string, [Region, string]> = {
    '1': ['VLG', 'Antwerpen'],
    '3': ['VLG', 'West-Vlaanderen'],
    '4': ['VLG', 'Oost-Vlaanderen'],
    '5': ['WAL', 'Henegouwen'],
    '6': ['WAL', 'Luik'],
    '7': ['VLG', 'Limburg'],
    '8': ['WAL', 'Luxemburg'],
    '9': ['WAL', 'Namen'],
  };
  const [region, province] = byDigit[nis[0]] ?? ['VLG', null];
  return { region, province };
}

/** "CPAS de Namur", "CPAS d'Anvers", "CPAS du Roeulx", "CPAS des Bons Villers". */
function cpasName(municipality: string): string {
  if (municipality.startsWith('Le ')) return `CPAS du ${municipality.slice(3)}`;
  if (municipality.startsWith('Les ')) return `CPAS des ${municipality.slice(4)}`;
  return /^[AEIOUYÉÈÊÂÎÔÛ]/i.test(municipality) ? `CPAS d'${municipality}` : `CPAS de ${municipality}`;
}

/** The OCMW's name in the three languages (portal.md §1.1: "OCMW/CPAS/ÖSHZ + municipality name"). */
export function ocmwNames(m: { nameNl: string; nameFr: string; nameDe: string }): { nl: string; fr: string; de: string } {
  return { nl: `OCMW ${m.nameNl}`, fr: cpasName(m.nameFr), de: `ÖSHZ ${m.nameDe}` };
}

/** A generated, checksum-valid KBO number for the OCMW of this NIS code (fictitious: `099` + NIS). */
export function fictitiousKbo(nis: string): string {
  return makeKbo(`099${nis}`);
}

/**
 * The registry of 1 January 2025 as rows: pure, so that its counts and each merger's shape are tested without a
 * database. Scenario 2 keeps the KBO number of the partner whose name continues, else of the first-named partner
 * (Q-MRG-1).
 */
export function buildRegistry(municipalities: Municipality[], lines: MergerLine[]): { organisations: RegistryOrganisation[]; mergers: RegistryMerger[] } {
  const byNewNis = new Map<string, MergerLine[]>();
  for (const line of lines) byNewNis.set(line.newNis, [...(byNewNis.get(line.newNis) ?? []), line]);
  const organisations: RegistryOrganisation[] = [];
  const mergers: RegistryMerger[] = [];
  const lastDay = dayBefore(MERGER_DATE_2025);
  for (const m of municipalities) {
    const base = {
      names: ocmwNames(m),
      administrationLanguage: m.language,
      region: m.region,
      province: m.province,
      validTo: null,
      hasOcmw: !NIS_WITHOUT_OCMW.has(m.nis),
    };
    const partners = byNewNis.get(m.nis);
    if (!partners) {
      organisations.push({
        key: m.nis,
        kbo: fictitiousKbo(m.nis),
        nis: m.nis,
        validFrom: REGISTRY_ORIGIN,
        nisHistory: [{ nis: m.nis, from: REGISTRY_ORIGIN, to: null }],
        ...base,
      });
      continue;
    }
    const scenario = SCENARIOS_2025[m.nis];
    if (!scenario) throw new Error(`No merger scenario known for ${m.nis} ${m.nameNl}`);
    const keeper =
      scenario === 'S1_NEW_KBO_NEW_NIS' ? undefined : (partners.find((p) => p.oldNis === m.nis) ?? partners.find((p) => p.oldName === m.nameNl) ?? partners[0]);
    if (keeper) {
      const history =
        keeper.oldNis === m.nis
          ? [{ nis: m.nis, from: REGISTRY_ORIGIN, to: null }]
          : [
              { nis: keeper.oldNis, from: REGISTRY_ORIGIN, to: lastDay },
              { nis: m.nis, from: MERGER_DATE_2025, to: null },
            ];
      organisations.push({ key: m.nis, kbo: fictitiousKbo(keeper.oldNis), nis: m.nis, validFrom: REGISTRY_ORIGIN, nisHistory: history, ...base });
    } else {
      organisations.push({
        key: m.nis,
        kbo: fictitiousKbo(m.nis),
        nis: m.nis,
        validFrom: MERGER_DATE_2025,
        nisHistory: [{ nis: m.nis, from: MERGER_DATE_2025, to: null }],
        ...base,
      });
    }
    for (const p of partners) {
      if (p === keeper) continue;
      const place = placeOfNis(p.oldNis);
      organisations.push({
        key: p.oldNis,
        kbo: fictitiousKbo(p.oldNis),
        nis: p.oldNis,
        names: ocmwNames({ nameNl: p.oldName, nameFr: p.oldName, nameDe: p.oldName }),
        administrationLanguage: place.region === 'WAL' ? 'fr' : 'nl',
        region: place.region,
        province: place.province,
        validFrom: REGISTRY_ORIGIN,
        validTo: lastDay,
        hasOcmw: true,
        nisHistory: [{ nis: p.oldNis, from: REGISTRY_ORIGIN, to: lastDay }],
      });
    }
    mergers.push({
      mergedKey: m.nis,
      scenario,
      effectiveOn: MERGER_DATE_2025,
      partners: partners.map((p) => ({ key: p === keeper ? m.nis : p.oldNis, keepsIdentity: p === keeper, nisBefore: p.oldNis })),
    });
  }
  return { organisations, mergers };
}

/** The language of the OCMW's users' pages by default: its own, French in bilingual Brussels `[A]`. */
export function pageLanguage(language: AdministrationLanguage): Language {
  return language === 'nl+fr' ? 'fr' : language;
}

const REGISTRY_LOADED = 'REGISTRY_LOADED';

/** Loads the registry once (first start); later starts change nothing — POD MI keeps it from then on. */
export async function seedRegistry(db: Db, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const loaded = await tx.selectFrom('registry_events').select('id').where('type', '=', REGISTRY_LOADED).executeTakeFirst();
    if (loaded) return false;
    const { organisations, mergers } = buildRegistry(readMunicipalities(), readMergers2025());
    await insertRegistry(tx, organisations, mergers, now);
    await tx
      .insertInto('registry_events')
      .values({
        occurred_at: now,
        actor_person_id: null,
        organisation_id: null,
        merger_id: null,
        type: REGISTRY_LOADED,
        payload: JSON.stringify({ organisations: organisations.length, mergers: mergers.length }),
      })
      .execute();
    return true;
  });
}

async function insertRegistry(tx: Tx, organisations: RegistryOrganisation[], mergers: RegistryMerger[], now: Date): Promise<void> {
  const ids = new Map(organisations.map((o) => [o.key, randomUUID()]));
  const mergerIds = new Map(mergers.map((m) => [m.mergedKey, randomUUID()]));
  const disappearsIn = new Map<string, string>();
  for (const m of mergers) for (const p of m.partners) if (!p.keepsIdentity) disappearsIn.set(p.key, mergerIds.get(m.mergedKey) as string);
  for (const chunk of chunks(organisations, 200)) {
    await tx
      .insertInto('organisations')
      .values(
        chunk.map((o) => ({
          id: ids.get(o.key) as string,
          type: 'OCMW' as const,
          kbo: o.kbo,
          nis: o.nis,
          name_nl: o.names.nl,
          name_fr: o.names.fr,
          name_de: o.names.de,
          language: pageLanguage(o.administrationLanguage),
          administration_language: o.administrationLanguage,
          region: o.region,
          province: o.province,
          valid_from: o.validFrom,
          valid_to: o.validTo,
          has_ocmw: o.hasOcmw,
          kbo_fictitious: true,
          iban: null,
          bic: null,
          contact_last_name: null,
          contact_first_name: null,
          contact_email: null,
          contact_phone: null,
        })),
      )
      .execute();
  }
  const identifiers = organisations.flatMap((o) => [
    { id: randomUUID(), organisation_id: ids.get(o.key) as string, scheme: 'KBO' as const, value: o.kbo, valid_from: o.validFrom, valid_to: o.validTo },
    ...o.nisHistory.map((h) => ({
      id: randomUUID(),
      organisation_id: ids.get(o.key) as string,
      scheme: 'NIS' as const,
      value: h.nis,
      valid_from: h.from,
      valid_to: h.to,
    })),
  ]);
  for (const chunk of chunks(identifiers, 500)) await tx.insertInto('organisation_identifiers').values(chunk).execute();
  for (const m of mergers) {
    const id = mergerIds.get(m.mergedKey) as string;
    await tx
      .insertInto('mergers')
      .values({
        id,
        merged_organisation_id: ids.get(m.mergedKey) as string,
        scenario: m.scenario,
        effective_on: m.effectiveOn,
        transition_ends_on: null,
        recorded_at: now,
        recorded_by: null,
      })
      .execute();
    await tx
      .insertInto('merger_partners')
      .values(m.partners.map((p) => ({ merger_id: id, organisation_id: ids.get(p.key) as string, keeps_identity: p.keepsIdentity, nis_before: p.nisBefore })))
      .execute();
  }
  for (const [key, mergerId] of disappearsIn) {
    await tx
      .updateTable('organisations')
      .set({ merger_id: mergerId })
      .where('id', '=', ids.get(key) as string)
      .execute();
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
