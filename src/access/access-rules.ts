import type { AccessRole, RightCode } from '../db/types.ts';

/**
 * Who may act on whom in Toegangsbeheer (portal.md §3.2 and ACC-1…ACC-8), as pure functions of the rights held now:
 * the actor's (read per request) and the target's (read in the transaction that applies the change).
 */

/** The rank of each access-management role (access_rights.rank of migration 0009); a user holds rank 0. */
export const ROLE_RANK: Record<AccessRole, number> = { HTB: 40, CO_HTB: 30, TB: 20, CO_TB: 10 };

export const ACCESS_ROLES: readonly AccessRole[] = ['HTB', 'CO_HTB', 'TB', 'CO_TB'];

/** The applications an access manager ticks for a user (portal.md §3.4), in the order of the grant screen. */
export const GRANTABLE_APPLICATIONS = ['UV_ENCODER', 'UV_READER', 'UV_CHAIR', 'UV_DIRECTOR', 'EBOX', 'CHAMAN', 'OCMW_CONFIG', 'OCMW_ONLINE'] as const;
export type GrantableApplication = (typeof GRANTABLE_APPLICATIONS)[number];

/** The signing applications: only the chair and the general director (or their delegates) may receive them. */
export const SIGNING_APPLICATIONS: readonly GrantableApplication[] = ['UV_CHAIR', 'UV_DIRECTOR'];

export function isAccessRole(right: string): right is AccessRole {
  return (ACCESS_ROLES as readonly string[]).includes(right);
}

export function isGrantableApplication(right: string): right is GrantableApplication {
  return (GRANTABLE_APPLICATIONS as readonly string[]).includes(right);
}

/** The highest rank among the rights (0: no access-management role). */
export function rankOf(rights: readonly string[]): number {
  return Math.max(0, ...rights.filter(isAccessRole).map((r) => ROLE_RANK[r]));
}

/** The roles a person may be appointed to or removed from in Toegangsbeheer (the HTB is POD MI's, ACC-1). */
export type ManagedRole = 'TB' | 'CO_HTB' | 'CO_TB';

/** Why an access change is refused (each has its message in access.json, access.refused.*). */
export type Refusal = 'not_allowed' | 'self' | 'higher_role' | 'last_htb';

/** Who may appoint or remove each role (§3.2; Q-ACC-1: a co-HTB appoints no co-HTB, a co-TB no co-TB). */
const ROLE_MANAGERS: Record<ManagedRole, readonly AccessRole[]> = {
  TB: ['HTB', 'CO_HTB'],
  CO_HTB: ['HTB'],
  CO_TB: ['HTB', 'CO_HTB', 'TB'],
};

/** May the actor appoint or remove this role at all (before knowing whom)? */
export function mayManageRole(actorRights: readonly RightCode[], role: ManagedRole): boolean {
  return actorRights.some((r) => (ROLE_MANAGERS[role] as readonly string[]).includes(r));
}

/** May the actor manage users (add, change, remove, block, unblock) of the domain? Every access role may. */
export function mayManageUsers(actorRights: readonly RightCode[]): boolean {
  return rankOf(actorRights) > 0;
}

/**
 * May the actor act on this person (change, remove, block, unblock, change their roles)? Never on oneself, never on
 * someone of the same or a higher role (the last — the only — HTB therefore never: only POD MI replaces it).
 */
export function actOnPerson(
  actor: { personId: string; rights: readonly RightCode[] },
  target: { personId: string; rights: readonly string[] },
): Refusal | null {
  if (!mayManageUsers(actor.rights)) return 'not_allowed';
  if (actor.personId === target.personId) return 'self';
  if (target.rights.includes('HTB')) return 'last_htb';
  if (rankOf(target.rights) >= rankOf(actor.rights)) return 'higher_role';
  return null;
}
