import type { Db, Tx } from '../../db/database.ts';
import { lifetimes } from '../organisations/registry.repository.ts';
import { organisationStatus } from '../organisations/registry-rules.ts';

/**
 * Who receives a message addressed by KBO number (portal.md §4.4): an OCMW of the registry that is ACTIVE or
 * DISAPPEARING (POD MI keeps publishing to a disappearing OCMW for months, §4.9); a MERGED one receives nothing — the
 * answer names its successor; an unknown number, a supplier or POD MI itself is no recipient.
 */
export type Recipient =
  | { kind: 'ok'; organisationId: string; kbo: string; name: string; disappearing: boolean }
  | { kind: 'unknown' }
  | { kind: 'merged'; successorName?: string; successorKbo?: string };

export async function recipientByKbo(db: Db | Tx, kbo: string, day: string): Promise<Recipient> {
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'kbo', 'name_nl', 'type'])
    .where('kbo', '=', kbo)
    .where('type', '=', 'OCMW')
    .executeTakeFirst();
  if (!org) return { kind: 'unknown' };
  const [life] = await lifetimes(db, [org.id]);
  const status = organisationStatus(
    { validFrom: life.valid_from, validTo: life.valid_to, transitionEndsOn: life.transition_ends_on, disappears: life.successor_id !== null },
    day,
  );
  if (status === 'MERGED') {
    return life.successor_kbo ? { kind: 'merged', successorName: life.successor_name_nl ?? undefined, successorKbo: life.successor_kbo } : { kind: 'merged' };
  }
  return { kind: 'ok', organisationId: org.id, kbo: org.kbo, name: org.name_nl, disappearing: status === 'DISAPPEARING' };
}
