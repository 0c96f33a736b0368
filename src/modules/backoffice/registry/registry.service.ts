import { requireAccess } from '../../../access/access.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import type { Language } from '../../../i18n/language.ts';
import { organisationName } from '../../shared/organisation-name.ts';
import { identifierHistory, lifetimes, registryEventsOf } from '../../organisations/registry.repository.ts';
import { organisationStatus } from '../../organisations/registry-rules.ts';
import { brusselsDay } from '../../shared/brussels-time.ts';
import type { AdministrationLanguage, MergerScenario, OrganisationType, Region } from '../../shared/domain.ts';
import { NotFound } from '../../shared/errors.ts';
import { foldAccents } from '../../shared/fold-accents.ts';
import { findByIdentifierDigits, findOrganisation, listRegistry, mergersOfMerged } from './registry-admin.repository.ts';
import {
  type ChangeField,
  type FieldChange,
  type MergerOfMerged,
  type OrganisationDetail,
  PAGE_SIZE,
  type RegistryFilter,
  type RegistryList,
  type RegistryListRow,
  type RegistryLogEntry,
} from './registry.model.ts';

export * from './registry.model.ts';

/**
 * The registry as POD MI reads it (issue 13): the list (search, filters, pages) and one organisation's page. Every
 * POD MI staff member (BackofficeRead); changes are registry-edit.service.ts.
 *
 * The list filters in memory: the registry is the country's ≈ 600 organisations, read in one query, and the status is
 * a function of the day (registry-rules.ts) that stays written once rather than again in SQL.
 */

/**
 * The typed search as digits, when it is one (a KBO number with dots or spaces, a `BE` prefix, a NIS code). Up to five
 * digits it is (the start of) a NIS code, from six a KBO number or part of one: a generated KBO number contains its
 * OCMW's NIS code (`099` + NIS), which must not make every NIS search match two organisations.
 */
function searchDigits(search: string): string | null {
  const compact = search.replace(/[\s./-]/g, '').replace(/^BE/i, '');
  return /^\d+$/.test(compact) ? compact : null;
}

export async function registryList(ctx: ServiceContext, filter: RegistryFilter, lang: Language): Promise<RegistryList> {
  requireAccess(ctx.actor, 'BackofficeRead');
  const day = brusselsDay(ctx.now);
  const all = await listRegistry(ctx.db);
  const provinces = [...new Set(all.flatMap((o) => (o.province ? [o.province] : [])))].sort((a, b) => a.localeCompare(b, 'nl'));
  const search = foldAccents(filter.search).replace(/\s+/g, ' ').trim();
  const digits = search === '' ? null : searchDigits(search);
  // Digits: the KBO numbers and NIS codes every organisation holds or held; which one matched when it is a former one.
  let identifierMatch: Map<string, string | null> | null = null;
  if (digits !== null) {
    identifierMatch = new Map();
    const current = new Map(all.map((o) => [o.id, o]));
    for (const hit of await findByIdentifierDigits(ctx.db, digits, digits.length <= 5 ? 'NIS' : 'KBO')) {
      const org = current.get(hit.organisation_id);
      const isCurrent = org !== undefined && (hit.value === org.kbo || hit.value === org.nis);
      if (isCurrent) identifierMatch.set(hit.organisation_id, null);
      else if (!identifierMatch.has(hit.organisation_id)) identifierMatch.set(hit.organisation_id, hit.value);
    }
    for (const o of all) if (digits.length <= 5 ? (o.nis ?? '').startsWith(digits) : o.kbo.includes(digits)) identifierMatch.set(o.id, null);
  }
  const rows: RegistryListRow[] = [];
  for (const o of all) {
    const status = organisationStatus(
      { validFrom: o.valid_from, validTo: o.valid_to, disappears: o.merger_id !== null, transitionEndsOn: o.transition_ends_on },
      day,
    );
    if (filter.type && o.type !== filter.type) continue;
    if (filter.province && o.province !== filter.province) continue;
    if (filter.region && o.region !== filter.region) continue;
    if (filter.language && o.administration_language !== filter.language) continue;
    if (filter.status && status !== filter.status) continue;
    let formerIdentifier: string | null = null;
    if (identifierMatch) {
      if (!identifierMatch.has(o.id)) continue;
      formerIdentifier = identifierMatch.get(o.id) ?? null;
    } else if (search !== '' && ![o.name_nl, o.name_fr, o.name_de].some((n) => foldAccents(n).includes(search))) {
      continue;
    }
    rows.push({
      id: o.id,
      type: o.type,
      kbo: o.kbo,
      kboFictitious: o.kbo_fictitious,
      nis: o.nis,
      name: organisationName(o, lang),
      province: o.province,
      region: o.region,
      administrationLanguage: o.administration_language,
      hasOcmw: o.has_ocmw,
      status,
      formerIdentifier,
    });
  }
  const collator = new Intl.Collator(`${lang}-BE`, { sensitivity: 'base' });
  rows.sort((a, b) => collator.compare(a.name, b.name) || a.kbo.localeCompare(b.kbo));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page), pages);
  return { rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: rows.length, page, pages, filter: { ...filter, page }, provinces, day };
}

