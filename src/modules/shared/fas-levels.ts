/**
 * FAS's authentication levels (portal.md §2.1): the `acr` values of the federal login service, which the embedded
 * demo provider offers too. What a level means for the application (login minimum, signing levels) is configuration.
 */
export const FAS_LEVEL = {
  EID: 'urn:be:fedict:iam:fas:Level500',
  ITSME: 'urn:be:fedict:iam:fas:Level450',
  SECURITY_CODE: 'urn:be:fedict:iam:fas:Level400',
} as const;

/** The means a level stands for, as the application names it (sessions, signatures, the printout). */
export type AuthMeans = 'eid' | 'itsme' | 'code' | 'oidc';

export function meansOfAcr(acr: string | null | undefined): AuthMeans {
  if (acr === FAS_LEVEL.EID) return 'eid';
  if (acr === FAS_LEVEL.ITSME) return 'itsme';
  if (acr === FAS_LEVEL.SECURITY_CODE) return 'code';
  return 'oidc';
}

/** The number of a FAS level (…:Level500 → 500, also the citizen:/enterprise: variants); -1 for anything else. */
export function levelNumber(acr: unknown): number {
  const match = typeof acr === 'string' ? /^urn:be:fedict:iam:fas:(?:(?:citizen|enterprise):)?Level(\d+)$/.exec(acr) : null;
  return match ? Number(match[1]) : -1;
}
