import type { GrantableApplication, ManagedRole, Refusal } from '../../access/access-rules.ts';
import type { Language } from '../../i18n/language.ts';
import type { AccessRole } from '../shared/domain.ts';
import type { PersonField, PersonInput } from './access-input.ts';

/** The view models of Toegangsbeheer: the service fills them, the views render them (views import no service). */

/** A person as the lists of Toegangsbeheer show them. */
export interface AccessPerson {
  personId: string;
  name: string;
  /** 85.07.30-***.** */
  inszMasked: string;
  email: string | null;
  phone: string | null;
  language: Language | null;
  applications: GrantableApplication[];
  roles: AccessRole[];
  blocked: boolean;
  blockedUntil: Date | null;
  version: number;
  /** may the actor act on this person (change, remove, block)? null: yes, else why not */
  refusal: Refusal | null;
}

/** What the actor may do here (portal.md §3.2). */
export interface AccessPowers {
  manageUsers: boolean;
  changeTb: boolean;
  manageCoHtb: boolean;
  manageCoTb: boolean;
}

/** The purposes of the person form: a user, or an appointment to one of the roles. */
export type Purpose = 'user' | 'tb' | 'co-htb' | 'co-tb';
export const PURPOSES = ['user', 'tb', 'co-htb', 'co-tb'] as const;
export const ROLE_OF_PURPOSE: Record<Exclude<Purpose, 'user'>, ManagedRole> = { tb: 'TB', 'co-htb': 'CO_HTB', 'co-tb': 'CO_TB' };

/** Why a change is refused, in words (a code is never shown); `NAMED` says it of one person of a list. */
export const REFUSAL_KEYS: Record<Refusal, string> = {
  not_allowed: 'access.refused.not_allowed',
  self: 'access.refused.self',
  higher_role: 'access.refused.higher_role',
  last_htb: 'access.refused.last_htb',
};
export const REFUSAL_NAMED_KEYS: Record<Refusal, string> = {
  not_allowed: 'access.refused.not_allowed_named',
  self: 'access.refused.self_named',
  higher_role: 'access.refused.higher_role_named',
  last_htb: 'access.refused.last_htb_named',
};

/** The flash messages of Toegangsbeheer's home (?m=…), by the code the routes redirect with. */
export const FLASH_KEYS = {
  user_added: 'access.flash.user_added',
  user_changed: 'access.flash.user_changed',
  tb_changed: 'access.flash.tb_changed',
  role_granted: 'access.flash.role_granted',
  role_revoked: 'access.flash.role_revoked',
  users_removed: 'access.flash.users_removed',
  users_blocked: 'access.flash.users_blocked',
  users_unblocked: 'access.flash.users_unblocked',
  cancelled: 'access.flash.cancelled',
  unchanged: 'access.flash.unchanged',
  expired: 'access.flash.expired',
} as const;
export type Flash = keyof typeof FLASH_KEYS;

export const DOMAIN_KEYS: Record<string, string> = { MAATSCHAPPELIJK_WELZIJN: 'access.domain_name.MAATSCHAPPELIJK_WELZIJN' };

export const LANGUAGE_KEYS: Record<Language, string> = { nl: 'access.language.nl', fr: 'access.language.fr', de: 'access.language.de' };

export const PURPOSE_KEYS: Record<Purpose, string> = {
  user: 'access.purpose.user',
  tb: 'access.purpose.tb',
  'co-htb': 'access.purpose.co_htb',
  'co-tb': 'access.purpose.co_tb',
};

/** The list actions of "Gebruikers" (checkboxes, a drop-down, "Uitvoeren"). */
export const LIST_ACTIONS = ['remove', 'block', 'unblock'] as const;
export type ListAction = (typeof LIST_ACTIONS)[number];
export const ACTION_KEYS: Record<ListAction, string> = {
  remove: 'access.action.remove',
  block: 'access.action.block',
  unblock: 'access.action.unblock',
};

