import { foldAccents } from '../shared/fold-accents.ts';
import {
  ACCESS_ROLES,
  type GrantableApplication,
  type ManagedRole,
  type Refusal,
  actOnPerson,
  isAccessRole,
  isGrantableApplication,
  mayManageRole,
  mayManageUsers,
} from '../../access/access-rules.ts';
import { AccessDenied, requireAccess } from '../../access/access.ts';
import { OCMW_DOMAIN, insertGrant } from '../../access/grants.repository.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { type AuditEventType, appendAudit } from '../../audit/audit.ts';
import { type Tx, withTransaction } from '../../db/database.ts';
import type { AccessRole, RightCode } from '../../db/types.ts';
import { formatInsz } from '../shared/identifiers.ts';
import { NotFound } from '../shared/errors.ts';
import { parseDate } from '../forms/field-types.ts';
import { blockEnd } from './block-end.ts';
import { findOrganisation, lockOrganisation } from '../organisations/organisations.repository.ts';
import { organisationName } from '../shared/organisation-name.ts';
import { type PersonInput, inszError, maskInsz, normaliseInsz, validatePersonInput } from './access-input.ts';
import {
  type MemberRow,
  deleteDraft,
  ensurePerson,
  findDraft,
  findMember,
  findPersonByInsz,
  insertDraft,
  listAccessEvents,
  listMembers,
  lockMemberVersion,
  revokeSessionsIn,
  withdrawGrants,
  writeBlock,
  writeMember,
} from './access-management.repository.ts';
import {
  type AccessDraft,
  type AccessHome,
  type AccessPerson,
  type AccessPowers,
  type ConfirmResult,
  type DataChange,
  type DraftOverview,
  type Flash,
  LIST_ACTIONS,
  type ListAction,
  type ListField,
  type ListInput,
  type MemberDataValues,
  type PersonFormModel,
  type PersonRef,
  type Purpose,
  REFUSAL_KEYS,
  REFUSAL_NAMED_KEYS,
  ROLE_OF_PURPOSE,
  type RoleDraft,
  type UserDraft,
} from './access-management.model.ts';

export * from './access-management.model.ts';

/** An unconfirmed change expires after this many minutes (portal.md §3.5 `[A]`). */
export const DRAFT_MINUTES = 30;

const DOMAIN = OCMW_DOMAIN;

// ------------------------------------------------------------------------------------------------- reading

function personName(m: { firstName: string; lastName: string }): string {
  return `${m.firstName} ${m.lastName}`.trim();
}

function applicationsOf(rights: readonly string[]): GrantableApplication[] {
  return rights.filter(isGrantableApplication);
}

function rolesOf(rights: readonly string[]): AccessRole[] {
  return ACCESS_ROLES.filter((r) => rights.includes(r));
}

function toAccessPerson(ctx: ServiceContext, m: MemberRow): AccessPerson {
  return {
    personId: m.personId,
    name: personName(m),
    inszMasked: maskInsz(m.insz),
    email: m.email,
    phone: m.phone,
    language: m.language,
    applications: applicationsOf(m.rights),
    roles: rolesOf(m.rights),
    blocked: m.blocked,
    blockedUntil: m.blockedUntil,
    version: m.version,
    refusal: actOnPerson(ctx.actor, m),
  };
}

export function accessPowers(ctx: ServiceContext): AccessPowers {
  const rights = ctx.actor.rights;
  return {
    manageUsers: mayManageUsers(rights),
    changeTb: mayManageRole(rights, 'TB'),
    manageCoHtb: mayManageRole(rights, 'CO_HTB'),
    manageCoTb: mayManageRole(rights, 'CO_TB'),
  };
}

