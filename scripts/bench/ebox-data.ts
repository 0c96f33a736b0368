/**
 * Data of the e-Box benchmark (issue 16): monthly statements as realistic PDFs (pdfkit, a few pages of tables in an
 * embedded font and a scanned-looking stamp, about 200 KB), made unique cheaply, the OCMWs that receive them, and the
 * bare INSERT of the rows a publication writes. Everything is deterministic: a fixed seed, no dates but the ones given.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Db } from '../../src/db/database.ts';
import { recipientByKbo } from '../../src/modules/ebox/recipients.ts';

/** A small deterministic PRNG (mulberry32): the same PDFs on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A grey "scanned stamp" of `size`×`size` pixels whose noise does not compress (as a scan's grain does not). */
function stampPng(size: number, random: () => number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const raw = Buffer.alloc((size + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const ring = Math.abs(Math.hypot(x - size / 2, y - size / 2) - size / 3) < size / 12;
      raw[y * (size + 1) + 1 + x] = (ring ? 60 : 225) + Math.floor(random() * 30);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const FONT_DIR = new URL('../../public/fonts/', import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;

/**
 * A monthly statement of a payment agency to an OCMW: `pages` pages of a table of beneficiaries (name, INSZ-like
 * number, period, amounts) in DejaVu Sans (embedded, subset), a header and a stamp image on the first page.
 * With the defaults about 200 KB (6 pages, a 460×460 stamp).
 */
export async function monthlyStatementPdf(seed: number, options: { pages?: number; stamp?: number } = {}): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  fonts ??= { regular: readFileSync(new URL('DejaVuSans.ttf', FONT_DIR)), bold: readFileSync(new URL('DejaVuSans-Bold.ttf', FONT_DIR)) };
  const random = prng(seed + 1);
  // a fixed creation date: the same bytes every run
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Maandstaat ${seed}`, CreationDate: new Date('2026-11-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const pages = options.pages ?? 6;
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    doc
      .font('bold')
      .fontSize(13)
      .text(`Maandstaat leefloon / État mensuel revenu d'intégration — staat ${seed}, blad ${p + 1}/${pages}`);
    if (p === 0) doc.image(stampPng(options.stamp ?? 460, random), 430, 90, { width: 110 });
    doc.moveDown(0.5);
    doc.font('regular').fontSize(7.5);
    const top = doc.y;
    for (let r = 0; r < 52; r++) {
      const y = top + r * 13;
      const n = Math.floor(random() * 1e9);
      const amount = (random() * 1500 + 300).toFixed(2).replace('.', ',');
      const refund = (random() * 100).toFixed(2).replace('.', ',');
      doc.text(`${String(p * 52 + r + 1).padStart(3, '0')}`, 40, y, { width: 25, lineBreak: false });
      doc.text(`Begunstigde ${n.toString(36).toUpperCase()}`, 68, y, { width: 140, lineBreak: false });
      doc.text(
        `${String(n)
          .padStart(9, '0')
          .replace(/(\d{2})(\d{2})(\d{2})(\d{3})/, '$1.$2.$3-$4')}`,
        210,
        y,
        { width: 80, lineBreak: false },
      );
      doc.text(`${1 + (n % 28)}/${1 + (n % 12)}`, 292, y, { width: 40, lineBreak: false });
      doc.text(`€ ${amount}`, 335, y, { width: 70, align: 'right', lineBreak: false });
      doc.text(`€ ${refund}`, 410, y, { width: 60, align: 'right', lineBreak: false });
      doc.text(random() < 0.8 ? 'cat. 2' : 'cat. 3', 480, y, { width: 60, lineBreak: false });
      doc
        .moveTo(40, y + 10.5)
        .lineTo(555, y + 10.5)
        .lineWidth(0.3)
        .stroke('#999999');
    }
  }
  doc.end();
  return done;
}

/**
 * The same PDF made unique: a comment naming `tag` after its last `%%EOF`, then `%%EOF` again — readers ignore
 * comments, and the content check wants a `%%EOF` in the last 1024 bytes (a file cut short is damaged).
 */
export function uniquePdf(base: Buffer, tag: string): Buffer {
  return Buffer.concat([base, Buffer.from(`%uv-bench ${tag}\n%%EOF\n`, 'latin1')]);
}

export interface BenchRecipient {
  id: string;
  /** 10 digits */
  kbo: string;
  name: string;
}

/** `count` OCMWs of the registry that receive e-Box messages on `day` (ACTIVE or DISAPPEARING), by KBO number. */
export async function benchRecipients(db: Db, count: number, day: string): Promise<BenchRecipient[]> {
  const candidates = await db
    .selectFrom('organisations')
    .select(['id', 'kbo', 'name_nl'])
    .where('type', '=', 'OCMW')
    .where('has_ocmw', '=', true)
    .orderBy('kbo')
    .execute();
  const out: BenchRecipient[] = [];
  for (const c of candidates) {
    if (out.length >= count) break;
    if (!/^\d{10}$/.test(c.kbo)) continue;
    const found = await recipientByKbo(db, c.kbo, day);
    if (found.kind === 'ok') out.push({ id: c.id, kbo: c.kbo, name: c.name_nl });
  }
  if (out.length < count) throw new Error(`only ${out.length} OCMWs receive e-Box messages on ${day}, ${count} asked`);
  return out;
}

/** One message of the run: its recipient, month and main file (its bytes made when needed: `pdfOf`). */
export interface BenchMessage {
  /** the bulk row reference, the API's idempotency key */
  reference: string;
  recipient: BenchRecipient;
  /** 2026-01 … 2026-12 */
  period: string;
  fileName: string;
  /** which base PDF, made unique by the reference */
  base: number;
}

/**
 * `count` messages: each OCMW its monthly statement of January 2026, then of February…, so 565 OCMWs × 12 months is
 * 6 780 messages with 12 distinct documents per OCMW (beyond 12 months, the year before).
 */
export function messagePlan(recipients: BenchRecipient[], count: number, bases: number): BenchMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const recipient = recipients[i % recipients.length];
    const months = Math.floor(i / recipients.length);
    const period = `${2026 - Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`;
    return {
      reference: `ms-${period}-${recipient.kbo}`,
      recipient,
      period,
      fileName: `maandstaat-${period}-${recipient.kbo}.pdf`,
      base: i % bases,
    };
  });
}

