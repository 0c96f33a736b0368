/**
 * What must hold in the database whenever the server died, whatever it was doing (suite 6 of issue 5): read after
 * every SIGKILL, by the test, on the database the server left. Each broken rule is one line of `problems`.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/audit/audit.ts';
import type { Db } from '../../src/db/database.ts';

export interface FormState {
  id: string;
  submitted: boolean;
  /** roles signed on the present content */
  roles: string[];
  version: number;
}

export interface Consistency {
  problems: string[];
  forms: Map<string, FormState>;
  jobs: { pending: number; done: number; other: number; messages: number };
  /** per campaign: its settlements and its settlement letters (e-Box messages of type UV_AFREKENING) */
  campaigns: Map<string, { status: string; settlements: number; letters: number }>;
  auditEvents: number;
}

interface FormRow {
  id: string;
  version: number;
  submitted: boolean;
  has_snapshot: boolean;
  contact_email: string | null;
  roles: string | null;
  signers: number;
  current_signatures: number;
  submitted_events: number;
  corrections: number;
  receipts: number;
}

async function checkForms(db: Db, c: Consistency): Promise<void> {
  const forms = await sql<FormRow>`
    SELECT fi.id, fi.version, fi.submitted_at IS NOT NULL AS submitted, fi.submitted_snapshot IS NOT NULL AS has_snapshot, o.contact_email,
      (SELECT string_agg(s.role, ',' ORDER BY s.role) FROM signatures s WHERE s.form_instance_id = fi.id AND s.content_hash = fi.content_hash) AS roles,
      (SELECT count(DISTINCT s.person_id)::int FROM signatures s WHERE s.form_instance_id = fi.id AND s.content_hash = fi.content_hash) AS signers,
      (SELECT count(*)::int FROM signatures s WHERE s.form_instance_id = fi.id AND s.content_hash = fi.content_hash) AS current_signatures,
      (SELECT count(*)::int FROM audit_events a WHERE a.subject_id = fi.id AND a.type = 'FORM_SUBMITTED') AS submitted_events,
      (SELECT count(*)::int FROM audit_events a WHERE a.subject_id = fi.id AND a.type = 'CORRECTION_REQUESTED') AS corrections,
      (SELECT count(*)::int FROM outbox_jobs j WHERE j.dedupe_key LIKE 'receipt:' || fi.id || ':%') AS receipts
    FROM form_instances fi JOIN organisations o ON o.id = fi.organisation_id`.execute(db);
  for (const f of forms.rows) {
    const roles = f.roles ? f.roles.split(',') : [];
    c.forms.set(f.id, { id: f.id, submitted: f.submitted, roles, version: f.version });
    const where = `form ${f.id}`;
    if (f.submitted) {
      if (!f.has_snapshot) c.problems.push(`${where}: submitted without its snapshot`);
      if (roles.join(',') !== 'CHAIR,DIRECTOR' || f.signers !== 2)
        c.problems.push(`${where}: submitted with signatures ${roles.join(',') || 'none'} by ${f.signers} person(s)`);
    } else {
      if (f.has_snapshot) c.problems.push(`${where}: a snapshot without a submission (partial submission)`);
      if (f.current_signatures >= 2) c.problems.push(`${where}: both signatures on the present content but not submitted (partial submission)`);
    }
    // every submission that committed is followed by one correction before the next
    if (f.submitted_events - f.corrections !== (f.submitted ? 1 : 0)) {
      c.problems.push(`${where}: ${f.submitted_events} submission event(s), ${f.corrections} correction(s), submitted ${f.submitted}`);
    }
    // one acknowledgement of receipt per submission: none lost, none doubled
    if (f.contact_email && f.receipts !== f.submitted_events) c.problems.push(`${where}: ${f.receipts} receipt job(s) for ${f.submitted_events} submission(s)`);
  }
}

