import type { Db } from '../../../db/database.ts';
import { type Recipient, recipientByKbo } from '../../ebox/recipients.ts';
import { ocmwsNamed } from './ebox-admin.repository.ts';

/** What the recipient field of the single publication finds: one OCMW, or why not (with the candidates). */
export type RecipientFound =
  | (Recipient & { kind: 'ok' })
  | { kind: 'unknown' }
  | { kind: 'merged'; successorName?: string; successorKbo?: string }
  | { kind: 'several'; candidates: Array<{ kbo: string; name: string }> }
  | { kind: 'required' };

/**
 * The recipient as POD MI types it: a KBO number (with or without dots and spaces), or a part of the OCMW's name that
 * names exactly one OCMW. Several matches ask for the KBO number and list them.
 */
export async function findRecipient(db: Db, typed: string, day: string): Promise<RecipientFound> {
  const text = typed.trim();
  if (text === '') return { kind: 'required' };
  const digits = text.replace(/[\s.]/g, '');
  if (/^\d{10}$/.test(digits)) return recipientByKbo(db, digits, day);
  const matches = await ocmwsNamed(db, text, 11);
  if (matches.length === 0) return { kind: 'unknown' };
  if (matches.length > 1) return { kind: 'several', candidates: matches.slice(0, 10).map((m) => ({ kbo: m.kbo, name: m.name_nl })) };
  return recipientByKbo(db, matches[0].kbo, day);
}
