import { randomUUID } from 'node:crypto';
import { requireAccess } from '../../../access/access.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { withTransaction } from '../../../db/database.ts';
import { brusselsDay } from '../../shared/brussels-time.ts';
import { listMessageTypes } from '../../ebox/ebox.repository.ts';
import { type FileStore, fileRow, sha256Of } from '../../ebox/files/file-store.ts';
import { checkMessageInput } from '../../ebox/message-input.ts';
import { SENDER_BACKOFFICE, isLegislation } from '../../ebox/message-types.ts';
import { publishMessage } from '../../ebox/publish.ts';
import { recipientByKbo } from '../../ebox/recipients.ts';
import { findRecipient } from './recipient-search.ts';
import type { PostedFile, SingleFields, SingleProblem, StagedMessage } from './ebox-publication.model.ts';

export type { PostedFile, SingleFields, SingleProblem, StagedMessage } from './ebox-publication.model.ts';

const nullIfEmpty = (v: string) => (v.trim() === '' ? null : v.trim());

/**
 * Step 1 of a single publication (portal.md §4.4): every field checked (recipient, type, legislation, period,
 * subjects, 1–6 PDFs by content — the first one the main document), the files stored by SHA-256 for the preview.
 */
export async function stageSingle(ctx: ServiceContext, store: FileStore, fields: SingleFields, posted: PostedFile[]) {
  requireAccess(ctx.actor, 'EboxPublish');
  const problems: SingleProblem[] = [];
  const found = await findRecipient(ctx.db, fields.recipient, brusselsDay(ctx.now));
  if (found.kind !== 'ok') problems.push({ field: 'recipient', code: 'recipient', found });
  const files = posted.filter((f) => f.name !== '');
  for (const f of files.filter((file) => file.tooLarge)) problems.push({ field: f.field, code: 'file_too_large', params: { name: f.name, megabytes: 20 } });
  const types = await listMessageTypes(ctx.db);
  const input = {
    messageType: fields.messageType,
    legislation: fields.legislation,
    period: nullIfEmpty(fields.period),
    subjects: { nl: fields.subject_nl.trim(), fr: fields.subject_fr.trim(), de: nullIfEmpty(fields.subject_de) },
    files: files.filter((f) => !f.tooLarge).map((f, i) => ({ name: f.name, bytes: f.bytes, isMain: i === 0 })),
  };
  const inputErrors = await checkMessageInput(input, types);
  // the input's file numbers count the files sent; the page's fields are file1…file6
  const sent = files.filter((f) => !f.tooLarge);
  for (const e of inputErrors) problems.push(/^file\d$/.test(e.field) ? { ...e, field: sent[Number(e.field.slice(4)) - 1]?.field ?? 'files' } : e);
  if (problems.length > 0 || found.kind !== 'ok' || !isLegislation(input.legislation)) return { kind: 'invalid' as const, problems };
  const staged: StagedMessage = {
    recipient: { organisationId: found.organisationId, kbo: found.kbo, name: found.name, disappearing: found.disappearing },
    messageType: input.messageType,
    legislation: input.legislation,
    period: input.period,
    subjects: input.subjects,
    files: [],
    key: randomUUID(),
  };
  for (const f of input.files) {
    const sha256 = sha256Of(f.bytes);
    await store.put(ctx.db, sha256, f.bytes, ctx.now);
    staged.files.push({ sha256, size: f.bytes.length, name: f.name });
  }
  return { kind: 'staged' as const, staged };
}

/**
 * Step 2: publishes what the preview showed (posted back as hidden fields). The recipient and the metadata are
 * checked again (the recipient may have merged meanwhile); the files must be in the store. A second post of the
 * same preview publishes nothing more (its key).
 */
export async function publishStaged(ctx: ServiceContext, store: FileStore, staged: StagedMessage) {
  requireAccess(ctx.actor, 'EboxPublish');
  const recipient = await recipientByKbo(ctx.db, staged.recipient.kbo, brusselsDay(ctx.now));
  if (recipient.kind !== 'ok' || recipient.organisationId !== staged.recipient.organisationId) return { kind: 'recipient_changed' as const };
  const types = await listMessageTypes(ctx.db);
  const errors = (await checkMessageInput({ ...staged, files: [] }, types)).filter((e) => e.code !== 'files_none');
  if (errors.length > 0 || staged.files.length === 0 || staged.files.length > 6) return { kind: 'invalid' as const };
  for (const f of staged.files) if (!(await fileRow(ctx.db, f.sha256))) return { kind: 'invalid' as const };
  const result = await withTransaction(ctx.db, (tx) =>
    publishMessage(
      tx,
      store,
      {
        organisationId: recipient.organisationId,
        senderApplication: SENDER_BACKOFFICE,
        idempotencyKey: `single:${staged.key}`,
        messageType: staged.messageType,
        legislation: staged.legislation,
        period: staged.period,
        subjects: staged.subjects,
        files: staged.files.map((f, i) => ({ name: f.name, sha256: f.sha256, size: f.size, isMain: i === 0 })),
        publishedBy: { kind: 'person', personId: ctx.actor.personId },
      },
      ctx.now,
    ),
  );
  return { kind: 'published' as const, id: result.id };
}