/** The home of Toegangsbeheer: the organisation, its HTB and co-HTBs, the domain's TB, co-TBs and users. */
export async function accessHome(ctx: ServiceContext, filter: string, lang: string): Promise<AccessHome> {
  requireAccess(ctx.actor, 'AccessManage');
  const organisationId = currentOrganisationId(ctx);
  const [organisation, members] = await Promise.all([findOrganisation(ctx.db, organisationId), listMembers(ctx.db, organisationId, ctx.now)]);
  if (!organisation) throw new NotFound();
  const people = members.map((m) => toAccessPerson(ctx, m));
  const holding = (role: AccessRole) => people.filter((p) => p.roles.includes(role));
  const wanted = foldAccents(filter.trim());
  const users = wanted === '' ? people : people.filter((p) => foldAccents(p.name).includes(wanted));
  return {
    organisationName: organisationName(organisation, lang),
    kbo: organisation.kbo,
    domainName: DOMAIN,
    htb: holding('HTB')[0] ?? null,
    coHtbs: holding('CO_HTB'),
    tb: holding('TB')[0] ?? null,
    coTbs: holding('CO_TB'),
    users,
    userCount: people.length,
    filter: filter.trim(),
    powers: accessPowers(ctx),
    canReadAudit: ctx.actor.rights.some(isAccessRole),
  };
}

/** 403 unless the actor may use this purpose of the person form at all. */
export function requirePurpose(ctx: ServiceContext, purpose: Purpose): void {
  requireAccess(ctx.actor, 'AccessManage');
  const allowed = purpose === 'user' ? mayManageUsers(ctx.actor.rights) : mayManageRole(ctx.actor.rights, ROLE_OF_PURPOSE[purpose]);
  if (!allowed) throw new AccessDenied('AccessManage');
}

function emptyInput(insz: string): PersonInput {
  return { insz, firstName: '', lastName: '', email: '', phone: '', language: '', applications: [], keepAsCoTb: false };
}

async function currentTbOf(ctx: ServiceContext, organisationId: string): Promise<MemberRow | undefined> {
  return (await listMembers(ctx.db, organisationId, ctx.now)).find((m) => m.rights.includes('TB'));
}

export type StartResult = { kind: 'invalid'; error: string; insz: string } | { kind: 'open_user'; personId: string } | { kind: 'form'; form: PersonFormModel };

/**
 * Step 1 of an addition or appointment: the INSZ and "Volgende". A person already present opens their page (a user);
 * a wrong INSZ, someone already holding the role, oneself or a higher role is said next to the field.
 */
export async function startPerson(ctx: ServiceContext, purpose: Purpose, rawInsz: string): Promise<StartResult> {
  requirePurpose(ctx, purpose);
  const organisationId = currentOrganisationId(ctx);
  const error = inszError(rawInsz);
  const insz = normaliseInsz(rawInsz);
  if (error || !insz) return { kind: 'invalid', error: error ?? 'access.error.insz_format', insz: rawInsz };
  const person = await findPersonByInsz(ctx.db, insz);
  const member = person ? await findMember(ctx.db, organisationId, person.id, ctx.now) : undefined;
  const present = (member?.rights.length ?? 0) > 0;
  if (purpose === 'user' && person && present) return { kind: 'open_user', personId: person.id };
  if (purpose !== 'user') {
    const role = ROLE_OF_PURPOSE[purpose];
    if (member?.rights.includes(role)) return { kind: 'invalid', error: 'access.error.already_role', insz: rawInsz };
    if (person) {
      const refusal = actOnPerson(ctx.actor, { personId: person.id, rights: member?.rights ?? [] });
      if (refusal) return { kind: 'invalid', error: REFUSAL_KEYS[refusal], insz: rawInsz };
    }
  }
  const organisation = await findOrganisation(ctx.db, organisationId);
  const input: PersonInput = {
    ...emptyInput(formatInsz(insz)),
    firstName: person?.first_name ?? '',
    lastName: person?.last_name ?? '',
    email: member?.email ?? person?.email ?? '',
    phone: member?.phone ?? '',
    language: member?.language ?? person?.language ?? organisation?.language ?? '',
    applications: member ? applicationsOf(member.rights) : [],
    keepAsCoTb: false,
  };
  const tb = purpose === 'tb' ? await currentTbOf(ctx, organisationId) : undefined;
  return {
    kind: 'form',
    form: {
      purpose,
      personId: person?.id ?? null,
      inszDisplay: formatInsz(insz),
      namesKnown: person !== undefined,
      version: member?.version ?? 0,
      input,
      errors: {},
      currentTb: tb ? { name: personName(tb) } : null,
      present: false,
      blocked: member?.blocked ?? false,
      refusal: null,
      changedMeanwhile: false,
    },
  };
}

