import type { AdministrationLanguage, IdentifierScheme, MergerScenario, OrganisationType, Region } from '../../shared/domain.ts';
import { parseDate } from '../../forms/field-types.ts';
import { dayBefore, keepsKbo, newNis } from '../../organisations/registry-rules.ts';
import { isValidKbo } from '../../shared/identifiers.ts';

/**
 * Recording a merger (issue 13, item 2; portal.md §1.3, rules ORG-1 and §8.1): what the form posts, read and
 * checked by pure functions. The service looks the partners and identifiers up (MergerFacts) between the two steps.
 */

export const SCENARIOS: readonly MergerScenario[] = ['S1_NEW_KBO_NEW_NIS', 'S2_KEEP_KBO_NEW_NIS', 'S3_KEEP_KBO_KEEP_NIS'];
export const ADMINISTRATION_LANGUAGES: readonly AdministrationLanguage[] = ['nl', 'fr', 'de', 'nl+fr'];
export const REGIONS: readonly Region[] = ['VLG', 'BRU', 'WAL'];
const MAX_PARTNERS = 20;
const MAX_NAME = 200;

/** The form as posted (kept as typed on every error). */
export interface MergerFormValues {
  /** one KBO number or NIS code per line (commas and semicolons also separate) */
  partners: string;
  scenario: string;
  effectiveOn: string;
  transitionEndsOn: string;
  /** S2/S3: the partner that keeps its KBO (and in S3 its NIS), by KBO or NIS */
  keeper: string;
  /** S1: the merged OCMW's new KBO; S1 and S2: its new NIS */
  newKbo: string;
  newNis: string;
  nameNl: string;
  nameFr: string;
  nameDe: string;
  language: string;
  region: string;
  province: string;
}

export const EMPTY_MERGER_FORM: MergerFormValues = {
  partners: '',
  scenario: '',
  effectiveOn: '',
  transitionEndsOn: '',
  keeper: '',
  newKbo: '',
  newNis: '',
  nameNl: '',
  nameFr: '',
  nameDe: '',
  language: '',
  region: '',
  province: '',
};

export type MergerField = Exclude<keyof MergerFormValues, never> | 'form';

/** A refusal next to a field: the code of its text, with the value it is about (a line of the partners). */
export interface Problem {
  code: string;
  value?: string;
}

export type MergerErrors = Partial<Record<MergerField, Problem[]>>;

/** A partner as typed: a KBO number (10 digits, dots allowed) or a NIS code (5 digits). */
export interface PartnerRef {
  raw: string;
  scheme: IdentifierScheme;
  value: string;
}

/** The form read: typed values with the problems that need no database. */
export interface ParsedMerger {
  scenario: MergerScenario | null;
  effectiveOn: string | null;
  transitionEndsOn: string | null;
  partners: PartnerRef[];
  keeper: PartnerRef | null;
  newKbo: string | null;
  newNis: string | null;
  names: { nl: string; fr: string; de: string };
  language: AdministrationLanguage | null;
  region: Region | null;
  province: string;
  errors: MergerErrors;
}

function add(errors: MergerErrors, field: MergerField, problem: Problem): void {
  const list = errors[field] ?? [];
  list.push(problem);
  errors[field] = list;
}

/** A KBO number or NIS code as typed, or the problem with it. */
export function parseRef(raw: string): PartnerRef | Problem {
  const text = raw.trim();
  const digits = text.replace(/[.\s]/g, '');
  if (/^\d{10}$/.test(digits)) return isValidKbo(digits) ? { raw: text, scheme: 'KBO', value: digits } : { code: 'ref_checksum', value: text };
  if (/^\d{5}$/.test(digits)) return { raw: text, scheme: 'NIS', value: digits };
  return { code: 'ref_format', value: text };
}

const isProblem = (v: PartnerRef | Problem): v is Problem => 'code' in v;