async function checkOutbox(db: Db, c: Consistency): Promise<void> {
  const jobs = await sql<{ id: string; state: string; messages: number }>`
    SELECT j.id, j.state, (SELECT count(*)::int FROM mail_messages m WHERE m.job_id = j.id) AS messages FROM outbox_jobs j`.execute(db);
  for (const j of jobs.rows) {
    c.jobs.messages += j.messages;
    if (j.state === 'DONE') c.jobs.done++;
    else if (j.state === 'PENDING') c.jobs.pending++;
    else c.jobs.other++;
    const expected = j.state === 'DONE' ? 1 : 0;
    if (j.messages !== expected) c.problems.push(`outbox job ${j.id} (${j.state}): ${j.messages} message(s), expected ${expected}`);
  }
  const orphans = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM mail_messages m WHERE NOT EXISTS (SELECT 1 FROM outbox_jobs j WHERE j.id = m.job_id)`.execute(db);
  if (orphans.rows[0].n > 0) c.problems.push(`${orphans.rows[0].n} message(s) without their outbox job`);
}

interface CampaignRow {
  id: string;
  status: string;
  settlements: number;
  letters: number;
  without_letter: number;
  issued: number;
}

interface LetterRow {
  id: string;
  attachments: number;
  sha256: string | null;
  size_bytes: string | number | null;
  store: string | null;
  file_size: string | number | null;
  content: Uint8Array | null;
}

/**
 * A settlement and its letter are written together or not at all: the letter is an e-Box message of type UV_AFREKENING
 * of the campaign (issue 16) with one file, position 1, whose bytes (`ebox_files`, database store) are a whole PDF.
 */
async function checkSettlements(db: Db, c: Consistency): Promise<void> {
  const campaigns = await sql<CampaignRow>`
    SELECT c.id, c.status,
      (SELECT count(*)::int FROM settlements s WHERE s.campaign_id = c.id) AS settlements,
      (SELECT count(*)::int FROM ebox_messages m WHERE m.campaign_id = c.id AND m.message_type = 'UV_AFREKENING') AS letters,
      (SELECT count(*)::int FROM settlements s
        LEFT JOIN ebox_messages m ON m.id = s.document_id AND m.message_type = 'UV_AFREKENING' AND m.campaign_id = s.campaign_id
          AND m.organisation_id = s.organisation_id
        WHERE s.campaign_id = c.id AND m.id IS NULL) AS without_letter,
      (SELECT count(*)::int FROM audit_events a WHERE a.type = 'SETTLEMENT_ISSUED' AND a.payload->>'campaignId' = c.id::text) AS issued
    FROM campaigns c`.execute(db);
  for (const row of campaigns.rows) {
    c.campaigns.set(row.id, { status: row.status, settlements: row.settlements, letters: row.letters });
    const where = `campaign ${row.id} (${row.status})`;
    if (row.status !== 'SETTLED') {
      if (row.settlements + row.letters + row.issued > 0)
        c.problems.push(
          `${where}: ${row.settlements} settlement(s), ${row.letters} letter(s), ${row.issued} audit event(s) of a settlement that did not finish`,
        );
      continue;
    }
    if (row.settlements === 0 || row.letters !== row.settlements || row.without_letter > 0 || row.issued !== row.settlements) {
      c.problems.push(
        `${where}: ${row.settlements} settlement(s), ${row.letters} letter(s), ${row.without_letter} without letter, ${row.issued} audit event(s)`,
      );
    }
    const letters = await sql<LetterRow>`
      SELECT m.id, (SELECT count(*)::int FROM ebox_attachments x WHERE x.message_id = m.id) AS attachments,
        a.sha256, a.size_bytes, f.store, f.size_bytes AS file_size, f.content
      FROM ebox_messages m
      LEFT JOIN ebox_attachments a ON a.message_id = m.id AND a.position = 1
      LEFT JOIN ebox_files f ON f.sha256 = a.sha256
      WHERE m.campaign_id = ${row.id} AND m.message_type = 'UV_AFREKENING'`.execute(db);
    for (const letter of letters.rows) {
      if (letter.attachments !== 1 || !letter.sha256) {
        c.problems.push(`letter ${letter.id}: ${letter.attachments} file(s), ${letter.sha256 ? 'a' : 'no'} first file`);
        continue;
      }
      if (!letter.content) {
        c.problems.push(`letter ${letter.id}: its bytes ${letter.sha256} are not in ebox_files (${letter.store ?? 'no row'})`);
        continue;
      }
      const content = Buffer.from(letter.content);
      const whole = content.subarray(0, 5).toString('latin1') === '%PDF-' && content.subarray(-8).toString('latin1').includes('%%EOF');
      const sized = content.length === Number(letter.size_bytes) && content.length === Number(letter.file_size);
      const hashed = createHash('sha256').update(content).digest('hex') === letter.sha256;
      if (!whole || !sized || !hashed) c.problems.push(`letter ${letter.id}: not a whole PDF (${content.length} bytes${hashed ? '' : ', not its SHA-256'})`);
    }
  }
  // an e-Box message is published with its audit event in one transaction: neither outlives a rollback without the other
  // (the suite's databases are created afresh: no letter converted by migration 0016, which has no such event)
  const unlogged = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ebox_messages m
    WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.type = 'EBOX_MESSAGE_PUBLISHED' AND a.subject_id = m.id)`.execute(db);
  if (unlogged.rows[0].n > 0) c.problems.push(`${unlogged.rows[0].n} e-Box message(s) without their EBOX_MESSAGE_PUBLISHED event`);
  const phantom = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM audit_events a
    WHERE a.type = 'EBOX_MESSAGE_PUBLISHED' AND NOT EXISTS (SELECT 1 FROM ebox_messages m WHERE m.id = a.subject_id)`.execute(db);
  if (phantom.rows[0].n > 0) c.problems.push(`${phantom.rows[0].n} EBOX_MESSAGE_PUBLISHED event(s) of a message that does not exist`);
}

async function checkAudit(db: Db, c: Consistency): Promise<void> {
  const organisations = await db.selectFrom('organisations').select('id').execute();
  for (const { id } of organisations) {
    const chain = await verifyAuditChain(db, id);
    c.auditEvents += chain.events;
    if (!chain.ok) c.problems.push(`audit chain of OCMW ${id} broken at ${chain.problem?.seq} (${chain.problem?.reason})`);
  }
}

export async function checkConsistency(db: Db): Promise<Consistency> {
  const c: Consistency = { problems: [], forms: new Map(), jobs: { pending: 0, done: 0, other: 0, messages: 0 }, campaigns: new Map(), auditEvents: 0 };
  await checkForms(db, c);
  await checkOutbox(db, c);
  await checkSettlements(db, c);
  await checkAudit(db, c);
  return c;
}
