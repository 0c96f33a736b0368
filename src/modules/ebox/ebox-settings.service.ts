import { AccessDenied, type Actor } from '../../access/access.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { appendAudit } from '../../audit/audit.ts';
import { withTransaction } from '../../db/database.ts';
import type { AccessRole } from '../../db/types.ts';
import { isValidEmail } from '../shared/identifiers.ts';
import { isBlank } from '../shared/posted-text.ts';
import type { AddressError, AddressSave, NotificationAddress } from './ebox-settings.model.ts';
import { deleteNotificationAddress, findNotificationAddress, lockNotificationAddress, upsertNotificationAddress } from './ebox-settings.repository.ts';

/** Who keeps the e-Box's notification address (portal.md §4.6, EBX-5): the organisation's access managers. */
const EBOX_MANAGERS: readonly AccessRole[] = ['HTB', 'CO_HTB', 'TB', 'CO_TB'];

/** An access manager of the page's organisation (held there now); POD MI staff and everyone else are refused. */
function requireEboxManager(actor: Actor): void {
  if (!actor.rights.some((right) => (EBOX_MANAGERS as readonly string[]).includes(right))) throw new AccessDenied('AccessManage');
}

/** The address as typed, checked: trimmed and lower-case (portal.md §0.2 `Email`); empty means "no address". */
export function checkAddress(raw: string): { ok: true; email: string | null } | { ok: false; error: AddressError } {
  if (isBlank(raw)) return { ok: true, email: null };
  const email = raw.trim().toLowerCase();
  if (email.length > 254) return { ok: false, error: 'too_long' };
  if (!isValidEmail(email)) return { ok: false, error: 'invalid' };
  return { ok: true, email };
}

/** "Beheer e-Box": the notification address of the organisation, if any. */
export async function getNotificationAddress(ctx: ServiceContext): Promise<NotificationAddress | undefined> {
  requireEboxManager(ctx.actor);
  return findNotificationAddress(ctx.db, currentOrganisationId(ctx));
}

/**
 * "Bewaren": the address checked, then stored (one per organisation) with who and when, and the change written in the
 * organisation's audit trail (old → new). An empty field removes the address: no more notifications.
 */
export async function saveNotificationAddress(ctx: ServiceContext, raw: string): Promise<AddressSave> {
  requireEboxManager(ctx.actor);
  const organisationId = currentOrganisationId(ctx);
  const checked = checkAddress(raw);
  if (!checked.ok) return { kind: 'invalid', error: checked.error };
  return withTransaction(ctx.db, async (tx) => {
    const before = await lockNotificationAddress(tx, organisationId);
    if ((before ?? null) === checked.email) return { kind: 'unchanged' };
    if (checked.email === null) await deleteNotificationAddress(tx, organisationId);
    else await upsertNotificationAddress(tx, { organisationId, email: checked.email, personId: ctx.actor.personId, at: ctx.now });
    await appendAudit(tx, {
      organisationId,
      actorPersonId: ctx.actor.personId,
      type: 'EBOX_NOTIFICATION_ADDRESS_CHANGED',
      subjectId: organisationId,
      payload: { from: before ?? null, to: checked.email },
      at: ctx.now,
    });
    return { kind: checked.email === null ? 'removed' : 'saved' };
  });
}
