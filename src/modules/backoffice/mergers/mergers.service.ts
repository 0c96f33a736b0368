import { can, requireAccess } from '../../../access/access.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { type Db, type Tx, withTransaction } from '../../../db/database.ts';
import { activeInReportYear, dayBefore, organisationStatus } from '../../organisations/registry-rules.ts';
import { findByIdentifierOn, giveIdentifier, holdersOf, lifetimes, recordRegistryEvent } from '../../organisations/registry.repository.ts';
import { brusselsDay } from '../../shared/brussels-time.ts';
import { NotFound } from '../../shared/errors.ts';
import type { MergerScenario } from '../../shared/domain.ts';
import {
  type MergerCheck,
  type MergerFacts,
  type MergerFormValues,
  type MergerPlan,
  type ParsedMerger,
  SCENARIOS,
  checkMerger,
  parseMergerForm,
  parseTransitionEnd,
  refKey,
} from './merger-input.ts';
import type { CopyReport, MergerDetail, MergerRow, MergersList, RecordConfirm, RecordReview, TransitionConfirm, TransitionReview } from './mergers.model.ts';
import {
  campaignCounts,
  endPartner,
  findIdByKbo,
  insertMergedOrganisation,
  insertMerger,
  insertPartners,
  kboEverUsed,
  listMergerRows,
  listPartners,
  lockMerger,
  lockOrganisations,
  mergerEvents,
  organisationFacts,
  renameOrganisation,
  setTransitionEnd,
  submittedCounts,
} from './mergers.repository.ts';

export type * from './mergers.model.ts';

/**
 * The mergers in POD MI's back office (issue 13, items 2 and 5; portal.md §1.3–1.5): the report per scenario with
 * each partner's state, one merger's page, recording a merger and changing its end of transition — each change in
 * two steps ("Opslaan" shows what changes, "Bevestigen" does it). Read: BackofficeRead; change: RegistryEdit.
 */

/** Registry log types written here (registry_events.type). */
export const MERGER_EVENTS = {
  recorded: 'MERGER_RECORDED',
  created: 'ORGANISATION_CREATED',
  disappears: 'ORGANISATION_DISAPPEARS',
  nisChanged: 'NIS_CHANGED',
  renamed: 'ORGANISATION_RENAMED',
  transition: 'MERGER_TRANSITION_CHANGED',
  copied: 'MERGER_ACCESS_COPIED',
} as const;

/** The report year a disappearing partner files last: the year of its last legal day (MRG-3). */
export function lastReportYear(effectiveOn: string): number {
  return Number(dayBefore(effectiveOn).slice(0, 4));
}

async function mergerRows(ctx: ServiceContext, mergerId?: string) {
  const rows = await listMergerRows(ctx.db, mergerId);
  const partners = await listPartners(
    ctx.db,
    rows.map((r) => r.id),
  );
  const ids = [...new Set(partners.map((p) => p.id))];
  const [lives, submitted, campaigns] = await Promise.all([lifetimes(ctx.db, ids), submittedCounts(ctx.db, ids), campaignCounts(ctx.db)]);
  const lifeOf = new Map(lives.map((l) => [l.id, l]));
  const today = brusselsDay(ctx.now);
  const result = rows.map((r) => {
    const year = lastReportYear(r.effective_on);
    const row: MergerRow = {
      id: r.id,
      scenario: r.scenario,
      merged: {
        id: r.merged_id,
        kbo: r.merged_kbo,
        nis: r.merged_nis,
        name_nl: r.name_nl,
        name_fr: r.name_fr,
        name_de: r.name_de,
        language: r.language,
        administration_language: r.administration_language,
      },
      effectiveOn: r.effective_on,
      transitionEndsOn: r.transition_ends_on,
      accessCopiedAt: r.access_copied_at ? new Date(r.access_copied_at) : null,
      partners: partners
        .filter((p) => p.merger_id === r.id)
        .map((p) => {
          const life = lifeOf.get(p.id);
          const lifetime = {
            validFrom: life?.valid_from ?? '1977-01-01',
            validTo: life?.valid_to ?? null,
            transitionEndsOn: life?.transition_ends_on ?? null,
            disappears: (life?.merger_id ?? null) !== null,
          };
          return {
            id: p.id,
            kbo: p.kbo,
            name_nl: p.name_nl,
            name_fr: p.name_fr,
            name_de: p.name_de,
            language: p.language,
            administration_language: p.administration_language,
            nisBefore: p.nis_before,
            keepsIdentity: p.keeps_identity,
            status: organisationStatus(lifetime, today),
            reportYear: year,
            submitted: submitted.get(`${p.id}:${year}`) ?? 0,
            offered: activeInReportYear(lifetime, year) ? (campaigns.get(year) ?? 0) : 0,
          };
        }),
    };
    return { row, raw: r };
  });
  return result;
}