/** The page of one user of the domain: their data and applications, to change in two steps. */
export async function userForm(ctx: ServiceContext, personId: string): Promise<PersonFormModel> {
  requirePurpose(ctx, 'user');
  const member = await findMember(ctx.db, currentOrganisationId(ctx), personId, ctx.now);
  if (!member || member.rights.length === 0) throw new NotFound();
  return {
    purpose: 'user',
    personId,
    inszDisplay: formatInsz(member.insz),
    namesKnown: true,
    version: member.version,
    input: {
      insz: formatInsz(member.insz),
      firstName: member.firstName,
      lastName: member.lastName,
      email: member.email ?? '',
      phone: member.phone ?? '',
      language: member.language ?? '',
      applications: applicationsOf(member.rights),
      keepAsCoTb: false,
    },
    errors: {},
    currentTb: null,
    present: true,
    blocked: member.blocked,
    refusal: actOnPerson(ctx.actor, member),
    changedMeanwhile: false,
  };
}

export type SaveResult =
  | { kind: 'invalid'; form: PersonFormModel; status: 409 | 422 }
  | { kind: 'draft'; id: string }
  | { kind: 'unchanged' }
  | { kind: 'refused'; reason: Refusal; form: PersonFormModel };

function dataChanges(member: MemberRow | undefined, data: MemberDataValues): DataChange[] {
  const before = { email: member?.email ?? null, phone: member?.phone ?? null, language: member?.language ?? null };
  return (['email', 'phone', 'language'] as const)
    .filter((field) => (before[field] ?? null) !== (data[field] ?? null))
    .map((field) => ({ field, before: before[field], after: data[field] }));
}

/**
 * Step 2: "Opslaan". Validates what was typed (kept as typed with the messages next to the fields), checks the rules
 * and the version the form was read at, then stores the change as a draft for the overview. Nothing changes yet.
 */
