import { requireAccess } from '../../../access/access.ts';
import { PODMI_DOMAIN, PODMI_ORGANISATION_ID, ensurePerson, insertGrant } from '../../../access/grants.repository.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { type AuditEventType, appendAudit } from '../../../audit/audit.ts';
import { type Tx, withTransaction } from '../../../db/database.ts';
import type { PodMiRole } from '../../shared/domain.ts';
import { parseBlockEnd } from '../../access-management/block-end.ts';
import { brusselsInputs } from '../../shared/brussels-time.ts';
import { NotFound } from '../../shared/errors.ts';
import { isValidEmail } from '../../shared/identifiers.ts';
import {
  type StaffRow,
  activeGrants,
  findPerson,
  bumpMemberVersion,
  countOtherActiveAdmins,
  findPersonByInsz,
  listPodmiStaff,
  lockMember,
  lockPodmiAdmins,
  memberVersion,
  saveMemberContact,
  setBlock,
  withdrawGrant,
} from './access-admin.repository.ts';
import type {
  FormErrors,
  StaffAddField,
  StaffAddOverview,
  StaffAddValues,
  StaffChangeField,
  StaffChangeOverview,
  StaffChangeValues,
  StaffMember,
} from './access-admin.model.ts';
import { maskInsz, normaliseInsz, parseLanguage, personProblems } from './person-input.ts';

/**
 * The beheerder manages POD MI's own staff inside the POD MI organisation (issue 12, item 7; portal.md §3.4): adds
 * a person by INSZ as dossierbeheerder (PODMI_AGENT) or beheerder (PODMI_ADMIN), changes the role or the contact
 * data, removes, blocks and unblocks — each in two steps, each written in POD MI's audit chain. Nobody changes
 * their own access; the last beheerder stays.
 */

const ROLES: readonly PodMiRole[] = ['PODMI_AGENT', 'PODMI_ADMIN'];

const parseRole = (raw: string): PodMiRole | null => ((ROLES as readonly string[]).includes(raw) ? (raw as PodMiRole) : null);

function memberOf(row: StaffRow, actorId: string): StaffMember {
  return {
    personId: row.person_id,
    name: `${row.first_name} ${row.last_name}`.trim(),
    maskedInsz: maskInsz(row.insz),
    email: row.email,
    language: row.language,
    role: row.rights.includes('PODMI_ADMIN') ? 'PODMI_ADMIN' : 'PODMI_AGENT',
    blocked: row.blocked,
    blockedUntil: row.blocked_until,
    version: row.version,
    self: row.person_id === actorId,
  };
}

export async function podmiStaff(ctx: ServiceContext): Promise<StaffMember[]> {
  requireAccess(ctx.actor, 'AccessAdminister');
  return (await listPodmiStaff(ctx.db, ctx.now)).map((r) => memberOf(r, ctx.actor.personId));
}

/** One staff member; a person who is not (or no longer) POD MI staff: not found. */
export async function staffMember(ctx: ServiceContext, personId: string): Promise<StaffMember> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const [row] = await listPodmiStaff(ctx.db, ctx.now, personId);
  if (!row) throw new NotFound();
  return memberOf(row, ctx.actor.personId);
}

async function audit(tx: Tx, ctx: ServiceContext, type: AuditEventType, subjectId: string | null, payload: Record<string, unknown>) {
  await appendAudit(tx, { organisationId: PODMI_ORGANISATION_ID, actorPersonId: ctx.actor.personId, type, subjectId, payload, at: ctx.now });
}

/** A refused attempt, in POD MI's chain: `reason` as the OCMW's Toegangsbeheer words it (stale, self, not_allowed). */
async function refused(
  ctx: ServiceContext,
  change: string,
  person: { id: string; name: string; insz: string } | null,
  reason: 'stale' | 'self' | 'last_admin',
) {
  const payload = { change, persons: person ? [person] : [], reason: reason === 'last_admin' ? 'not_allowed' : reason, cause: reason };
  await withTransaction(ctx.db, (tx) => audit(tx, ctx, 'ACCESS_CHANGE_REFUSED', person?.id ?? null, payload));
}

// ------------------------------------------------------------------------------------------------- add

