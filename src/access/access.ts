import type { AccessRole, ApplicationCode, PodMiRole, PrincipalKind, RightCode, SignatureRole } from '../db/types.ts';

export type Permission =
  | 'FormRead'
  | 'FormEdit'
  | 'FormSignAsChair'
  | 'FormSignAsDirector'
  | 'OcmwDataEdit'
  | 'DocumentRead'
  /** Toegangsbeheer of the organisation: open it, manage users of a domain (who may act on whom: access-rules.ts) */
  | 'AccessManage'
  /** read the organisation's access events */
  | 'AccessAudit'
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
  | 'OutboxRead'
  /** POD MI beheerder: appoint the HTB of any OCMW, manage POD MI's own staff */
  | 'AccessAdminister'
  /** POD MI beheerder: edit the organisation registry, import KBO/NIS lists, record mergers, copy access (issue 13) */
  | 'RegistryEdit'
  /** OCMW-configuratie (issue 18): read the OCMW's four screens and their history (its TBs and co-TBs, the grant, POD MI) */
  | 'OcmwConfigRead'
  /** OCMW-configuratie: save a screen ("Bewaren") */
  | 'OcmwConfigEdit'
  /** POD MI: publish documents in the OCMWs' e-Boxes, one message or a bulk ZIP (issue 16) */
  | 'EboxPublish';

const UV_READ: Permission[] = ['FormRead', 'DocumentRead'];
const UV_FILL: Permission[] = ['FormRead', 'FormEdit', 'OcmwDataEdit', 'DocumentRead'];
const ACCESS: Permission[] = ['AccessManage', 'AccessAudit'];

/**
 * What each right lets one do. Who holds which right is data (access_grants, read per request; ADR 0029); what a
 * right means is code, because the code is what checks it.
 */
const RIGHT_PERMISSIONS: Record<RightCode, Permission[]> = {
  UV_READER: UV_READ,
  UV_ENCODER: UV_FILL,
  UV_CHAIR: [...UV_FILL, 'FormSignAsChair'],
  UV_DIRECTOR: [...UV_FILL, 'FormSignAsDirector'],
  EBOX: ['DocumentRead'],
  CHAMAN: [],
  OCMW_CONFIG: ['OcmwConfigRead', 'OcmwConfigEdit'],
  OCMW_ONLINE: [],
  HTB: ACCESS,
  CO_HTB: ACCESS,
  TB: ACCESS,
  CO_TB: ACCESS,
  // The dossierbeheerder follows up, verifies, asks for corrections, settles and exports; the beheerder also
  // configures campaigns, loads reference data and appoints access managers (issue 4; ADR 0016, 0029).
  PODMI_AGENT: ['FormRead', 'DocumentRead', 'AccessAudit', 'BackofficeRead', 'FormReview', 'SettlementRun', 'OcmwConfigRead', 'EboxPublish'],
  PODMI_ADMIN: [
    'EboxPublish',
    'FormRead',
    'DocumentRead',
    'AccessAudit',
    'BackofficeRead',
    'FormReview',
    'SettlementRun',
    'CampaignConfigure',
    'ReferenceDataLoad',
    'OutboxRead',
    'AccessAdminister',
    'RegistryEdit',
    'OcmwConfigRead',
  ],
};

/** Applications an access-management role holds without a grant (portal.md ACC-9); signing is never implicit. */
export const IMPLICIT_APPLICATIONS: Record<AccessRole, ApplicationCode[]> = {
  HTB: ['EBOX'],
  CO_HTB: ['EBOX'],
  TB: ['EBOX', 'CHAMAN', 'OCMW_CONFIG'],
  CO_TB: ['EBOX', 'CHAMAN', 'OCMW_CONFIG'],
};

/** Who acts, for which organisation, with which rights there: read from the database on every request. */
export interface Actor {
  principalKind: PrincipalKind;
  personId: string;
  name: string;
  /** the OCMW of the page (from its URL), null outside an OCMW's pages */
  organisationId: string | null;
  /** the rights held in that OCMW now (unblocked, valid), without the implicit ones */
  rights: RightCode[];
  /** POD MI's roles held in the POD MI organisation (unblocked, valid); filled by the scopes that need them */
  podmiRights: PodMiRole[];
  authMethod: string;
  authenticatedAt: Date;
  /** the level the person logged in with (FAS acr), when the session came from OpenID Connect */
  acr?: string | null;
  /** the session's last step-up before signing (src/access/freshness.ts decides whether it still counts) */
  stepUp?: StepUp | null;
}

/** A completed step-up: its level, the provider's auth_time, when it was completed here, for which organisation. */
export interface StepUp {
  acr: string;
  authTime: Date;
  at: Date;
  organisationId: string;
  provider: string | null;
}

/** The rights with the applications the access-management roles imply. */
export function effectiveRights(rights: readonly RightCode[]): RightCode[] {
  const all = new Set<RightCode>(rights);
  for (const right of rights) for (const implied of IMPLICIT_APPLICATIONS[right as AccessRole] ?? []) all.add(implied);
  return [...all];
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.podmiRights.some((right) => RIGHT_PERMISSIONS[right].includes(permission))) return true;
  return effectiveRights(actor.rights).some((right) => RIGHT_PERMISSIONS[right].includes(permission));
}

/** Does the actor hold this application in the OCMW of the page (granted or implied)? */
export function holds(actor: Actor, application: ApplicationCode): boolean {
  return effectiveRights(actor.rights).includes(application);
}

export const SIGN_PERMISSION: Record<SignatureRole, Permission> = {
  CHAIR: 'FormSignAsChair',
  DIRECTOR: 'FormSignAsDirector',
};

export function signingRoles(actor: Actor): SignatureRole[] {
  return (Object.keys(SIGN_PERMISSION) as SignatureRole[]).filter((role) =>
    effectiveRights(actor.rights).some((r) => RIGHT_PERMISSIONS[r].includes(SIGN_PERMISSION[role])),
  );
}

export class AccessDenied extends Error {
  /**
   * `blocked`: the person is blocked in this organisation; `withdrawn`: a member whose every right there was withdrawn
   * (removed) — each page says so; `merged`: the organisation merged fully into its successor (portal.md §1.2: only
   * POD MI still opens it); `none`: no right there
   */
  constructor(
    readonly permission: Permission,
    readonly reason: 'blocked' | 'withdrawn' | 'merged' | 'none' = 'none',
  ) {
    super(`Access denied: ${permission}`);
  }
}

/** Throws unless the actor holds the permission in the organisation of the page (or as POD MI staff). */
export function requireAccess(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AccessDenied(permission);
}