export async function savePerson(ctx: ServiceContext, purpose: Purpose, version: number, input: PersonInput): Promise<SaveResult> {
  requirePurpose(ctx, purpose);
  const organisationId = currentOrganisationId(ctx);
  const insz = normaliseInsz(input.insz);
  const person = insz ? await findPersonByInsz(ctx.db, insz) : undefined;
  const member = person ? await findMember(ctx.db, organisationId, person.id, ctx.now) : undefined;
  const tb = purpose === 'tb' ? await currentTbOf(ctx, organisationId) : undefined;
  const form: PersonFormModel = {
    purpose,
    personId: person?.id ?? null,
    inszDisplay: insz ? formatInsz(insz) : input.insz,
    namesKnown: person !== undefined,
    version,
    input: person ? { ...input, firstName: person.first_name, lastName: person.last_name } : input,
    errors: {},
    currentTb: tb ? { name: personName(tb) } : null,
    present: (member?.rights.length ?? 0) > 0,
    blocked: member?.blocked ?? false,
    refusal: null,
    changedMeanwhile: false,
  };
  const inszProblem = inszError(input.insz);
  if (inszProblem || !insz) return { kind: 'invalid', form: { ...form, errors: { insz: inszProblem ?? 'access.error.insz_format' } }, status: 422 };
  const targetRights = member?.rights ?? [];
  const role = purpose === 'user' ? null : ROLE_OF_PURPOSE[purpose];
  if (person) {
    const refusal = actOnPerson(ctx.actor, { personId: person.id, rights: targetRights });
    // A new user who is no member yet has no role: actOnPerson only refuses oneself there.
    if (refusal) {
      await auditRefusal(ctx, organisationId, purpose === 'user' ? 'USER' : 'ROLE', refusal, [{ id: person.id, name: personName(fromPerson(person)) }], role);
      return { kind: 'refused', reason: refusal, form: { ...form, refusal } };
    }
  }
  if (role && targetRights.includes(role)) return { kind: 'invalid', form: { ...form, errors: { insz: 'access.error.already_role' } }, status: 422 };
  const holdsRole = targetRights.some(isAccessRole);
  const validation = validatePersonInput(input, { namesKnown: person !== undefined, withApplications: purpose === 'user', applicationsRequired: !holdsRole });
  if (!validation.ok) return { kind: 'invalid', form: { ...form, errors: validation.errors }, status: 422 };
  const current = member?.version ?? 0;
  if (current !== version) return { kind: 'invalid', form: { ...form, version: current, changedMeanwhile: true }, status: 409 };
  const data: MemberDataValues = { email: validation.data.email, phone: validation.data.phone, language: validation.data.language };
  const ref: PersonRef = {
    personId: person?.id ?? null,
    insz,
    name: person ? personName(fromPerson(person)) : `${validation.data.firstName} ${validation.data.lastName}`,
    version: current,
  };
  const newPerson = person ? null : { firstName: validation.data.firstName, lastName: validation.data.lastName };
  let draft: AccessDraft;
  if (purpose === 'user') {
    const before = applicationsOf(targetRights);
    const after = validation.data.applications;
    const userDraft: UserDraft = {
      kind: 'USER',
      person: ref,
      newPerson,
      added: targetRights.length === 0,
      data,
      changes: dataChanges(member, data),
      grant: after.filter((a) => !before.includes(a)),
      revoke: before.filter((a) => !after.includes(a)),
      keep: before.filter((a) => after.includes(a)),
    };
    if (!userDraft.added && userDraft.changes.length === 0 && userDraft.grant.length === 0 && userDraft.revoke.length === 0) return { kind: 'unchanged' };
    draft = userDraft;
  } else {
    const managed = ROLE_OF_PURPOSE[purpose];
    let previous: RoleDraft['previous'] = null;
    if (managed === 'TB' && tb) {
      const refusal = actOnPerson(ctx.actor, tb);
      if (refusal) {
        await auditRefusal(ctx, organisationId, 'ROLE', refusal, [{ id: tb.personId, name: personName(tb) }], 'TB');
        return { kind: 'refused', reason: refusal, form: { ...form, refusal } };
      }
      previous = { personId: tb.personId, insz: tb.insz, name: personName(tb), version: tb.version, keepAsCoTb: input.keepAsCoTb };
    }
    draft = { kind: 'ROLE', role: managed, person: ref, newPerson, data, changes: dataChanges(member, data), previous };
  }
  return { kind: 'draft', id: await saveDraft(ctx, organisationId, draft) };
}

/** Keeps the actor's draft for DRAFT_MINUTES: the confirmation page shows it, confirming carries it out. */
async function saveDraft(ctx: ServiceContext, organisationId: string, draft: AccessDraft): Promise<string> {
  return insertDraft(ctx.db, {
    organisationId,
    actorPersonId: ctx.actor.personId,
    kind: draft.kind,
    payload: draft as unknown as Record<string, unknown>,
    now: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + DRAFT_MINUTES * 60_000),
  });
}

function fromPerson(p: { first_name: string; last_name: string }) {
  return { firstName: p.first_name, lastName: p.last_name };
}

export type ListErrors = Partial<Record<ListField, { key: string; name?: string }>>;
export type ListResult = { kind: 'invalid'; errors: ListErrors } | { kind: 'draft'; id: string };