/** The changes an event's payload lists (ORGANISATION_CHANGED), read defensively: the log is append-only history. */
function changesOf(payload: Record<string, unknown>): FieldChange[] {
  const list = Array.isArray(payload.changes) ? payload.changes : [];
  return list.flatMap((c) => {
    if (!c || typeof c !== 'object') return [];
    const { field, before, after } = c as Record<string, unknown>;
    return typeof field === 'string' ? [{ field: field as ChangeField, before: String(before ?? ''), after: String(after ?? '') }] : [];
  });
}

export async function organisationDetail(ctx: ServiceContext, organisationId: string): Promise<OrganisationDetail> {
  requireAccess(ctx.actor, 'BackofficeRead');
  const org = await findOrganisation(ctx.db, organisationId);
  if (!org) throw new NotFound();
  const day = brusselsDay(ctx.now);
  const [[life], identifiers, events, merged] = await Promise.all([
    lifetimes(ctx.db, [organisationId]),
    identifierHistory(ctx.db, organisationId),
    registryEventsOf(ctx.db, organisationId),
    mergersOfMerged(ctx.db, organisationId),
  ]);
  const status = organisationStatus(
    { validFrom: org.valid_from, validTo: org.valid_to, disappears: org.merger_id !== null, transitionEndsOn: life?.transition_ends_on ?? null },
    day,
  );
  const mergedFrom: MergerOfMerged[] = [];
  for (const row of merged) {
    let merger = mergedFrom.find((m) => m.id === row.merger_id);
    if (!merger) {
      merger = { id: row.merger_id, scenario: row.scenario, effectiveOn: row.effective_on, transitionEndsOn: row.transition_ends_on, partners: [] };
      mergedFrom.push(merger);
    }
    merger.partners.push({
      id: row.id,
      kbo: row.kbo,
      name_nl: row.name_nl,
      name_fr: row.name_fr,
      name_de: row.name_de,
      administration_language: row.administration_language,
      keepsIdentity: row.keeps_identity,
      nisBefore: row.nis_before,
    });
  }
  const log: RegistryLogEntry[] = events.map((e) => {
    const payload = (e.payload ?? {}) as Record<string, unknown>;
    const via = payload.via as { line?: unknown } | undefined;
    return {
      at: new Date(e.occurred_at),
      who: e.first_name || e.last_name ? `${e.first_name ?? ''} ${e.last_name ?? ''}`.trim() : null,
      type: e.type,
      changes: changesOf(payload),
      nisFrom: typeof payload.nisFrom === 'string' ? payload.nisFrom : null,
      importLine: typeof via?.line === 'number' ? via.line : null,
    };
  });
  return {
    id: org.id,
    type: org.type as OrganisationType,
    kbo: org.kbo,
    kboFictitious: org.kbo_fictitious,
    nis: org.nis,
    names: { nl: org.name_nl, fr: org.name_fr, de: org.name_de },
    administrationLanguage: org.administration_language as AdministrationLanguage | null,
    region: org.region as Region | null,
    province: org.province,
    hasOcmw: org.has_ocmw,
    validFrom: org.valid_from,
    validTo: org.valid_to,
    day,
    status,
    version: org.version,
    disappearsIn:
      life?.successor_id && life.scenario && life.effective_on
        ? {
            successor: {
              id: life.successor_id,
              kbo: life.successor_kbo ?? '',
              name_nl: life.successor_name_nl ?? '',
              name_fr: life.successor_name_fr ?? '',
              name_de: life.successor_name_de ?? '',
            },
            scenario: life.scenario as MergerScenario,
            effectiveOn: life.effective_on,
            transitionEndsOn: life.transition_ends_on,
          }
        : null,
    mergedFrom,
    identifiers: identifiers.map((i) => ({ scheme: i.scheme, value: i.value, validFrom: i.valid_from, validTo: i.valid_to })),
    log,
  };
}
