import type { Actor } from './access.ts';

/**
 * Freshness of the authentication, checked where it matters (ADR 0034): beside requireAccess (what the actor may do),
 * requireFreshAuthentication says whether the actor authenticated recently enough, at a level high enough, in the
 * organisation of the request — signing asks it (portal.md §2.4, ID-5).
 */
export class FreshAuthenticationRequired extends Error {
  constructor(
    readonly levels: readonly string[],
    readonly organisationId: string | null,
  ) {
    super('A fresh authentication is required');
  }
}

/** The step-up that makes the actor fresh for this organisation and these levels now, else null. */
export function freshStepUp(actor: Actor, maxAgeMs: number, levels: readonly string[], now: Date) {
  const stepUp = actor.stepUp;
  if (!stepUp || actor.organisationId === null) return null;
  if (stepUp.organisationId !== actor.organisationId) return null;
  if (!levels.includes(stepUp.acr)) return null;
  const age = now.getTime() - stepUp.at.getTime();
  if (age < 0 || age > maxAgeMs) return null;
  return stepUp;
}

/**
 * Throws FreshAuthenticationRequired unless the actor completed a step-up at one of the levels, in the organisation
 * the actor acts for, at most maxAgeMs ago; returns that step-up (a signature records it).
 */
export function requireFreshAuthentication(actor: Actor, maxAgeMs: number, levels: readonly string[], now: Date) {
  const stepUp = freshStepUp(actor, maxAgeMs, levels, now);
  if (!stepUp) throw new FreshAuthenticationRequired(levels, actor.organisationId);
  return stepUp;
}