export interface AccessHome {
  organisationName: string;
  kbo: string;
  domainName: string;
  htb: AccessPerson | null;
  coHtbs: AccessPerson[];
  tb: AccessPerson | null;
  coTbs: AccessPerson[];
  /** every person holding a right in the domain, filtered by name */
  users: AccessPerson[];
  /** the number of users before the filter */
  userCount: number;
  filter: string;
  powers: AccessPowers;
  canReadAudit: boolean;
}

/** The list form as posted, when it comes back with a message. */
export interface ListInput {
  action: string;
  personIds: string[];
  until: string;
}

export type ListField = 'personIds' | 'action' | 'until';

/** The person form (step 2 of an addition or appointment, or the page of one user). */
export interface PersonFormModel {
  purpose: Purpose;
  /** the person, when known (their names come from the person record) */
  personId: string | null;
  /** the full INSZ as entered (formatted) */
  inszDisplay: string;
  namesKnown: boolean;
  /** the member row's version the form was read at (0: not a member) */
  version: number;
  input: PersonInput;
  errors: Partial<Record<PersonField, string>>;
  /** tb: the TB in place now, who loses the role (kept as co-TB when ticked) */
  currentTb: { name: string } | null;
  /** the person holds a right here already (the page of one user) */
  present: boolean;
  /** the page of one user: blocked now, and why the actor may not change them (null: may) */
  blocked: boolean;
  refusal: Refusal | null;
  /** the person was changed by someone else since the form was read: check and save again */
  changedMeanwhile: boolean;
}

// ------------------------------------------------------------------------------------------------- drafts

/** A person a draft names, with the member row's version it was made from (0: not a member yet). */
export interface PersonRef {
  personId: string | null;
  insz: string;
  name: string;
  version: number;
}

export interface DataChange {
  field: 'email' | 'phone' | 'language';
  before: string | null;
  after: string | null;
}

export interface MemberDataValues {
  email: string;
  phone: string | null;
  language: Language;
}

/** Add a user or change one: data and applications. */
export interface UserDraft {
  kind: 'USER';
  person: PersonRef;
  /** the person record does not exist yet: created at Bevestigen with these names */
  newPerson: { firstName: string; lastName: string } | null;
  /** the person had no right in the organisation before: an addition */
  added: boolean;
  data: MemberDataValues;
  changes: DataChange[];
  grant: GrantableApplication[];
  revoke: GrantableApplication[];
  keep: GrantableApplication[];
}

/** Appoint a TB (replacing the one in place), a co-HTB or a co-TB. */
export interface RoleDraft {
  kind: 'ROLE';
  role: ManagedRole;
  person: PersonRef;
  newPerson: { firstName: string; lastName: string } | null;
  data: MemberDataValues;
  changes: DataChange[];
  /** TB: the TB in place, who loses the role; becomes co-TB when keepAsCoTb */
  previous: (PersonRef & { keepAsCoTb: boolean }) | null;
}

export interface RemoveRoleDraft {
  kind: 'REMOVE_ROLE';
  role: ManagedRole;
  person: PersonRef;
}

export interface ListDraft {
  kind: 'REMOVE' | 'BLOCK' | 'UNBLOCK';
  persons: PersonRef[];
  /** BLOCK: the last day of the block (ISO date), null: until unblocked */
  until: string | null;
}

export type AccessDraft = UserDraft | RoleDraft | RemoveRoleDraft | ListDraft;

/** The overview page: the draft and until when it can be confirmed. */
export interface DraftOverview {
  id: string;
  draft: AccessDraft;
  expiresAt: Date;
}

/** The answer to "Bevestigen". */
export type ConfirmResult = { kind: 'done'; flash: Flash } | { kind: 'stale'; names: string[] } | { kind: 'refused'; reason: Refusal } | { kind: 'expired' };

/** One access event as the audit page and its CSV show it. */
export interface AccessEvent {
  occurredAt: Date;
  /** the event's type code (the table and the CSV put it in words) */
  type: string;
  actor: string;
  subject: string;
  details: string;
}