/** A message's PDF: its base made unique by its reference (distinct bytes, distinct SHA-256). */
export function pdfOf(bases: Buffer[], m: BenchMessage): Buffer {
  return uniquePdf(bases[m.base], m.reference);
}

export const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
export const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export function subjectsOf(period: string): { nl: string; fr: string } {
  const month = Number(period.slice(5, 7)) - 1;
  return { nl: `Maandstaat ${MONTHS_NL[month]} ${period.slice(0, 4)}`, fr: `État mensuel ${MONTHS_FR[month]} ${period.slice(0, 4)}` };
}

/**
 * The bare INSERT of a publication's rows, in batches of `batch` messages in one transaction: ebox_files (the bytes,
 * database store), ebox_messages, ebox_attachments — no checks, no audit, no transaction per row. The ceiling of any
 * publication path. Only one batch of PDFs is in memory at a time.
 */
export async function bareInsert(
  db: Db,
  messages: BenchMessage[],
  bases: Buffer[],
  options: { now: Date; expiresAt: Date; sender: string; batch?: number },
): Promise<void> {
  const size = options.batch ?? 50;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < messages.length; i += size) {
      const batch = messages.slice(i, i + size).map((m) => {
        const bytes = pdfOf(bases, m);
        return { m, bytes, id: randomUUID(), sha256: createHash('sha256').update(bytes).digest('hex') };
      });
      await tx
        .insertInto('ebox_files')
        .values(batch.map(({ bytes, sha256 }) => ({ sha256, size_bytes: bytes.length, store: 'database' as const, content: bytes, created_at: options.now })))
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      await tx
        .insertInto('ebox_messages')
        .values(
          batch.map(({ m, id }) => {
            const subjects = subjectsOf(m.period);
            return {
              id,
              organisation_id: m.recipient.id,
              sender_application: options.sender,
              idempotency_key: m.reference,
              message_type: 'MAANDSTAAT',
              legislation: 'RMI' as const,
              period: m.period,
              subject_nl: subjects.nl,
              subject_fr: subjects.fr,
              subject_de: null,
              published_at: options.now,
              expires_at: options.expiresAt,
            };
          }),
        )
        .execute();
      await tx
        .insertInto('ebox_attachments')
        .values(
          batch.map(({ m, id, bytes, sha256 }) => ({ message_id: id, position: 1, file_name: m.fileName, sha256, size_bytes: bytes.length, is_main: true })),
        )
        .execute();
    }
  });
}