/** "Uitvoeren" on the ticked users: remove, block (optionally until a day) or unblock — the confirmation comes next. */
export async function listAction(ctx: ServiceContext, input: ListInput): Promise<ListResult> {
  requirePurpose(ctx, 'user');
  const organisationId = currentOrganisationId(ctx);
  const errors: ListErrors = {};
  const action = (LIST_ACTIONS as readonly string[]).includes(input.action) ? (input.action as ListAction) : null;
  if (!action) errors.action = { key: 'access.error.action' };
  const members = await listMembers(ctx.db, organisationId, ctx.now);
  const chosen = members.filter((m) => input.personIds.includes(m.personId));
  if (chosen.length === 0) errors.personIds = { key: 'access.error.none_ticked' };
  let until: string | null = null;
  if (action === 'block' && input.until.trim() !== '') {
    until = parseDate(input.until);
    if (!until) errors.until = { key: 'access.error.date' };
    else if (blockEnd(until) <= ctx.now) errors.until = { key: 'access.error.until_past' };
  }
  if (action && chosen.length > 0) {
    for (const m of chosen) {
      const refusal = actOnPerson(ctx.actor, m);
      if (refusal) {
        await auditRefusal(ctx, organisationId, action.toUpperCase(), refusal, [{ id: m.personId, name: personName(m) }], null);
        errors.personIds = { key: REFUSAL_NAMED_KEYS[refusal], name: personName(m) };
        break;
      }
      if (action === 'unblock' && !m.blocked) {
        errors.personIds = { key: 'access.error.not_blocked', name: personName(m) };
        break;
      }
    }
  }
  if (Object.keys(errors).length > 0 || !action) return { kind: 'invalid', errors };
  const draft: AccessDraft = {
    kind: action === 'remove' ? 'REMOVE' : action === 'block' ? 'BLOCK' : 'UNBLOCK',
    persons: chosen.map((m) => ({ personId: m.personId, insz: m.insz, name: personName(m), version: m.version })),
    until,
  };
  return { kind: 'draft', id: await saveDraft(ctx, organisationId, draft) };
}

/** Remove a co-HTB or co-TB (or step 1 of taking the TB role away): the confirmation comes next. */
export async function removeRole(
  ctx: ServiceContext,
  role: ManagedRole,
  personId: string,
): Promise<{ kind: 'draft'; id: string } | { kind: 'refused'; reason: Refusal }> {
  requireAccess(ctx.actor, 'AccessManage');
  if (!mayManageRole(ctx.actor.rights, role)) throw new AccessDenied('AccessManage');
  const organisationId = currentOrganisationId(ctx);
  const member = await findMember(ctx.db, organisationId, personId, ctx.now);
  if (!member) throw new NotFound();
  if (!member.rights.includes(role)) throw new NotFound();
  const refusal = actOnPerson(ctx.actor, member);
  if (refusal) {
    await auditRefusal(ctx, organisationId, 'REMOVE_ROLE', refusal, [{ id: personId, name: personName(member) }], role);
    return { kind: 'refused', reason: refusal };
  }
  const draft: AccessDraft = { kind: 'REMOVE_ROLE', role, person: { personId, insz: member.insz, name: personName(member), version: member.version } };
  return { kind: 'draft', id: await saveDraft(ctx, organisationId, draft) };
}

/** The overview of a draft of the actor in this organisation (another's, an expired or a confirmed one: not found). */
export async function draftOverview(ctx: ServiceContext, id: string): Promise<DraftOverview> {
  requireAccess(ctx.actor, 'AccessManage');
  const row = await findDraft(ctx.db, id, currentOrganisationId(ctx), ctx.actor.personId, ctx.now);
  if (!row) throw new NotFound();
  return { id: row.id, draft: row.payload as unknown as AccessDraft, expiresAt: new Date(row.expires_at) };
}

/** "Annuleren" on the overview: the draft goes, nothing changed. */
export async function cancelDraft(ctx: ServiceContext, id: string): Promise<void> {
  requireAccess(ctx.actor, 'AccessManage');
  const row = await findDraft(ctx.db, id, currentOrganisationId(ctx), ctx.actor.personId, ctx.now);
  if (row) await deleteDraft(ctx.db, row.id);
}

// ------------------------------------------------------------------------------------------------- confirming

function draftRole(draft: AccessDraft): ManagedRole | null {
  return draft.kind === 'ROLE' || draft.kind === 'REMOVE_ROLE' ? draft.role : null;
}

function mayDraft(ctx: ServiceContext, draft: AccessDraft): boolean {
  const role = draftRole(draft);
  return role ? mayManageRole(ctx.actor.rights, role) : mayManageUsers(ctx.actor.rights);
}

/** The persons a draft changes, each with the version it was made from. */
function refsOf(draft: AccessDraft): PersonRef[] {
  if ('persons' in draft) return draft.persons;
  if (draft.kind === 'ROLE' && draft.previous) return [draft.person, draft.previous];
  return [draft.person];
}