/** Reads the form: what can be checked without the database (formats, dates, choices, the scenario's fields). */
export function parseMergerForm(values: MergerFormValues): ParsedMerger {
  const errors: MergerErrors = {};
  const scenario = (SCENARIOS as readonly string[]).includes(values.scenario) ? (values.scenario as MergerScenario) : null;
  if (!scenario) add(errors, 'scenario', { code: 'scenario_required' });

  let effectiveOn: string | null = null;
  if (values.effectiveOn.trim() === '') add(errors, 'effectiveOn', { code: 'date_required' });
  else {
    effectiveOn = parseDate(values.effectiveOn);
    if (!effectiveOn) add(errors, 'effectiveOn', { code: 'date_invalid' });
  }
  const transition = parseTransitionEnd(values.transitionEndsOn, effectiveOn);
  if (transition.problem) add(errors, 'transitionEndsOn', transition.problem);

  const partners: PartnerRef[] = [];
  const lines = values.partners
    .split(/[\n\r,;]+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const line of lines.slice(0, MAX_PARTNERS)) {
    const ref = parseRef(line);
    if (isProblem(ref)) add(errors, 'partners', ref);
    else partners.push(ref);
  }
  if (lines.length > MAX_PARTNERS) add(errors, 'partners', { code: 'partners_too_many' });

  let keeper: PartnerRef | null = null;
  if (scenario && keepsKbo(scenario)) {
    if (values.keeper.trim() === '') add(errors, 'keeper', { code: 'keeper_required' });
    else {
      const ref = parseRef(values.keeper);
      if (isProblem(ref)) add(errors, 'keeper', ref);
      else keeper = ref;
    }
  }

  let newKbo: string | null = null;
  if (scenario === 'S1_NEW_KBO_NEW_NIS') {
    const digits = values.newKbo.trim().replace(/[.\s]/g, '');
    if (digits === '') add(errors, 'newKbo', { code: 'kbo_required' });
    else if (!/^\d{10}$/.test(digits)) add(errors, 'newKbo', { code: 'kbo_format' });
    else if (!isValidKbo(digits)) add(errors, 'newKbo', { code: 'kbo_checksum' });
    else newKbo = digits;
  }
  let nis: string | null = null;
  if (scenario && newNis(scenario)) {
    const digits = values.newNis.trim();
    if (digits === '') add(errors, 'newNis', { code: 'nis_required' });
    else if (!/^\d{5}$/.test(digits)) add(errors, 'newNis', { code: 'nis_format' });
    else nis = digits;
  }

  const names = { nl: values.nameNl.trim(), fr: values.nameFr.trim(), de: values.nameDe.trim() };
  let language: AdministrationLanguage | null = null;
  let region: Region | null = null;
  const province = values.province.trim();
  if (scenario === 'S1_NEW_KBO_NEW_NIS' || scenario === 'S2_KEEP_KBO_NEW_NIS') {
    const required = scenario === 'S1_NEW_KBO_NEW_NIS';
    for (const [field, value] of [
      ['nameNl', names.nl],
      ['nameFr', names.fr],
      ['nameDe', names.de],
    ] as const) {
      if (value === '' && required) add(errors, field, { code: 'name_required' });
      else if (value.length > MAX_NAME) add(errors, field, { code: 'name_too_long' });
    }
  }
  if (scenario === 'S1_NEW_KBO_NEW_NIS') {
    language = (ADMINISTRATION_LANGUAGES as readonly string[]).includes(values.language) ? (values.language as AdministrationLanguage) : null;
    if (!language) add(errors, 'language', { code: 'language_invalid' });
    region = (REGIONS as readonly string[]).includes(values.region) ? (values.region as Region) : null;
    if (!region) add(errors, 'region', { code: 'region_invalid' });
    if (region && region !== 'BRU' && province === '') add(errors, 'province', { code: 'province_required' });
    if (province.length > MAX_NAME) add(errors, 'province', { code: 'name_too_long' });
  }
  return { scenario, effectiveOn, transitionEndsOn: transition.value, partners, keeper, newKbo, newNis: nis, names, language, region, province, errors };
}

