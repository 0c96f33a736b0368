import { can, requireAccess } from '../../../access/access.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { withTransaction } from '../../../db/database.ts';
import { checkValidity } from './ebox-types-input.ts';
import type { EboxTypeRow, ValidityError, ValiditySave, ValidityValues } from './ebox-types.model.ts';
import { listEboxTypes, lockValidities, updateValidity } from './ebox-types.repository.ts';

/** Who changes the validities: the POD MI beheerder (the permission of POD MI's configuration of campaigns). */
const EDIT = 'CampaignConfigure' as const;

/** The document types with their legislations and validity; every POD MI staff member reads them. */
export async function getEboxTypes(ctx: ServiceContext): Promise<{ types: EboxTypeRow[]; canEdit: boolean }> {
  requireAccess(ctx.actor, 'BackofficeRead');
  return { types: await listEboxTypes(ctx.db), canEdit: can(ctx.actor, EDIT) };
}

/**
 * "Bewaren" (EBX-6): every typed validity checked (a whole number of months, 1–240), each message next to its field;
 * valid, the types whose validity changed are saved with who and when. A change applies to the messages published
 * from then on (publication computes the expiry from the type's validity of that moment); published ones keep theirs.
 */
export async function saveEboxTypes(ctx: ServiceContext, values: ValidityValues): Promise<ValiditySave> {
  requireAccess(ctx.actor, EDIT);
  const errors: Record<string, ValidityError> = {};
  const months = new Map<string, number>();
  for (const [code, raw] of Object.entries(values)) {
    const checked = checkValidity(raw);
    if (checked.ok) months.set(code, checked.months);
    else errors[code] = checked.error;
  }
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  return withTransaction(ctx.db, async (tx) => {
    const current = await lockValidities(tx);
    const changed = [...months].filter(([code, m]) => current.has(code) && current.get(code) !== m);
    for (const [code, m] of changed) await updateValidity(tx, { code, months: m, personId: ctx.actor.personId, at: ctx.now });
    return changed.length === 0 ? { kind: 'unchanged' } : { kind: 'saved', changed: changed.map(([code]) => code) };
  });
}