/**
 * Fills one organisation's e-Box up to `total` messages for the list benchmark: every document type (monthly
 * statements most), one a day going back from `now` (so periods and dates spread over years), all sharing one small
 * file (the list never opens files), and `readShare` of them read by `readerId`.
 */
export async function fillEbox(
  db: Db,
  organisationId: string,
  total: number,
  options: { now: Date; readerId: string; file: Buffer; readShare?: number },
): Promise<number> {
  const existing = Number(
    (
      await db
        .selectFrom('ebox_messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('organisation_id', '=', organisationId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const missing = Math.max(0, total - existing);
  const types = await db.selectFrom('ebox_message_types').select(['code', 'legislations', 'validity_months']).orderBy('position').execute();
  const sha256 = createHash('sha256').update(options.file).digest('hex');
  const random = prng(42);
  const readShare = options.readShare ?? 0.7;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('ebox_files')
      .values({ sha256, size_bytes: options.file.length, store: 'database', content: options.file, created_at: options.now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    for (let i = 0; i < missing; i += 500) {
      const rows = Array.from({ length: Math.min(500, missing - i) }, (_, k) => {
        const n = i + k;
        // three monthly statements for every other document
        const type = n % 2 === 0 ? (types.find((t) => t.code === 'MAANDSTAAT') ?? types[0]) : types[n % types.length];
        const at = new Date(options.now.getTime() - (n + 1) * 3_600_000 * 6);
        const period = `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
        const subjects = subjectsOf(period);
        const expires = new Date(options.now.getTime() + 365 * 86_400_000);
        return {
          message: {
            id: randomUUID(),
            organisation_id: organisationId,
            sender_application: 'NOVAPRIMA',
            idempotency_key: `fill-${n}`,
            message_type: type.code,
            legislation: type.legislations[0] as 'RMI',
            period,
            subject_nl: `${subjects.nl} (${type.code})`,
            subject_fr: `${subjects.fr} (${type.code})`,
            subject_de: null,
            published_at: at,
            expires_at: expires,
          },
          read: random() < readShare,
        };
      });
      await tx
        .insertInto('ebox_messages')
        .values(rows.map((r) => r.message))
        .execute();
      await tx
        .insertInto('ebox_attachments')
        .values(rows.map((r) => ({ message_id: r.message.id, position: 1, file_name: 'document.pdf', sha256, size_bytes: options.file.length, is_main: true })))
        .execute();
      const read = rows.filter((r) => r.read);
      if (read.length > 0)
        await tx
          .insertInto('ebox_reads')
          .values(
            read.map((r) => ({
              message_id: r.message.id,
              organisation_id: organisationId,
              first_read_at: new Date(Math.min(options.now.getTime(), r.message.published_at.getTime() + 86_400_000)),
              first_read_by: options.readerId,
            })),
          )
          .execute();
    }
  });
  return existing + missing;
}