/** The end of the transition as typed: empty is "voorlopig" (null); it must come after the effective date. */
export function parseTransitionEnd(raw: string, effectiveOn: string | null): { value: string | null; problem?: Problem } {
  if (raw.trim() === '') return { value: null };
  const day = parseDate(raw);
  if (!day) return { value: null, problem: { code: 'date_invalid' } };
  if (effectiveOn && day <= effectiveOn) return { value: day, problem: { code: 'transition_not_after_effective' } };
  return { value: day };
}

/** An organisation a partner line names, as the database has it. */
export interface OrganisationFact {
  id: string;
  type: OrganisationType;
  kbo: string;
  nis: string | null;
  name_nl: string;
  name_fr: string;
  name_de: string;
  language?: string | null;
  administration_language?: string | null;
  hasOcmw: boolean;
  validFrom: string;
  validTo: string | null;
  /** the merger it already disappears in */
  mergerId: string | null;
  /** effective dates of the mergers it is the merged OCMW of */
  absorbsOn: string[];
  /** the latest start of its open identifiers (a new period may only begin after it) */
  openIdentifiersFrom: string | null;
}

/** What the service looked up for a parsed form. */
export interface MergerFacts {
  /** the organisation each partner (and the keeper) names, by `scheme:value`; absent: unknown */
  organisations: Map<string, OrganisationFact>;
  /** S1: has the new KBO number ever been used (an organisation, an identifier)? */
  newKboUsed: boolean;
  /** who held the new NIS code, with the periods */
  newNisHolders: Array<{ organisationId: string; validFrom: string; validTo: string | null }>;
}

export const refKey = (ref: PartnerRef) => `${ref.scheme}:${ref.value}`;

/** A merger ready to be written: every check passed. */
export interface MergerPlan {
  scenario: MergerScenario;
  effectiveOn: string;
  /** the disappearing partners' last legal day */
  lastDay: string;
  transitionEndsOn: string | null;
  /** every partner in the order typed, the keeper included */
  partners: OrganisationFact[];
  keeper: OrganisationFact | null;
  /** the partners that disappear (all in S1) */
  disappearing: OrganisationFact[];
  /** S1: the merged OCMW to create */
  created: {
    kbo: string;
    nis: string;
    names: { nl: string; fr: string; de: string };
    language: AdministrationLanguage;
    region: Region;
    province: string | null;
  } | null;
  /** S2: the keeper's new NIS code and, when typed, new names */
  keeperNis: string | null;
  keeperNames: { nl: string; fr: string; de: string } | null;
}

export type MergerCheck = { kind: 'invalid'; errors: MergerErrors } | { kind: 'ok'; plan: MergerPlan };

/**
 * The checks that need the database's facts: every partner known, an OCMW, named once, not already disappearing or
 * ended, existing before the effective date, not absorbing others later; at least two partners; the keeper among
 * them and not disappearing; the new KBO never used; the new NIS free from the effective date (the partners that
 * disappear give theirs up the day before).
 */