/** The report: every merger grouped per scenario (S1, S2, S3), newest first, with each partner's state today. */
export async function mergersList(ctx: ServiceContext): Promise<MergersList> {
  requireAccess(ctx.actor, 'BackofficeRead');
  const rows = (await mergerRows(ctx)).map((r) => r.row);
  return {
    groups: SCENARIOS.map((scenario: MergerScenario) => ({ scenario, mergers: rows.filter((r) => r.scenario === scenario) })),
    canEdit: can(ctx.actor, 'RegistryEdit'),
  };
}

/** One merger: details, partners, the copy's report and the registry's log of it. */
export async function mergerDetail(ctx: ServiceContext, mergerId: string): Promise<MergerDetail> {
  requireAccess(ctx.actor, 'BackofficeRead');
  const [found] = await mergerRows(ctx, mergerId);
  if (!found) throw new NotFound();
  const events = await mergerEvents(ctx.db, mergerId);
  const r = found.raw;
  return {
    ...found.row,
    version: r.version,
    recordedAt: new Date(r.recorded_at),
    recordedBy: r.recorder_first_name ? `${r.recorder_first_name} ${r.recorder_last_name}`.trim() : null,
    copyReport: (r.access_copy_report as CopyReport | null) ?? null,
    events: events.map((e) => ({
      id: String(e.id),
      at: new Date(e.occurred_at),
      type: e.type,
      actor: e.first_name ? `${e.first_name} ${e.last_name}`.trim() : null,
      organisation: e.kbo
        ? {
            kbo: e.kbo,
            name_nl: e.name_nl ?? '',
            name_fr: e.name_fr ?? '',
            name_de: e.name_de ?? '',
            language: e.language,
            administration_language: e.administration_language,
          }
        : null,
      payload: (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as Record<string, unknown>,
    })),
    canEdit: can(ctx.actor, 'RegistryEdit'),
  };
}

// ------------------------------------------------------------------------------------------------ recording

/** Looks up what the form names: the partners (a NIS code as held the day before the merger), the new identifiers. */
async function gatherFacts(db: Db | Tx, parsed: ParsedMerger, today: string): Promise<MergerFacts> {
  const day = parsed.effectiveOn ? dayBefore(parsed.effectiveOn) : today;
  const refs = [...parsed.partners, ...(parsed.keeper ? [parsed.keeper] : [])];
  const idOf = new Map<string, string>();
  for (const ref of refs) {
    if (idOf.has(refKey(ref))) continue;
    // A NIS code names its holder on the day before the merger; else its latest holder (an OCMW that already
    // disappeared is then refused as such, not as unknown).
    const id =
      ref.scheme === 'KBO'
        ? await findIdByKbo(db, ref.value)
        : ((await findByIdentifierOn(db, 'NIS', ref.value, day))?.id ?? (await holdersOf(db, 'NIS', ref.value)).at(-1)?.organisation_id);
    if (id) idOf.set(refKey(ref), id);
  }
  const facts = await organisationFacts(db, [...new Set(idOf.values())]);
  const organisations = new Map<string, NonNullable<ReturnType<typeof facts.get>>>();
  for (const [key, id] of idOf) {
    const fact = facts.get(id);
    if (fact) organisations.set(key, fact);
  }
  return {
    organisations,
    newKboUsed: parsed.newKbo ? await kboEverUsed(db, parsed.newKbo) : false,
    newNisHolders: parsed.newNis
      ? (await holdersOf(db, 'NIS', parsed.newNis)).map((h) => ({ organisationId: h.organisation_id, validFrom: h.valid_from, validTo: h.valid_to }))
      : [],
  };
}

async function check(db: Db | Tx, values: MergerFormValues, today: string): Promise<MergerCheck> {
  const parsed = parseMergerForm(values);
  return checkMerger(parsed, await gatherFacts(db, parsed, today));
}

function overviewOf(values: MergerFormValues, plan: MergerPlan) {
  const keeper = plan.keeper;
  const created = plan.created;
  const names = created
    ? created.names
    : {
        nl: plan.keeperNames?.nl || keeper?.name_nl || '',
        fr: plan.keeperNames?.fr || keeper?.name_fr || '',
        de: plan.keeperNames?.de || keeper?.name_de || '',
      };
  return {
    values,
    scenario: plan.scenario,
    effectiveOn: plan.effectiveOn,
    lastDay: plan.lastDay,
    transitionEndsOn: plan.transitionEndsOn,
    merged: {
      kbo: created?.kbo ?? keeper?.kbo ?? '',
      nis: created?.nis ?? plan.keeperNis ?? keeper?.nis ?? '',
      names,
      isNew: created !== null,
      nisBefore: plan.keeperNis ? (keeper?.nis ?? null) : null,
      renamed: plan.keeperNames !== null,
    },
    partners: plan.partners.map((p) => ({
      id: p.id,
      kbo: p.kbo,
      nis: p.nis,
      name_nl: p.name_nl,
      name_fr: p.name_fr,
      name_de: p.name_de,
      language: p.language,
      administration_language: p.administration_language,
      keepsIdentity: p.id === keeper?.id,
    })),
    lastReportYear: lastReportYear(plan.effectiveOn),
  };
}

/** "Opslaan": the refusals next to their fields (nothing is written), or exactly what "Bevestigen" will write. */
export async function reviewMerger(ctx: ServiceContext, values: MergerFormValues): Promise<RecordReview> {
  requireAccess(ctx.actor, 'RegistryEdit');
  const checked = await check(ctx.db, values, brusselsDay(ctx.now));
  if (checked.kind === 'invalid') return checked;
  return { kind: 'review', overview: overviewOf(values, checked.plan) };
}

/** A unique or exclusion refusal of the database (SQLSTATE 23505): someone else took an identifier meanwhile. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * "Bevestigen": in one transaction, the partners' rows locked and every check made again under the lock — the
 * merged OCMW (S1, with its identifiers from the effective date), the keeper's new NIS (S2; giveIdentifier closes
 * the old one the day before), each disappearing partner's last day and merger, the merger and its partners, the
 * registry's log. Anything refused writes nothing.
 *
 * A disappearing partner's KBO and NIS periods end on its last legal day, as the registry's load does for the 2025
 * mergers: the identifier history records legal existence (ORG-1 "unique at any moment" then leaves its NIS free for
 * the merged OCMW, e.g. a code that moves in scenario 2). It still logs in and files its last reports during the
 * transition through `organisations.kbo`, which stays its URL key and is never given to another organisation.
 */
export async function confirmMerger(ctx: ServiceContext, values: MergerFormValues): Promise<RecordConfirm> {
  requireAccess(ctx.actor, 'RegistryEdit');
  const today = brusselsDay(ctx.now);
  const first = await check(ctx.db, values, today);
  if (first.kind === 'invalid') return first;
  try {
    return await withTransaction(ctx.db, async (tx) => {
      await lockOrganisations(
        tx,
        first.plan.partners.map((p) => p.id),
      );
      const checked = await check(tx, values, today);
      if (checked.kind === 'invalid') return checked;
      const mergerId = await writeMerger(tx, ctx, checked.plan);
      return { kind: 'recorded' as const, mergerId };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another transaction gave the same KBO number or NIS code, or recorded a merger of the same partner, meanwhile.
    const again = await check(ctx.db, values, today);
    return { kind: 'invalid', errors: again.kind === 'invalid' ? again.errors : { form: [{ code: 'conflict' }] } };
  }
}

async function writeMerger(tx: Tx, ctx: ServiceContext, plan: MergerPlan): Promise<string> {
  const by = ctx.actor.personId;
  const at = ctx.now;
  const event = (e: { organisationId?: string | null; mergerId: string; type: string; payload: Record<string, unknown> }) =>
    recordRegistryEvent(tx, { at, actorPersonId: by, ...e });
  const ref = (o: { id: string; kbo: string; nis: string | null; name_nl: string }) => ({ id: o.id, kbo: o.kbo, nis: o.nis, name: o.name_nl });

  let mergedId: string;
  if (plan.created) {
    const c = plan.created;
    mergedId = await insertMergedOrganisation(tx, {
      kbo: c.kbo,
      nis: c.nis,
      names: c.names,
      language: c.language === 'nl+fr' ? 'fr' : c.language,
      administrationLanguage: c.language,
      region: c.region,
      province: c.province,
      validFrom: plan.effectiveOn,
    });
  } else {
    mergedId = (plan.keeper as NonNullable<MergerPlan['keeper']>).id;
  }
  // The disappearing partners first: their identifiers' periods end the day before, so a NIS code they give up is
  // free for the merged OCMW from the effective date.
  const mergerId = await insertMerger(tx, {
    mergedId,
    scenario: plan.scenario,
    effectiveOn: plan.effectiveOn,
    transitionEndsOn: plan.transitionEndsOn,
    by,
    at,
  });
  await insertPartners(
    tx,
    mergerId,
    plan.partners.map((p) => ({ organisationId: p.id, keepsIdentity: p.id === plan.keeper?.id, nisBefore: p.nis ?? '' })),
  );
  for (const p of plan.disappearing) await endPartner(tx, p.id, mergerId, plan.lastDay);
  if (plan.created) {
    await giveIdentifier(tx, mergedId, 'KBO', plan.created.kbo, plan.effectiveOn, plan.lastDay);
    await giveIdentifier(tx, mergedId, 'NIS', plan.created.nis, plan.effectiveOn, plan.lastDay);
  }
  const keeper = plan.keeper;
  if (keeper && plan.keeperNis) await giveIdentifier(tx, keeper.id, 'NIS', plan.keeperNis, plan.effectiveOn, plan.lastDay);
  const renamed: { name_nl?: string; name_fr?: string; name_de?: string } = {};
  if (keeper && plan.keeperNames) {
    if (plan.keeperNames.nl) renamed.name_nl = plan.keeperNames.nl;
    if (plan.keeperNames.fr) renamed.name_fr = plan.keeperNames.fr;
    if (plan.keeperNames.de) renamed.name_de = plan.keeperNames.de;
    await renameOrganisation(tx, keeper.id, renamed);
  }

  const merged = plan.created
    ? { id: mergedId, kbo: plan.created.kbo, nis: plan.created.nis, name: plan.created.names.nl }
    : { ...ref(keeper as NonNullable<MergerPlan['keeper']>), nis: plan.keeperNis ?? keeper?.nis ?? null };
  await event({
    organisationId: mergedId,
    mergerId,
    type: MERGER_EVENTS.recorded,
    payload: {
      scenario: plan.scenario,
      effectiveOn: plan.effectiveOn,
      transitionEndsOn: plan.transitionEndsOn,
      merged,
      partners: plan.partners.map((p) => ({ ...ref(p), keepsIdentity: p.id === keeper?.id })),
    },
  });
  if (plan.created) await event({ organisationId: mergedId, mergerId, type: MERGER_EVENTS.created, payload: { ...merged, validFrom: plan.effectiveOn } });
  if (keeper && plan.keeperNis) {
    await event({
      organisationId: keeper.id,
      mergerId,
      type: MERGER_EVENTS.nisChanged,
      payload: { before: keeper.nis, after: plan.keeperNis, from: plan.effectiveOn },
    });
  }
  if (keeper && Object.keys(renamed).length > 0) {
    await event({
      organisationId: keeper.id,
      mergerId,
      type: MERGER_EVENTS.renamed,
      payload: { before: { name_nl: keeper.name_nl, name_fr: keeper.name_fr, name_de: keeper.name_de }, after: renamed },
    });
  }
  for (const p of plan.disappearing) {
    await event({ organisationId: p.id, mergerId, type: MERGER_EVENTS.disappears, payload: { ...ref(p), validTo: plan.lastDay, successor: merged } });
  }
  return mergerId;
}

// ------------------------------------------------------------------------------------------------ end of transition

async function transitionCheck(ctx: ServiceContext, mergerId: string, raw: string) {
  const merger = (await listMergerRows(ctx.db, mergerId))[0];
  if (!merger) throw new NotFound();
  const parsed = parseTransitionEnd(raw, merger.effective_on);
  if (parsed.problem) return { merger, errors: { transitionEndsOn: [parsed.problem] }, value: parsed.value };
  if (parsed.value === merger.transition_ends_on) return { merger, errors: { transitionEndsOn: [{ code: 'no_change' }] }, value: parsed.value };
  return { merger, errors: null, value: parsed.value };
}

/** "Opslaan" of a new end of transition (empty: "voorlopig"): before → after, with the version read. */
export async function reviewTransition(ctx: ServiceContext, mergerId: string, raw: string): Promise<TransitionReview> {
  requireAccess(ctx.actor, 'RegistryEdit');
  const { merger, errors, value } = await transitionCheck(ctx, mergerId, raw);
  if (errors) return { kind: 'invalid', errors };
  return { kind: 'review', overview: { mergerId, version: merger.version, value: raw.trim(), before: merger.transition_ends_on, after: value } };
}

/** "Bevestigen": compare-and-set on the merger's version; someone else's change since the overview: nothing changes. */
export async function confirmTransition(ctx: ServiceContext, mergerId: string, raw: string, version: number): Promise<TransitionConfirm> {
  requireAccess(ctx.actor, 'RegistryEdit');
  const { merger, errors, value } = await transitionCheck(ctx, mergerId, raw);
  if (merger.version !== version) return { kind: 'stale' };
  if (errors) return { kind: 'invalid', errors };
  return withTransaction(ctx.db, async (tx) => {
    const locked = await lockMerger(tx, mergerId);
    if (!locked || locked.version !== version) return { kind: 'stale' as const };
    if (!(await setTransitionEnd(tx, mergerId, version, value))) return { kind: 'stale' as const };
    await recordRegistryEvent(tx, {
      at: ctx.now,
      actorPersonId: ctx.actor.personId,
      organisationId: merger.merged_id,
      mergerId,
      type: MERGER_EVENTS.transition,
      payload: { before: locked.transition_ends_on, after: value },
    });
    return { kind: 'changed' as const };
  });
}
