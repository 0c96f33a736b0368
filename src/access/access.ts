import type { OcmwRole, PodMiRole, SignatureRole } from '../db/types.ts';

export type Permission =
  | 'FormRead'
  | 'FormEdit'
  | 'FormSignAsChair'
  | 'FormSignAsDirector'
  | 'OcmwDataEdit'
  | 'DocumentRead'
  /** POD MI: dashboard, OCMW list, submitted forms, verification, exports */
  | 'BackofficeRead'
  /** POD MI: accept a submitted form or send it back for correction */
  | 'FormReview'
  /** POD MI: compute settlements, payment files and settlement letters */
  | 'SettlementRun'
  /** POD MI beheerder: campaigns, their parameters, late submissions per OCMW */
  | 'CampaignConfigure'
  /** POD MI beheerder: reference values per OCMW */
  | 'ReferenceDataLoad'
  /** POD MI beheerder: the local mail outbox and the job queue */
  | 'OutboxRead';

const ROLE_PERMISSIONS: Record<OcmwRole, Permission[]> = {
  LEZER: ['FormRead', 'DocumentRead'],
  MEDEWERKER: ['FormRead', 'FormEdit', 'OcmwDataEdit', 'DocumentRead'],
  VOORZITTER: ['FormRead', 'FormEdit', 'OcmwDataEdit', 'FormSignAsChair', 'DocumentRead'],
  ALGEMEEN_DIRECTEUR: ['FormRead', 'FormEdit', 'OcmwDataEdit', 'FormSignAsDirector', 'DocumentRead'],
};

const PODMI_PERMISSIONS: Record<PodMiRole, Permission[]> = {
  // The dossierbeheerder follows up, verifies, asks for corrections, settles and exports; the beheerder also
  // configures campaigns and loads reference data (issue 4; ADR 0016).
  PODMI_AGENT: ['FormRead', 'DocumentRead', 'BackofficeRead', 'FormReview', 'SettlementRun'],
  PODMI_ADMIN: ['FormRead', 'DocumentRead', 'BackofficeRead', 'FormReview', 'SettlementRun', 'CampaignConfigure', 'ReferenceDataLoad', 'OutboxRead'],
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
