import { createHash, randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.ts';
import type { Tx } from '../../db/database.ts';
import { type FileStore, FileNotFoundError, fileRow } from './files/file-store.ts';
import { insertMessage } from './ebox.repository.ts';
import type { Legislation } from './message-types.ts';

/** A message as every publication route hands it over: the back office, a bulk row, the API, the application itself. */
export interface MessageToPublish {
  organisationId: string;
  senderApplication: string;
  /** required for the API and the bulk rows; the same sender and key again publishes nothing (EBX-3) */
  idempotencyKey: string | null;
  messageType: string;
  legislation: Legislation;
  period: string | null;
  subjects: { nl: string; fr: string; de: string | null };
  /**
   * 1–6 files (checked by the caller: PDF by content, sizes), exactly one of them the main content: their bytes, or a
   * file already in the store (staged for a preview) by its SHA-256
   */
  files: Array<{ name: string; isMain: boolean } & ({ bytes: Buffer } | { sha256: string; size: number })>;
  publishedBy: { kind: 'person'; personId: string } | { kind: 'client'; clientId: string } | { kind: 'application' };
  campaignId?: string | null;
  batchId?: string | null;
}

export type PublishResult = { kind: 'published'; id: string } | { kind: 'duplicate'; id: string };

function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * Publishes one message in the caller's transaction: its files stored once by SHA-256, the message with its expiry
 * (the type's validity), an event in the organisation's audit trail. A repeated idempotency key of the same sender
 * answers the first message's id and writes nothing (the files may be stored already: harmless, they are shared).
 */
export async function publishMessage(tx: Tx, store: FileStore, message: MessageToPublish, now: Date): Promise<PublishResult> {
  const type = await tx.selectFrom('ebox_message_types').select('validity_months').where('code', '=', message.messageType).executeTakeFirstOrThrow();
  const files = [];
  for (const [index, file] of message.files.entries()) {
    let sha256: string;
    let size: number;
    if ('bytes' in file) {
      sha256 = createHash('sha256').update(file.bytes).digest('hex');
      size = file.bytes.length;
      await store.put(tx, sha256, file.bytes, now);
    } else {
      const stored = await fileRow(tx, file.sha256);
      if (!stored) throw new FileNotFoundError(file.sha256);
      sha256 = file.sha256;
      size = Number(stored.size_bytes);
    }
    files.push({ position: index + 1, fileName: file.name, sha256, sizeBytes: size, isMain: file.isMain });
  }
  const by = message.publishedBy;
  const result = await insertMessage(tx, {
    id: randomUUID(),
    organisationId: message.organisationId,
    senderApplication: message.senderApplication,
    idempotencyKey: message.idempotencyKey,
    messageType: message.messageType,
    legislation: message.legislation,
    period: message.period,
    subjects: message.subjects,
    publishedAt: now,
    expiresAt: addMonths(now, type.validity_months),
    publishedByPerson: by.kind === 'person' ? by.personId : null,
    publishedByClient: by.kind === 'client' ? by.clientId : null,
    batchId: message.batchId ?? null,
    campaignId: message.campaignId ?? null,
    files,
  });
  if (!result.inserted) return { kind: 'duplicate', id: result.id };
  await appendAudit(tx, {
    organisationId: message.organisationId,
    actorPersonId: by.kind === 'person' ? by.personId : null,
    actorKind: by.kind === 'client' ? 'CLIENT' : 'PERSON',
    type: 'EBOX_MESSAGE_PUBLISHED',
    subjectId: result.id,
    payload: {
      messageType: message.messageType,
      legislation: message.legislation,
      period: message.period,
      sender: message.senderApplication,
      ...(by.kind === 'client' ? { client: by.clientId } : {}),
      files: files.map((f) => ({ name: f.fileName, sha256: f.sha256 })),
    },
    at: now,
  });
  return { kind: 'published', id: result.id };
}