async function validateAdd(ctx: ServiceContext, values: StaffAddValues) {
  const insz = normaliseInsz(values.insz);
  const person = /^\d{11}$/.test(insz) ? await findPersonByInsz(ctx.db, insz) : undefined;
  const errors: FormErrors<StaffAddField> = { ...personProblems(values, person !== undefined, 'nl') };
  const role = parseRole(values.role);
  if (!role) errors.role = 'role_required';
  const staff = person ? (await listPodmiStaff(ctx.db, ctx.now, person.id))[0] : undefined;
  if (!errors.insz && staff) errors.insz = 'already_staff';
  const version = person ? await memberVersion(ctx.db, PODMI_ORGANISATION_ID, person.id) : null;
  return { errors, person, role, insz, language: parseLanguage(values.language, 'nl') ?? 'nl', version: version ?? 0 };
}

export type StaffAddReview = { kind: 'invalid'; errors: FormErrors<StaffAddField> } | { kind: 'review'; overview: StaffAddOverview };

export async function reviewStaffAdd(ctx: ServiceContext, values: StaffAddValues): Promise<StaffAddReview> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const v = await validateAdd(ctx, values);
  if (Object.keys(v.errors).length > 0 || !v.role) return { kind: 'invalid', errors: v.errors };
  const typed = `${values.firstName.trim()} ${values.lastName.trim()}`.trim();
  const stored = v.person ? `${v.person.first_name} ${v.person.last_name}` : '';
  return {
    kind: 'review',
    overview: {
      values,
      role: v.role,
      expected: v.version,
      next: {
        name: v.person ? stored : typed,
        maskedInsz: maskInsz(v.insz),
        known: v.person !== undefined,
        typedNameIgnored: v.person !== undefined && typed !== '' && typed.toLowerCase() !== stored.toLowerCase(),
        email: values.email.trim(),
        language: v.language,
      },
    },
  };
}

export type StaffAddConfirm = { kind: 'added'; personId: string } | { kind: 'invalid'; errors: FormErrors<StaffAddField> } | { kind: 'stale' };

/** Adds the person to POD MI's staff, unless the data are wrong or someone changed that person meanwhile. */
export async function confirmStaffAdd(ctx: ServiceContext, values: StaffAddValues, expected: number): Promise<StaffAddConfirm> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const v = await validateAdd(ctx, values);
  // Someone added or changed this person meanwhile: audited as refused, the form starts again.
  const stale = async (): Promise<StaffAddConfirm> => {
    await refused(
      ctx,
      'USER_ADDED',
      v.person ? { id: v.person.id, name: `${v.person.first_name} ${v.person.last_name}`, insz: maskInsz(v.insz) } : null,
      'stale',
    );
    return { kind: 'stale' };
  };
  if (v.errors.insz === 'already_staff' || v.version !== expected) return stale();
  if (Object.keys(v.errors).length > 0 || !v.role) return { kind: 'invalid', errors: v.errors };
  const role = v.role;
  const result = await withTransaction(ctx.db, async (tx) => {
    const known = await findPersonByInsz(tx, v.insz);
    const member = known ? await lockMember(tx, PODMI_ORGANISATION_ID, known.id) : undefined;
    if ((member?.version ?? 0) !== expected) return null;
    if (known && (await activeGrants(tx, PODMI_ORGANISATION_ID, known.id, ctx.now)).length > 0) return null;
    const personId =
      known?.id ??
      (
        await ensurePerson(tx, {
          insz: v.insz,
          firstName: values.firstName.trim(),
          lastName: values.lastName.trim(),
          language: v.language,
          email: values.email.trim(),
        })
      ).id;
    const saved = await saveMemberContact(tx, {
      organisationId: PODMI_ORGANISATION_ID,
      personId,
      email: values.email.trim(),
      language: v.language,
      by: ctx.actor.personId,
      at: ctx.now,
    });
    if (!saved.created) await bumpMemberVersion(tx, PODMI_ORGANISATION_ID, personId);
    await insertGrant(tx, {
      organisationId: PODMI_ORGANISATION_ID,
      personId,
      domainCode: PODMI_DOMAIN,
      right: role,
      grantedBy: ctx.actor.personId,
      at: ctx.now,
    });
    const name = known ? `${known.first_name} ${known.last_name}` : `${values.firstName.trim()} ${values.lastName.trim()}`;
    const person = { id: personId, name, insz: maskInsz(v.insz) };
    await audit(tx, ctx, 'USER_ADDED', personId, {
      person,
      newPerson: !known,
      after: { applications: [role], email: values.email.trim(), language: v.language },
    });
    await audit(tx, ctx, 'ROLE_GRANTED', personId, { person, role });
    return personId;
  });
  if (!result) return stale();
  return { kind: 'added', personId: result };
}