export function checkMerger(parsed: ParsedMerger, facts: MergerFacts): MergerCheck {
  const errors: MergerErrors = structuredClone(parsed.errors);
  const { scenario, effectiveOn } = parsed;
  const lastDay = effectiveOn ? dayBefore(effectiveOn) : null;
  const keeperFact = parsed.keeper ? facts.organisations.get(refKey(parsed.keeper)) : undefined;
  if (parsed.keeper && !keeperFact) add(errors, 'keeper', { code: 'partner_unknown', value: parsed.keeper.raw });

  const partners: OrganisationFact[] = [];
  const seen = new Set<string>();
  for (const ref of parsed.partners) {
    const org = facts.organisations.get(refKey(ref));
    if (!org) {
      add(errors, 'partners', { code: 'partner_unknown', value: ref.raw });
      continue;
    }
    if (seen.has(org.id)) {
      add(errors, 'partners', { code: 'partner_twice', value: ref.raw });
      continue;
    }
    seen.add(org.id);
    partners.push(org);
    const isKeeper = keeperFact?.id === org.id;
    if (org.type !== 'OCMW' || !org.hasOcmw) add(errors, 'partners', { code: 'partner_not_ocmw', value: ref.raw });
    else if (org.mergerId !== null || org.validTo !== null) {
      // the keeper's own problem is said next to the keeper (a successor that is itself disappearing)
      if (!isKeeper) add(errors, 'partners', { code: org.mergerId !== null ? 'partner_in_merger' : 'partner_ended', value: ref.raw });
    } else if (lastDay && (org.validFrom > lastDay || (org.openIdentifiersFrom !== null && org.openIdentifiersFrom > lastDay)))
      add(errors, 'partners', { code: 'partner_too_late', value: ref.raw });
    else if (!isKeeper && effectiveOn && org.absorbsOn.some((d) => d >= effectiveOn)) add(errors, 'partners', { code: 'partner_in_merger', value: ref.raw });
  }
  if (parsed.partners.length > 0 && partners.length < 2 && !errors.partners) add(errors, 'partners', { code: 'partners_too_few' });
  if (parsed.partners.length === 0 && !errors.partners) add(errors, 'partners', { code: 'partners_too_few' });

  if (keeperFact) {
    if (!partners.some((p) => p.id === keeperFact.id)) add(errors, 'keeper', { code: 'keeper_not_partner', value: parsed.keeper?.raw });
    else if (keeperFact.mergerId !== null || keeperFact.validTo !== null) add(errors, 'keeper', { code: 'keeper_disappearing', value: parsed.keeper?.raw });
    else if (effectiveOn && keeperFact.absorbsOn.includes(effectiveOn)) add(errors, 'keeper', { code: 'keeper_same_day', value: parsed.keeper?.raw });
  }

  if (scenario === 'S1_NEW_KBO_NEW_NIS' && parsed.newKbo && facts.newKboUsed) add(errors, 'newKbo', { code: 'kbo_used' });
  const target = scenario === 'S2_KEEP_KBO_NEW_NIS' ? keeperFact?.id : undefined;
  const disappearing = partners.filter((p) => p.id !== keeperFact?.id || scenario === 'S1_NEW_KBO_NEW_NIS');
  const givingUp = new Set(disappearing.map((p) => p.id));
  if (parsed.newNis && effectiveOn) {
    if (target && keeperFact?.nis === parsed.newNis) add(errors, 'newNis', { code: 'nis_unchanged' });
    else {
      const taken = facts.newNisHolders.some(
        (h) =>
          h.organisationId !== target && (h.validTo === null || h.validTo >= effectiveOn) && !(givingUp.has(h.organisationId) && h.validFrom < effectiveOn),
      );
      if (taken) add(errors, 'newNis', { code: 'nis_taken' });
    }
  }

  if (Object.keys(errors).length > 0 || !scenario || !effectiveOn || !lastDay) return { kind: 'invalid', errors };
  const s1 = scenario === 'S1_NEW_KBO_NEW_NIS';
  const names = parsed.names;
  return {
    kind: 'ok',
    plan: {
      scenario,
      effectiveOn,
      lastDay,
      transitionEndsOn: parsed.transitionEndsOn,
      partners,
      keeper: s1 ? null : (keeperFact ?? null),
      disappearing,
      created:
        s1 && parsed.newKbo && parsed.newNis && parsed.language && parsed.region
          ? {
              kbo: parsed.newKbo,
              nis: parsed.newNis,
              names,
              language: parsed.language,
              region: parsed.region,
              province: parsed.region === 'BRU' ? null : parsed.province,
            }
          : null,
      keeperNis: scenario === 'S2_KEEP_KBO_NEW_NIS' ? parsed.newNis : null,
      keeperNames: scenario === 'S2_KEEP_KBO_NEW_NIS' && (names.nl || names.fr || names.de) ? names : null,
    },
  };
}
