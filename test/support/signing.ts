import type { Actor } from '../../src/access/access.ts';
import type { ServiceContext } from '../../src/access/service-context.ts';
import { FAS_LEVEL } from '../../src/modules/shared/fas-levels.ts';
import type { SigningPolicy } from '../../src/modules/reports/reports.service.ts';

/** The default signing policy (STEP_UP_MINUTES 10, eID or itsme), for tests that call signForm directly. */
export const SIGNING: SigningPolicy = { maxAgeMs: 10 * 60_000, levels: [FAS_LEVEL.EID, FAS_LEVEL.ITSME] };

/** A service context whose actor has just completed an eID step-up in the actor's OCMW (what HTTP tests do through the provider). */
export function steppedUp(ctx: ServiceContext): ServiceContext {
  const actor: Actor = {
    ...ctx.actor,
    stepUp: { acr: FAS_LEVEL.EID, authTime: ctx.now, at: ctx.now, organisationId: ctx.actor.organisationId ?? '', provider: 'test' },
  };
  return { ...ctx, actor };
}
