import { requireAccess } from '../../../access/access.ts';
import { PODMI_ORGANISATION_ID, ensurePerson, insertGrant } from '../../../access/grants.repository.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { appendAudit } from '../../../audit/audit.ts';
import { type Tx, withTransaction } from '../../../db/database.ts';
import type { Language } from '../../../i18n/language.ts';
import { NotFound } from '../../shared/errors.ts';
import {
  type NameColumn,
  activeGrants,
  bumpMemberVersion,
  countPodmiStaff,
  currentHtb,
  findMember,
  findOcmw,
  findPersonByInsz,
  findPodmiOrganisation,
  listCoHtbs,
  lockOcmw,
  saveMemberContact,
  unsafeListOcmwsWithHtb,
  withdrawGrant,
} from './access-admin.repository.ts';
import type { AccessList, FormErrors, HtbConfirm, HtbField, HtbFormValues, HtbReview, OcmwAccess } from './access-admin.model.ts';
import { maskInsz, normaliseInsz, parseLanguage, personProblems } from './person-input.ts';
import type { ValidHtbLine } from './htb-rows.ts';

export type * from './access-admin.model.ts';

/**
 * POD MI appoints or replaces the HTB of an OCMW (issue 12, item 7; portal.md §3.2, §3.8, ACC-1), standing in for
 * the legal representative recognised in CSAM: "Opslaan" shows exactly what changes, "Bevestigen" does it — only if
 * the OCMW's HTB is still the one the overview showed. Every appointment is written in the OCMW's audit chain and
 * in POD MI's.
 */

export const LIST_PAGE_SIZE = 50;

const NAME_COLUMN: Record<Language, NameColumn> = { nl: 'name_nl', fr: 'name_fr', de: 'name_de' };

