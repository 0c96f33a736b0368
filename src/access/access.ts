import type { OcmwRole, PodMiRole, SignatureRole } from '../db/types.ts';

export type Permission = 'FormRead' | 'FormEdit' | 'FormSignAsChair' | 'FormSignAsDirector' | 'OcmwDataEdit' | 'BackofficeRead' | 'ReferenceDataLoad';

const ROLE_PERMISSIONS: Record<OcmwRole, Permission[]> = {
  LEZER: ['FormRead'],
  MEDEWERKER: ['FormRead', 'FormEdit', 'OcmwDataEdit'],
  VOORZITTER: ['FormRead', 'FormEdit', 'OcmwDataEdit', 'FormSignAsChair'],
  ALGEMEEN_DIRECTEUR: ['FormRead', 'FormEdit', 'OcmwDataEdit', 'FormSignAsDirector'],
};

const PODMI_PERMISSIONS: Record<PodMiRole, Permission[]> = {
  // forms.md §2.1: POD MI agents load reference data; the back-office issue may narrow this to the beheerder.
  PODMI_AGENT: ['FormRead', 'BackofficeRead', 'ReferenceDataLoad'],
  PODMI_ADMIN: ['FormRead', 'BackofficeRead', 'ReferenceDataLoad'],
};

/** Who acts, for which OCMW, with which roles there: resolved from the session on every request. */
export interface Actor {
  personId: string;
  name: string;
  organisationId: string | null;
  roles: OcmwRole[];
  podmiRole: PodMiRole | null;
  authMethod: string;
  authenticatedAt: Date;
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.podmiRole && PODMI_PERMISSIONS[actor.podmiRole].includes(permission)) return true;
  return actor.roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

export const SIGN_PERMISSION: Record<SignatureRole, Permission> = {
  CHAIR: 'FormSignAsChair',
  DIRECTOR: 'FormSignAsDirector',
};

export function signingRoles(actor: Actor): SignatureRole[] {
  return (Object.keys(SIGN_PERMISSION) as SignatureRole[]).filter((role) => actor.roles.some((r) => ROLE_PERMISSIONS[r].includes(SIGN_PERMISSION[role])));
}

export class AccessDenied extends Error {
  constructor(readonly permission: Permission) {
    super(`Access denied: ${permission}`);
  }
}

/** Throws unless the actor holds the permission in the organisation of the session. */
export function requireAccess(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AccessDenied(permission);
}