/**
 * "Bevestigen": in one transaction (the organisation's row locked, so the access changes of one organisation take
 * turns), the draft is checked against the versions it was made from and the rules as they stand now, then applied
 * and written in the audit trail. Stale or refused: nothing changes, the attempt is written in the audit trail.
 */
export async function confirmDraft(ctx: ServiceContext, id: string): Promise<ConfirmResult> {
  requireAccess(ctx.actor, 'AccessManage');
  const organisationId = currentOrganisationId(ctx);
  return withTransaction(ctx.db, async (tx): Promise<ConfirmResult> => {
    await lockOrganisation(tx, organisationId);
    const row = await findDraft(tx, id, organisationId, ctx.actor.personId, ctx.now, true);
    if (!row) return { kind: 'expired' };
    const draft = row.payload as unknown as AccessDraft;
    const refs = refsOf(draft);
    const refuse = async (reason: Refusal | 'stale', names: string[]) => {
      await appendAudit(tx, {
        organisationId,
        actorPersonId: ctx.actor.personId,
        type: 'ACCESS_CHANGE_REFUSED',
        subjectId: refs.length === 1 ? refs[0].personId : null,
        payload: { domain: domainOf(draft), change: draft.kind, role: draftRole(draft), reason, persons: refs.map(auditPerson) },
        at: ctx.now,
      });
      await deleteDraft(tx, row.id);
      return names;
    };
    if (!mayDraft(ctx, draft)) {
      await refuse('not_allowed', []);
      return { kind: 'refused', reason: 'not_allowed' };
    }
    // A person added as new may have been created meanwhile (by another OCMW, or a first login): take their row.
    for (const ref of refs) {
      if (ref.personId) continue;
      const existing = await findPersonByInsz(tx, ref.insz);
      if (existing) ref.personId = existing.id;
    }
    const stale: string[] = [];
    const targets = new Map<string, MemberRow | undefined>();
    for (const ref of refs) {
      const version = ref.personId ? await lockMemberVersion(tx, organisationId, ref.personId) : 0;
      if (version !== ref.version) stale.push(ref.name);
      if (ref.personId) targets.set(ref.personId, await findMember(tx, organisationId, ref.personId, ctx.now));
    }
    if (stale.length > 0) {
      await refuse('stale', stale);
      return { kind: 'stale', names: stale };
    }
    for (const ref of refs) {
      if (!ref.personId) continue;
      const refusal = actOnPerson(ctx.actor, { personId: ref.personId, rights: targets.get(ref.personId)?.rights ?? [] });
      if (refusal) {
        await refuse(refusal, [ref.name]);
        return { kind: 'refused', reason: refusal };
      }
    }
    const flash = await apply(tx, ctx, organisationId, draft, targets);
    await deleteDraft(tx, row.id);
    return { kind: 'done', flash };
  });
}

function domainOf(draft: AccessDraft): string | null {
  return draftRole(draft) === 'CO_HTB' ? null : DOMAIN;
}

function auditPerson(ref: PersonRef) {
  return { id: ref.personId, name: ref.name, insz: maskInsz(ref.insz) };
}

async function auditRefusal(
  ctx: ServiceContext,
  organisationId: string,
  change: string,
  reason: Refusal,
  persons: Array<{ id: string; name: string }>,
  role: ManagedRole | null,
): Promise<void> {
  await withTransaction(ctx.db, (tx) =>
    appendAudit(tx, {
      organisationId,
      actorPersonId: ctx.actor.personId,
      type: 'ACCESS_CHANGE_REFUSED',
      subjectId: persons.length === 1 ? persons[0].id : null,
      payload: { domain: role === 'CO_HTB' ? null : DOMAIN, change, role, reason, persons },
      at: ctx.now,
    }),
  );
}