// ------------------------------------------------------------------------------------------------- change, remove, block

export type StaffChangeReview =
  | { kind: 'invalid'; errors: FormErrors<StaffChangeField> }
  | { kind: 'review'; overview: StaffChangeOverview }
  | { kind: 'refused'; reason: 'self' | 'last_admin' };

async function planChange(ctx: ServiceContext, member: StaffMember, values: StaffChangeValues, otherAdmins: () => Promise<number>) {
  const errors: FormErrors<StaffChangeField> = {};
  const changes: StaffChangeOverview['changes'] = [];
  let reason: 'self' | 'last_admin' | null = member.self ? 'self' : null;
  const losesAdmin = member.role === 'PODMI_ADMIN' && !member.blocked;
  switch (values.action) {
    case 'change': {
      const role = parseRole(values.role);
      const language = parseLanguage(values.language, member.language ?? 'nl');
      if (!role) errors.role = 'role_required';
      if (values.email.trim() === '') errors.email = 'email_required';
      else if (!isValidEmail(values.email)) errors.email = 'email_invalid';
      if (!language || values.language.trim() === '') errors.language = 'language_invalid';
      if (Object.keys(errors).length > 0 || !role || !language) break;
      if (role !== member.role) changes.push({ what: 'role', before: member.role, after: role });
      if (values.email.trim() !== (member.email ?? '')) changes.push({ what: 'email', before: member.email ?? '', after: values.email.trim() });
      if (language !== member.language) changes.push({ what: 'language', before: member.language ?? '', after: language });
      if (changes.length === 0) errors.form = 'no_change';
      if (!reason && role !== member.role && losesAdmin && (await otherAdmins()) === 0) reason = 'last_admin';
      break;
    }
    case 'remove':
      changes.push({ what: 'access', before: member.role, after: '' });
      if (!reason && losesAdmin && (await otherAdmins()) === 0) reason = 'last_admin';
      break;
    case 'block': {
      if (member.blocked) {
        errors.form = 'already_blocked';
        break;
      }
      const until = parseBlockEnd(values.blockedUntil, ctx.now);
      if (until === 'invalid') errors.blockedUntil = 'date_invalid';
      else if (until === 'past') errors.blockedUntil = 'date_past';
      else changes.push({ what: 'block', before: '', after: until ? values.blockedUntil.trim() : '∞' });
      if (!reason && losesAdmin && (await otherAdmins()) === 0) reason = 'last_admin';
      break;
    }
    case 'unblock':
      if (!member.blocked) errors.form = 'not_blocked';
      else changes.push({ what: 'block', before: member.blockedUntil ? brusselsInputs(member.blockedUntil).date : '∞', after: '' });
      break;
  }
  return { errors, changes, reason };
}

/** "Opslaan" (or the remove, block and unblock buttons): the overview of the change, or why it cannot be made. */
export async function reviewStaffChange(ctx: ServiceContext, personId: string, values: StaffChangeValues): Promise<StaffChangeReview> {
  const member = await staffMember(ctx, personId);
  const plan = await planChange(ctx, member, values, () => withTransaction(ctx.db, (tx) => countOtherActiveAdmins(tx, personId, ctx.now)));
  if (plan.reason) return { kind: 'refused', reason: plan.reason };
  if (Object.keys(plan.errors).length > 0) return { kind: 'invalid', errors: plan.errors };
  return { kind: 'review', overview: { member, values, changes: plan.changes } };
}

export type StaffChangeConfirm =
  | { kind: 'done'; action: StaffChangeValues['action'] }
  | { kind: 'invalid'; errors: FormErrors<StaffChangeField> }
  | { kind: 'refused'; reason: 'self' | 'last_admin' }
  | { kind: 'stale' };

/**
 * "Bevestigen": in one transaction, POD MI's beheerders' grants and the member locked, the member's version compared
 * with the overview's (someone else's change in between: stale, nothing changes), the rules checked again.
 */
