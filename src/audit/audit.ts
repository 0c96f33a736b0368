import { type Selectable, sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { AuditEventsTable, PrincipalKind } from '../db/types.ts';
import { canonicalJson, sha256Hex } from '../modules/shared/canonical.ts';

export const AUDIT_EVENT_TYPES = [
  'LOGGED_IN',
  'OCMW_DATA_CHANGED',
  'FORM_SAVED',
  'FORM_SIGNED',
  'SIGNATURE_DROPPED',
  'FORM_SUBMITTED',
  'WORKBOOK_UPLOADED',
  'ENTRY_MODE_CHANGED',
  'REFERENCE_VALUES_LOADED',
  'CORRECTION_REQUESTED',
  'FORM_ACCEPTED',
  'LATE_SUBMISSION_ALLOWED',
  'SETTLEMENT_ISSUED',
  'REMINDER_QUEUED',
  'LATE_SUBMISSION_WITHDRAWN',
  /** POD MI staff opened a page of the OCMW (read only): written in the OCMW's own trail */
  'PODMI_READ',
  // Access events (portal.md §3.7): in the chain of the organisation they concern; POD MI's own in POD MI's chain.
  'ROLE_GRANTED',
  'ROLE_REVOKED',
  'APP_GRANTED',
  'APP_REVOKED',
  'USER_ADDED',
  'USER_CHANGED',
  'USER_BLOCKED',
  'USER_UNBLOCKED',
  'USER_REMOVED',
  'TB_CHANGED',
  'HTB_APPOINTED',
  'ACCESS_CHANGE_REFUSED',
  'LOGIN_REFUSED',
  'ORG_SELECTED',
  'STEP_UP_OK',
  'STEP_UP_REFUSED',
  'LOGGED_OUT',
  /** OCMW-configuratie (issue 18): one screen saved with "Bewaren" (its fields old → new) */
  'OCMW_CONFIG_SAVED',
  // The e-Box (issue 16): in the chain of the organisation whose e-Box it is.
  'EBOX_MESSAGE_PUBLISHED',
  'EBOX_MESSAGE_OPENED',
  'EBOX_NOTIFICATION_ADDRESS_CHANGED',
  'EBOX_FILES_EXPIRED',
  // The API's clients (issue 16): in POD MI's chain.
  'API_CLIENT_REGISTERED',
  'API_CLIENT_REVOKED',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface AuditInput {
  organisationId: string;
  actorPersonId: string | null;
  /** the principal's kind; a person when absent */
  actorKind?: PrincipalKind;
  type: AuditEventType;
  subjectId: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  organisationId: string;
  seq: number;
  occurredAt: Date;
  actorPersonId: string | null;
  actorKind?: PrincipalKind;
  type: string;
  subjectId: string | null;
  payload: unknown;
  prevHash: string;
}

export function eventHash(e: ChainedFields): string {
  return sha256Hex(
    canonicalJson({
      organisationId: e.organisationId,
      seq: e.seq,
      occurredAt: e.occurredAt.toISOString(),
      actorPersonId: e.actorPersonId,
      // Hashed only when not a person, so that the chains written before principals had kinds still verify.
      ...(e.actorKind && e.actorKind !== 'PERSON' ? { actorKind: e.actorKind } : {}),
      type: e.type,
      subjectId: e.subjectId,
      payload: e.payload,
      prevHash: e.prevHash,
    }),
  );
}

/**
 * Appends one event to the OCMW's hash chain, inside the caller's transaction. The chain head row is locked
 * so that concurrent writers of the same OCMW take turns and the chain stays linear.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const lockHead = () =>
    tx.selectFrom('audit_heads').select(['seq', 'hash']).where('organisation_id', '=', input.organisationId).forUpdate().executeTakeFirst();
  let head = await lockHead();
  if (!head) {
    await tx
      .insertInto('audit_heads')
      .values({ organisation_id: input.organisationId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('organisation_id').doNothing())
      .execute();
    head = await lockHead();
    if (!head) throw new Error('Audit head could not be created');
  }
  const seq = head.seq + 1;
  const prevHash = head.hash;
  const occurredAt = new Date(input.at.getTime());
  const hash = eventHash({ ...input, seq, occurredAt, prevHash });
  await tx
    .insertInto('audit_events')
    .values({
      organisation_id: input.organisationId,
      seq,
      occurred_at: occurredAt,
      actor_person_id: input.actorPersonId,
      actor_kind: input.actorKind ?? 'PERSON',
      type: input.type,
      subject_id: input.subjectId,
      payload: JSON.stringify(input.payload),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  await tx.updateTable('audit_heads').set({ seq, hash }).where('organisation_id', '=', input.organisationId).execute();
}

/** One row of audit_events as read by the verifier. */
type AuditEventRow = Selectable<AuditEventsTable>;

export interface ChainVerification {
  ok: boolean;
  events: number;
  /** first broken sequence number and why */
  problem?: { seq: number; reason: 'hash' | 'link' | 'gap' };
}

/** Recomputes the whole chain of one OCMW: detects changed, deleted, inserted or truncated rows. */
export async function verifyAuditChain(db: Db | Tx, organisationId: string): Promise<ChainVerification> {
  // The head and every event of the OCMW in ONE statement (one snapshot): an event appended concurrently is
  // either in both or in neither, so it is not mistaken for tampering — while a row beyond the head (inserted
  // behind the application's back) is seen and refused.
  const result = await sql<AuditEventRow & { head_seq: number | null; head_hash: string | null }>`
    SELECT h.seq AS head_seq, h.hash AS head_hash, e.*
    FROM (SELECT 1) AS one
    LEFT JOIN audit_heads h ON h.organisation_id = ${organisationId}
    LEFT JOIN audit_events e ON e.organisation_id = ${organisationId}
    ORDER BY e.seq`.execute(db);
  const head = result.rows[0]?.head_seq != null ? { seq: Number(result.rows[0].head_seq), hash: result.rows[0].head_hash } : undefined;
  const rows = result.rows.filter((r) => r.seq != null);
  const beyond = rows.find((r) => r.seq > (head?.seq ?? 0));
  if (beyond) return { ok: false, events: rows.length, problem: { seq: beyond.seq, reason: 'gap' } };
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expectedSeq = index + 1;
    if (row.seq !== expectedSeq) return { ok: false, events: rows.length, problem: { seq: expectedSeq, reason: 'gap' } };
    if (row.prev_hash !== prevHash) return { ok: false, events: rows.length, problem: { seq: row.seq, reason: 'link' } };
    const recomputed = eventHash({
      organisationId: row.organisation_id,
      seq: row.seq,
      occurredAt: new Date(row.occurred_at),
      actorPersonId: row.actor_person_id,
      actorKind: row.actor_kind,
      type: row.type,
      subjectId: row.subject_id,
      payload: row.payload,
      prevHash: row.prev_hash,
    });
    if (recomputed !== row.hash) return { ok: false, events: rows.length, problem: { seq: row.seq, reason: 'hash' } };
    prevHash = row.hash;
  }
  // A truncated tail leaves a valid prefix: compare with the remembered head.
  if ((head?.seq ?? 0) !== rows.length || (head && head.hash !== prevHash)) {
    return { ok: false, events: rows.length, problem: { seq: rows.length + 1, reason: 'gap' } };
  }
  return { ok: true, events: rows.length };
}

export async function listAuditForSubject(db: Db, organisationId: string, subjectId: string) {
  return db
    .selectFrom('audit_events')
    .leftJoin('persons', 'persons.id', 'audit_events.actor_person_id')
    .select(['audit_events.seq', 'audit_events.occurred_at', 'audit_events.type', 'audit_events.payload', 'persons.first_name', 'persons.last_name'])
    .where('audit_events.organisation_id', '=', organisationId)
    .where('audit_events.subject_id', '=', subjectId)
    .orderBy('audit_events.seq')
    .execute();
}