async function apply(tx: Tx, ctx: ServiceContext, organisationId: string, draft: AccessDraft, targets: Map<string, MemberRow | undefined>): Promise<Flash> {
  const by = ctx.actor.personId;
  const now = ctx.now;
  const audit = (type: AuditEventType, subjectId: string | null, payload: Record<string, unknown>) =>
    appendAudit(tx, { organisationId, actorPersonId: by, type, subjectId, payload: { domain: DOMAIN, ...payload }, at: now });
  const grant = (personId: string, right: RightCode, domainCode: string | null = DOMAIN) =>
    insertGrant(tx, { organisationId, personId, domainCode, right, grantedBy: by, at: now });

  if (draft.kind === 'USER' || draft.kind === 'ROLE') {
    const personId = await personOf(tx, draft);
    await writeMember(tx, organisationId, personId, draft.data, by, now);
    const who = auditPerson({ ...draft.person, personId });
    if (draft.kind === 'USER') {
      if (draft.added) await audit('USER_ADDED', personId, { person: who, after: { ...draft.data, applications: [...draft.keep, ...draft.grant] } });
      else if (draft.changes.length > 0) await audit('USER_CHANGED', personId, { person: who, changes: draft.changes });
      await withdrawGrants(tx, organisationId, personId, draft.revoke, by, now);
      for (const app of draft.revoke) await audit('APP_REVOKED', personId, { person: who, application: app });
      for (const app of draft.grant) {
        await grant(personId, app);
        await audit('APP_GRANTED', personId, { person: who, application: app });
      }
      if (draft.added) return 'user_added';
      return 'user_changed';
    }
    const role = draft.role;
    if (draft.changes.length > 0 && (targets.get(personId)?.rights.length ?? 0) > 0)
      await audit('USER_CHANGED', personId, { person: who, changes: draft.changes });
    if (role === 'TB') {
      const previous = draft.previous;
      if (previous?.personId) {
        await withdrawGrants(tx, organisationId, previous.personId, ['TB'], by, now);
        await writeMember(tx, organisationId, previous.personId, null, by, now);
        await audit('ROLE_REVOKED', previous.personId, { person: auditPerson(previous), role: 'TB' });
        const previousRights = targets.get(previous.personId)?.rights ?? [];
        if (previous.keepAsCoTb && !previousRights.includes('CO_TB')) {
          await grant(previous.personId, 'CO_TB');
          await audit('ROLE_GRANTED', previous.personId, { person: auditPerson(previous), role: 'CO_TB' });
        }
        if (!previous.keepAsCoTb && previousRights.filter((r) => r !== 'TB').length === 0) await revokeSessionsIn(tx, organisationId, previous.personId);
      }
      // The new TB holds what a co-TB holds and more: a co-TB role of theirs goes.
      if (targets.get(personId)?.rights.includes('CO_TB')) await withdrawGrants(tx, organisationId, personId, ['CO_TB'], by, now);
      await grant(personId, 'TB');
      await audit('ROLE_GRANTED', personId, { person: who, role: 'TB' });
      await audit('TB_CHANGED', personId, {
        before: previous ? auditPerson(previous) : null,
        after: who,
        keepAsCoTb: previous?.keepAsCoTb ?? false,
      });
      return 'tb_changed';
    }
    await grant(personId, role, role === 'CO_HTB' ? null : DOMAIN);
    await appendAudit(tx, {
      organisationId,
      actorPersonId: by,
      type: 'ROLE_GRANTED',
      subjectId: personId,
      payload: { domain: role === 'CO_HTB' ? null : DOMAIN, person: who, role },
      at: now,
    });
    return 'role_granted';
  }

  if (draft.kind === 'REMOVE_ROLE') {
    const personId = draft.person.personId as string;
    await withdrawGrants(tx, organisationId, personId, [draft.role], by, now);
    await writeMember(tx, organisationId, personId, null, by, now);
    await appendAudit(tx, {
      organisationId,
      actorPersonId: by,
      type: 'ROLE_REVOKED',
      subjectId: personId,
      payload: { domain: draft.role === 'CO_HTB' ? null : DOMAIN, person: auditPerson(draft.person), role: draft.role },
      at: now,
    });
    const left = (targets.get(personId)?.rights ?? []).filter((r) => r !== draft.role);
    if (left.length === 0) await revokeSessionsIn(tx, organisationId, personId);
    return 'role_revoked';
  }

  for (const ref of draft.persons) {
    const personId = ref.personId as string;
    const before = targets.get(personId);
    if (draft.kind === 'REMOVE') {
      await withdrawGrants(tx, organisationId, personId, null, by, now);
      await writeMember(tx, organisationId, personId, null, by, now);
      await revokeSessionsIn(tx, organisationId, personId);
      await audit('USER_REMOVED', personId, { person: auditPerson(ref), before: { rights: before?.rights ?? [] } });
    } else if (draft.kind === 'BLOCK') {
      const until = draft.until ? blockEnd(draft.until) : null;
      await writeBlock(tx, organisationId, personId, { until }, by, now);
      await revokeSessionsIn(tx, organisationId, personId);
      await audit('USER_BLOCKED', personId, { person: auditPerson(ref), until: draft.until, before: { blocked: before?.blocked ?? false } });
    } else {
      await writeBlock(tx, organisationId, personId, null, by, now);
      await audit('USER_UNBLOCKED', personId, { person: auditPerson(ref), before: { blocked: true, until: before?.blockedUntil?.toISOString() ?? null } });
    }
  }
  return draft.kind === 'REMOVE' ? 'users_removed' : draft.kind === 'BLOCK' ? 'users_blocked' : 'users_unblocked';
}