const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`.trim();

/** The list: POD MI at the top, then one page of OCMWs (search by name or KBO) with their HTB. */
export async function accessList(ctx: ServiceContext, q: { search: string; page: number; lang: Language }): Promise<AccessList> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const search = q.search.slice(0, 100);
  const first = await unsafeListOcmwsWithHtb(ctx.db, { search, lang: q.lang, limit: LIST_PAGE_SIZE, offset: 0, now: ctx.now });
  const pages = Math.max(1, Math.ceil(first.total / LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, q.page), pages);
  const result =
    page === 1
      ? first
      : await unsafeListOcmwsWithHtb(ctx.db, {
          search,
          lang: q.lang,
          limit: LIST_PAGE_SIZE,
          offset: (page - 1) * LIST_PAGE_SIZE,
          now: ctx.now,
        });
  const [podmi, staff] = await Promise.all([findPodmiOrganisation(ctx.db), countPodmiStaff(ctx.db, ctx.now)]);
  return {
    podmi: { id: podmi.id, kbo: podmi.kbo, name: podmi[NAME_COLUMN[q.lang]], ...staff },
    rows: result.rows.map((r) => ({
      ...r,
      htb: r.htb ? { personId: r.htb.personId, name: `${r.htb.firstName} ${r.htb.lastName}`.trim(), maskedInsz: maskInsz(r.htb.insz) } : null,
    })),
    total: result.total,
    page,
    pages,
    search,
  };
}

/** One OCMW's HTB and co-HTBs; not an OCMW (POD MI, an unknown id): not found. */
export async function ocmwAccess(ctx: ServiceContext, organisationId: string): Promise<OcmwAccess> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const ocmw = await findOcmw(ctx.db, organisationId);
  if (!ocmw) throw new NotFound();
  const [htb, coHtbs] = await Promise.all([currentHtb(ctx.db, organisationId, ctx.now), listCoHtbs(ctx.db, organisationId, ctx.now)]);
  return {
    ocmw: { ...ocmw, nis: ocmw.nis ?? '' },
    htb: htb ? { personId: htb.person_id, name: fullName(htb), maskedInsz: maskInsz(htb.insz), email: htb.email, since: htb.since } : null,
    coHtbs: coHtbs.map((c) => ({ personId: c.person_id, name: fullName(c), maskedInsz: maskInsz(c.insz) })),
  };
}

/** The form's problems by field (codes of views/texts.ts), the person's rules first, then the OCMW's. */
async function validate(ctx: ServiceContext, ocmw: { id: string; language: Language }, values: HtbFormValues) {
  const insz = normaliseInsz(values.insz);
  const person = /^\d{11}$/.test(insz) ? await findPersonByInsz(ctx.db, insz) : undefined;
  const errors: FormErrors<HtbField> = { ...personProblems(values, person !== undefined, ocmw.language) };
  const htb = await currentHtb(ctx.db, ocmw.id, ctx.now);
  if (!errors.insz && person) {
    if (htb?.person_id === person.id) errors.insz = 'already_htb';
    else if ((await findMember(ctx.db, ocmw.id, person.id, ctx.now))?.blocked) errors.insz = 'blocked_in_ocmw';
  }
  return { errors, person, htb, insz, language: parseLanguage(values.language, ocmw.language) ?? ocmw.language };
}

/** "Opslaan": the form's errors (nothing changes), or the overview of what "Bevestigen" will do. */
export async function reviewHtbAppointment(ctx: ServiceContext, organisationId: string, values: HtbFormValues): Promise<HtbReview> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const ocmw = await findOcmw(ctx.db, organisationId);
  if (!ocmw) throw new NotFound();
  const { errors, person, htb, insz, language } = await validate(ctx, ocmw, values);
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  const typed = `${values.firstName.trim()} ${values.lastName.trim()}`.trim();
  const wasCoHtb = person ? (await activeGrants(ctx.db, organisationId, person.id, ctx.now)).some((g) => g.right_code === 'CO_HTB') : false;
  return {
    kind: 'review',
    overview: {
      values,
      expected: htb?.grant_id ?? 'none',
      current: htb ? { personId: htb.person_id, name: fullName(htb), maskedInsz: maskInsz(htb.insz) } : null,
      next: {
        name: person ? fullName(person) : typed,
        maskedInsz: maskInsz(insz),
        known: person !== undefined,
        typedNameIgnored: person !== undefined && typed !== '' && typed.toLowerCase() !== fullName(person).toLowerCase(),
        email: values.email.trim(),
        language,
        wasCoHtb,
      },
    },
  };
}

/** An appointment: the OCMW and the person (as a line of a list has them), then how. */
export interface Appointment extends Omit<ValidHtbLine, 'line'> {
  keepPrevious: boolean;
  /** the HTB grant the overview (or the staged line) showed: null when the OCMW had none */
  expectedGrantId: string | null;
  /** where it came from: the form, or a line of a list */
  via: { kind: 'FORM' } | { kind: 'IMPORT'; importId: string; line: number };
}

export type AppointResult = 'appointed' | 'unchanged' | 'stale' | 'blocked' | 'not_found';

/**
 * Appoints the HTB inside the caller's transaction, the OCMW's row locked first: the person is found by INSZ (or
 * created), becomes (or stays) a member with the contact data given, and gets HTB; the previous HTB loses it and
 * stays co-HTB when asked; a co-HTB appointed HTB loses the co-role. Audit: the OCMW's chain (HTB_APPOINTED, and each
 * role granted or withdrawn) and POD MI's (HTB_APPOINTED).
 */
export async function appointHtbInTx(tx: Tx, ctx: ServiceContext, a: Appointment): Promise<AppointResult> {
  const ocmw = await lockOcmw(tx, a.organisationId);
  if (!ocmw) return 'not_found';
  const previous = await currentHtb(tx, a.organisationId, ctx.now);
  if ((previous?.grant_id ?? null) !== a.expectedGrantId) return 'stale';
  const known = await findPersonByInsz(tx, a.insz);
  if (known && previous?.person_id === known.id) return 'unchanged';
  if (known && (await findMember(tx, a.organisationId, known.id, ctx.now))?.blocked) return 'blocked';
  const personId =
    known?.id ??
    (await ensurePerson(tx, { insz: a.insz, firstName: a.firstName.trim(), lastName: a.lastName.trim(), language: a.language, email: a.email })).id;
  const name = known ? fullName(known) : `${a.firstName.trim()} ${a.lastName.trim()}`;
  const actor = ctx.actor.personId;
  const at = ctx.now;
  const audit = (organisationId: string, type: 'HTB_APPOINTED' | 'ROLE_GRANTED' | 'ROLE_REVOKED', subjectId: string, payload: Record<string, unknown>) =>
    appendAudit(tx, { organisationId, actorPersonId: actor, type, subjectId, payload, at });
  const via = a.via.kind === 'FORM' ? { via: 'FORM' } : { via: 'IMPORT', importId: a.via.importId, line: a.via.line };

  const member = await saveMemberContact(tx, { organisationId: a.organisationId, personId, email: a.email, language: a.language, by: actor, at });
  const keptAsCoHtb = previous !== undefined && a.keepPrevious;
  let coHtbGranted = false;
  if (previous) {
    await withdrawGrant(tx, previous.grant_id, actor, at);
    const previousRights = await activeGrants(tx, a.organisationId, previous.person_id, at);
    if (keptAsCoHtb && !previousRights.some((g) => g.right_code === 'CO_HTB')) {
      await insertGrant(tx, { organisationId: a.organisationId, personId: previous.person_id, domainCode: null, right: 'CO_HTB', grantedBy: actor, at });
      coHtbGranted = true;
    }
    await bumpMemberVersion(tx, a.organisationId, previous.person_id);
  }
  const coHtb = (await activeGrants(tx, a.organisationId, personId, at)).find((g) => g.right_code === 'CO_HTB');
  if (coHtb) await withdrawGrant(tx, coHtb.id, actor, at);
  await insertGrant(tx, { organisationId: a.organisationId, personId, domainCode: null, right: 'HTB', grantedBy: actor, at });
  if (!member.created) await bumpMemberVersion(tx, a.organisationId, personId);

  // Payloads as the OCMW's Toegangsbeheer writes them (history-details.ts): persons as { id, name, insz masked }.
  const person = { id: personId, name, insz: maskInsz(a.insz) };
  const before = previous ? { id: previous.person_id, name: fullName(previous), insz: maskInsz(previous.insz) } : null;
  const appointed = {
    organisation: { id: a.organisationId, kbo: ocmw.kbo, name: ocmw.name_nl },
    person,
    before,
    keepAsCoHtb: keptAsCoHtb,
    newPerson: !known,
    newMember: member.created,
    ...via,
  };
  await audit(a.organisationId, 'HTB_APPOINTED', personId, appointed);
  if (before) await audit(a.organisationId, 'ROLE_REVOKED', before.id, { person: before, role: 'HTB', ...via });
  if (coHtbGranted && before) await audit(a.organisationId, 'ROLE_GRANTED', before.id, { person: before, role: 'CO_HTB', ...via });
  if (coHtb) await audit(a.organisationId, 'ROLE_REVOKED', personId, { person, role: 'CO_HTB', ...via });
  await audit(PODMI_ORGANISATION_ID, 'HTB_APPOINTED', personId, appointed);
  return 'appointed';
}

/**
 * "Bevestigen": checks the data again, then appoints in one transaction — unless the OCMW's HTB changed since the
 * overview (stale: nothing changes, the refusal is written in POD MI's chain).
 */
export async function confirmHtbAppointment(ctx: ServiceContext, organisationId: string, values: HtbFormValues, expected: string): Promise<HtbConfirm> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const ocmw = await findOcmw(ctx.db, organisationId);
  if (!ocmw) throw new NotFound();
  const checked = await validate(ctx, ocmw, values);
  const expectedGrantId = expected === 'none' ? null : expected;
  // A stale overview first: "already the HTB" may be the other change's doing.
  if ((checked.htb?.grant_id ?? null) !== expectedGrantId) return refuse(ctx, organisationId, 'stale');
  if (Object.keys(checked.errors).length > 0) return { kind: 'invalid', errors: checked.errors };
  const result = await withTransaction(ctx.db, (tx) =>
    appointHtbInTx(tx, ctx, {
      organisationId,
      insz: checked.insz,
      firstName: values.firstName,
      lastName: values.lastName,
      email: values.email.trim(),
      language: checked.language,
      keepPrevious: values.keepPrevious,
      expectedGrantId,
      via: { kind: 'FORM' },
    }),
  );
  if (result === 'not_found') throw new NotFound();
  if (result === 'appointed') return { kind: 'appointed' };
  return refuse(ctx, organisationId, result);
}

async function refuse(ctx: ServiceContext, organisationId: string, reason: Exclude<AppointResult, 'appointed' | 'not_found'>): Promise<HtbConfirm> {
  await withTransaction(ctx.db, (tx) =>
    appendAudit(tx, {
      organisationId: PODMI_ORGANISATION_ID,
      actorPersonId: ctx.actor.personId,
      type: 'ACCESS_CHANGE_REFUSED',
      subjectId: organisationId,
      payload: { change: 'HTB_APPOINTED', organisationId, persons: [], reason: reason === 'stale' ? 'stale' : 'not_allowed', cause: reason },
      at: ctx.now,
    }),
  );
  return reason === 'stale' ? { kind: 'stale' } : { kind: 'invalid', errors: { insz: reason === 'unchanged' ? 'already_htb' : 'blocked_in_ocmw' } };
}
