import { type Db, type Tx, withTransaction } from '../../src/db/database.ts';
import { databaseFileStore } from '../../src/modules/ebox/files/database-store.ts';
import type { Legislation } from '../../src/modules/ebox/message-types.ts';
import { type MessageToPublish, publishMessage } from '../../src/modules/ebox/publish.ts';
import type { TestApp } from './app.ts';

/** A small, valid PDF of one page saying `text` (pdfkit), for e-Box tests. */
export async function tinyPdf(text: string): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text(text);
  doc.end();
  return done;
}

export interface TestMessage {
  type?: string;
  legislation?: Legislation;
  period?: string | null;
  subject?: string;
  files?: Array<{ name: string; bytes: Buffer }>;
  key?: string | null;
  sender?: string;
  at?: Date;
}

/** Publishes a message to an organisation's e-Box through the application's own service (database store). */
export async function publishTestMessage(t: TestApp, organisationId: string, m: TestMessage = {}): Promise<string> {
  const subject = m.subject ?? 'Maandstaat november 2026';
  const files = m.files ?? [{ name: 'maandstaat-2026-11.pdf', bytes: await tinyPdf(subject) }];
  const message: MessageToPublish = {
    organisationId,
    senderApplication: m.sender ?? 'NOVAPRIMA',
    idempotencyKey: m.key ?? null,
    messageType: m.type ?? 'MAANDSTAAT',
    legislation: m.legislation ?? 'RMI',
    period: m.period === undefined ? '2026-11' : m.period,
    subjects: { nl: subject, fr: `FR ${subject}`, de: null },
    files: files.map((f, i) => ({ name: f.name, bytes: f.bytes, isMain: i === 0 })),
    publishedBy: { kind: 'application' },
  };
  const result = await withTransaction(t.db, (tx) => publishMessage(tx, databaseFileStore(), message, m.at ?? t.clock.now()));
  return result.id;
}

/** A settlement letter as the e-Box keeps it: a message of type UV_AFREKENING, its attachments, the letter's bytes. */
export interface SettlementLetter {
  /** the message id, which `settlements.document_id` holds */
  id: string;
  organisationId: string;
  campaignId: string | null;
  messageType: string;
  legislation: string;
  period: string | null;
  senderApplication: string;
  subjects: { nl: string; fr: string; de: string | null };
  publishedBy: string | null;
  /** every attachment of the message, by position */
  attachments: Array<{ position: number; fileName: string; sha256: string | null; sizeBytes: number; isMain: boolean }>;
  /** attachment 1's file name and bytes (from `ebox_files.content`, the database store) */
  fileName: string;
  sha256: string;
  sizeBytes: number;
  content: Buffer;
}

/**
 * The settlement letters of a campaign as the e-Box holds them: every message of the campaign with its attachments
 * and the bytes of attachment 1 read from `ebox_files` (database store). Fails when a message has no first file or
 * its bytes are not in the database store. Pass a message id to read one letter whatever its campaign.
 */
export async function settlementLetters(db: Db | Tx, by: { campaignId: string } | { messageId: string }): Promise<SettlementLetter[]> {
  let query = db.selectFrom('ebox_messages').selectAll().orderBy('id');
  query = 'campaignId' in by ? query.where('campaign_id', '=', by.campaignId) : query.where('id', '=', by.messageId);
  const messages = await query.execute();
  const letters: SettlementLetter[] = [];
  for (const m of messages) {
    const attachments = await db.selectFrom('ebox_attachments').selectAll().where('message_id', '=', m.id).orderBy('position').execute();
    const first = attachments.find((a) => a.position === 1);
    if (!first?.sha256) throw new Error(`message ${m.id}: no first file`);
    const file = await db.selectFrom('ebox_files').select(['content', 'store', 'size_bytes']).where('sha256', '=', first.sha256).executeTakeFirst();
    if (!file?.content) throw new Error(`message ${m.id}: the bytes of ${first.sha256} are not in the database store (${file?.store ?? 'no ebox_files row'})`);
    letters.push({
      id: m.id,
      organisationId: m.organisation_id,
      campaignId: m.campaign_id,
      messageType: m.message_type,
      legislation: m.legislation,
      period: m.period,
      senderApplication: m.sender_application,
      subjects: { nl: m.subject_nl, fr: m.subject_fr, de: m.subject_de },
      publishedBy: m.published_by_person,
      attachments: attachments.map((a) => ({
        position: a.position,
        fileName: a.file_name,
        sha256: a.sha256,
        sizeBytes: Number(a.size_bytes),
        isMain: a.is_main,
      })),
      fileName: first.file_name,
      sha256: first.sha256,
      sizeBytes: Number(first.size_bytes),
      // a Buffer on PostgreSQL, a Uint8Array on PGlite
      content: Buffer.from(file.content),
    });
  }
  return letters;
}

/** One settlement letter by its message id (`settlements.document_id`); fails when there is none. */
export async function settlementLetter(db: Db | Tx, messageId: string): Promise<SettlementLetter> {
  const [letter] = await settlementLetters(db, { messageId });
  if (!letter) throw new Error(`no e-Box message ${messageId}`);
  return letter;
}