export async function confirmStaffChange(ctx: ServiceContext, personId: string, values: StaffChangeValues, version: number): Promise<StaffChangeConfirm> {
  requireAccess(ctx.actor, 'AccessAdminister');
  // Never a member of POD MI: not found. Removed since the overview: stale, below.
  if ((await memberVersion(ctx.db, PODMI_ORGANISATION_ID, personId)) === null) throw new NotFound();
  type Outcome = StaffChangeConfirm | { kind: 'refusedAudit'; reason: 'self' | 'last_admin' | 'stale' };
  const outcome: Outcome = await withTransaction(ctx.db, async (tx): Promise<Outcome> => {
    await lockPodmiAdmins(tx, ctx.now);
    const locked = await lockMember(tx, PODMI_ORGANISATION_ID, personId);
    const [row] = await listPodmiStaff(tx, ctx.now, personId);
    if (!locked || !row) return { kind: 'refusedAudit', reason: 'stale' };
    const member = memberOf(row, ctx.actor.personId);
    if (member.self) return { kind: 'refusedAudit', reason: 'self' };
    if (locked.version !== version) return { kind: 'refusedAudit', reason: 'stale' };
    const plan = await planChange(ctx, member, values, () => countOtherActiveAdmins(tx, personId, ctx.now));
    if (plan.reason) return { kind: 'refusedAudit', reason: plan.reason };
    if (Object.keys(plan.errors).length > 0) return { kind: 'invalid', errors: plan.errors };
    await apply(tx, ctx, member, values);
    return { kind: 'done', action: values.action };
  });
  if (outcome.kind !== 'refusedAudit') return outcome;
  const target = await findPerson(ctx.db, personId);
  const CHANGE = { change: 'USER_CHANGED', remove: 'USER_REMOVED', block: 'USER_BLOCKED', unblock: 'USER_UNBLOCKED' } as const;
  await refused(
    ctx,
    CHANGE[values.action],
    target ? { id: target.id, name: `${target.first_name} ${target.last_name}`, insz: maskInsz(target.insz) } : null,
    outcome.reason,
  );
  return outcome.reason === 'stale' ? { kind: 'stale' } : { kind: 'refused', reason: outcome.reason };
}

async function apply(tx: Tx, ctx: ServiceContext, member: StaffMember, values: StaffChangeValues) {
  const by = ctx.actor.personId;
  const at = ctx.now;
  const subject = member.personId;
  const who = { person: { id: subject, name: member.name, insz: member.maskedInsz } };
  const grants = await activeGrants(tx, PODMI_ORGANISATION_ID, subject, at);
  switch (values.action) {
    case 'change': {
      const role = parseRole(values.role) as PodMiRole;
      const language = parseLanguage(values.language, member.language ?? 'nl') ?? 'nl';
      const email = values.email.trim();
      if (email !== (member.email ?? '') || language !== member.language) {
        await saveMemberContact(tx, { organisationId: PODMI_ORGANISATION_ID, personId: subject, email, language, by, at });
        await audit(tx, ctx, 'USER_CHANGED', subject, {
          ...who,
          changes: [
            ...(email !== (member.email ?? '') ? [{ field: 'email', before: member.email, after: email }] : []),
            ...(language !== member.language ? [{ field: 'language', before: member.language, after: language }] : []),
          ],
        });
      }
      if (role !== member.role) {
        for (const g of grants.filter((g) => g.right_code !== role)) {
          await withdrawGrant(tx, g.id, by, at);
          await audit(tx, ctx, 'ROLE_REVOKED', subject, { ...who, role: g.right_code });
        }
        await insertGrant(tx, { organisationId: PODMI_ORGANISATION_ID, personId: subject, domainCode: PODMI_DOMAIN, right: role, grantedBy: by, at });
        await audit(tx, ctx, 'ROLE_GRANTED', subject, { ...who, role });
      }
      await bumpMemberVersion(tx, PODMI_ORGANISATION_ID, subject);
      return;
    }
    case 'remove':
      for (const g of grants) await withdrawGrant(tx, g.id, by, at);
      // A removed member keeps no block: added again later, they start afresh.
      await setBlock(tx, PODMI_ORGANISATION_ID, subject, null);
      await audit(tx, ctx, 'USER_REMOVED', subject, { ...who, rights: grants.map((g) => g.right_code) });
      return;
    case 'block': {
      const until = parseBlockEnd(values.blockedUntil, at);
      const end = until instanceof Date ? until : null;
      await setBlock(tx, PODMI_ORGANISATION_ID, subject, { at, until: end, by });
      await audit(tx, ctx, 'USER_BLOCKED', subject, { ...who, until: end ? brusselsInputs(end).date : null });
      return;
    }
    case 'unblock':
      await setBlock(tx, PODMI_ORGANISATION_ID, subject, null);
      await audit(tx, ctx, 'USER_UNBLOCKED', subject, who);
      return;
  }
}