/** The person of a USER or ROLE draft: created now when it was new (never before Bevestigen). */
async function personOf(tx: Tx, draft: UserDraft | RoleDraft): Promise<string> {
  if (draft.person.personId) return draft.person.personId;
  const names = draft.newPerson ?? { firstName: draft.person.name, lastName: '' };
  const { id } = await ensurePerson(tx, { insz: draft.person.insz, ...names, language: draft.data.language, email: draft.data.email });
  return id;
}

// ------------------------------------------------------------------------------------------------- audit

/** The access events of an organisation (portal.md §3.7); LOGGED_IN and the other login events are the OIDC work's. */
export const ACCESS_EVENT_TYPES: readonly AuditEventType[] = [
  'USER_ADDED',
  'USER_CHANGED',
  'APP_GRANTED',
  'APP_REVOKED',
  'ROLE_GRANTED',
  'ROLE_REVOKED',
  'TB_CHANGED',
  'HTB_APPOINTED',
  'USER_BLOCKED',
  'USER_UNBLOCKED',
  'USER_REMOVED',
  'ACCESS_CHANGE_REFUSED',
  'LOGGED_IN',
  'LOGIN_REFUSED',
  'ORG_SELECTED',
  'STEP_UP_OK',
  'STEP_UP_REFUSED',
  'LOGGED_OUT',
];

/** How many events the page and the export show (the newest). */
const AUDIT_LIMIT = 5000;

export interface AccessAuditRow {
  occurredAt: Date;
  type: string;
  actor: string;
  subject: string;
  payload: Record<string, unknown>;
}

/**
 * The organisation's access events, newest first: the HTB, co-HTBs and POD MI read them all; a TB or co-TB those of
 * their domain (the events of the organisation's own roles and the logins are not theirs).
 */
export async function accessAudit(ctx: ServiceContext): Promise<{ rows: AccessAuditRow[]; scope: 'organisation' | 'domain' }> {
  requireAccess(ctx.actor, 'AccessAudit');
  const rights = ctx.actor.rights;
  // POD MI reads every OCMW's access events (issue 12, item 8); the OCMW scope writes each such read in its trail.
  const podmi = rights.length === 0 && ctx.actor.podmiRights.length > 0;
  if (!podmi && !rights.some(isAccessRole)) throw new AccessDenied('AccessAudit');
  const whole = podmi || rights.includes('HTB') || rights.includes('CO_HTB');
  const events = await listAccessEvents(ctx.db, currentOrganisationId(ctx), ACCESS_EVENT_TYPES, AUDIT_LIMIT);
  const rows = events
    .map((e) => ({
      occurredAt: new Date(e.occurred_at),
      type: e.type,
      actor: `${e.actor_first_name ?? ''} ${e.actor_last_name ?? ''}`.trim(),
      subject: `${e.subject_first_name ?? ''} ${e.subject_last_name ?? ''}`.trim(),
      payload: (e.payload ?? {}) as Record<string, unknown>,
    }))
    .filter((e) => whole || e.payload.domain === DOMAIN);
  return { rows, scope: whole ? 'organisation' : 'domain' };
}
