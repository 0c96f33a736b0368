import { type Actor, can, requireAccess } from '../../access/access.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { appendAudit } from '../../audit/audit.ts';
import { type Db, withTransaction } from '../../db/database.ts';
import { NotFound } from '../shared/errors.ts';
import type { FileStore } from './files/file-store.ts';
import {
  EBOX_PAGE_SIZE,
  type MessageFilter,
  countUnread,
  countUnreadForPerson,
  findMessage,
  grantedTypes,
  listMessages,
  listMessageTypes,
  markRead,
  recordVisit,
} from './ebox.repository.ts';

/**
 * The OCMW's e-Box (portal.md §4.5, §4.8): the messages POD MI published for the organisation of the page. Access
 * managers and holders of the e-Box grant read it (a grant may be limited to some types); POD MI staff read every
 * e-Box (their reads are in the OCMW's audit trail, ocmw-scope) without changing its read state.
 */

/** Is the actor someone of the OCMW (not POD MI reading it)? Only they make a message read. */
const ofTheOcmw = (ctx: ServiceContext) => ctx.actor.rights.length > 0;

/** The message types the actor may see in this e-Box: null for every type. */
async function visibleTypes(ctx: ServiceContext, organisationId: string): Promise<string[] | null> {
  return ofTheOcmw(ctx) ? grantedTypes(ctx.db, organisationId, ctx.actor.personId) : null;
}

export type EboxQuery = Omit<MessageFilter, 'allowedTypes'> & { page: number };

/** One page of the e-Box with the filters' choices; a visit of the e-Box by someone of the OCMW is remembered. */
export async function listEbox(ctx: ServiceContext, query: EboxQuery) {
  requireAccess(ctx.actor, 'DocumentRead');
  const organisationId = currentOrganisationId(ctx);
  const allowedTypes = await visibleTypes(ctx, organisationId);
  const [{ rows, total }, types, unread] = await Promise.all([
    listMessages(ctx.db, organisationId, { ...query, allowedTypes }, query.page),
    listMessageTypes(ctx.db),
    countUnread(ctx.db, organisationId, allowedTypes),
  ]);
  if (ofTheOcmw(ctx) && query.page === 1) await recordVisit(ctx.db, organisationId, ctx.actor.personId, ctx.now);
  return {
    rows,
    total,
    unread,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / EBOX_PAGE_SIZE)),
    types: types.filter((type) => allowedTypes === null || allowedTypes.includes(type.code)).map((type) => type.code),
    // the access managers keep the e-Box's notification address (portal.md §4.6)
    canSetNotifications: ofTheOcmw(ctx) && can(ctx.actor, 'AccessManage'),
  };
}

/** Opens a message: read for the organisation from now on (the first reader stays), each opening in its audit trail. */
export async function openMessage(ctx: ServiceContext, messageId: string) {
  requireAccess(ctx.actor, 'DocumentRead');
  const organisationId = currentOrganisationId(ctx);
  const found = await findMessage(ctx.db, organisationId, messageId, await visibleTypes(ctx, organisationId));
  if (!found) throw new NotFound();
  if (!ofTheOcmw(ctx)) return found;
  await withTransaction(ctx.db, async (tx) => {
    const first = await markRead(tx, organisationId, messageId, ctx.actor.personId, ctx.now);
    await appendAudit(tx, {
      organisationId,
      actorPersonId: ctx.actor.personId,
      type: 'EBOX_MESSAGE_OPENED',
      subjectId: messageId,
      payload: { messageType: found.message_type, firstRead: first },
      at: ctx.now,
    });
  });
  return first(found, ctx);
}

/** After the first opening the page shows who read it first: the reader is this person, now. */
function first<T extends { first_read_at: Date | null; first_name: string | null; last_name: string | null }>(found: T, ctx: ServiceContext): T {
  if (found.first_read_at) return found;
  const [firstName, ...rest] = ctx.actor.name.split(' ');
  return { ...found, first_read_at: ctx.now, first_name: firstName, last_name: rest.join(' ') };
}

/** One file of a message, streamed from the store; downloading it opens the message. */
export async function messageFile(ctx: ServiceContext, store: FileStore, messageId: string, position: number) {
  const message = await openMessage(ctx, messageId);
  const file = message.files.find((f) => f.position === position);
  // A file of an expired message was deleted (EBX-6): the message stays as a tombstone, the file is gone.
  if (!file?.sha256) throw new NotFound();
  const opened = await store.open(ctx.db, file.sha256);
  return { fileName: file.file_name, size: opened.size, stream: opened.stream };
}

/**
 * The header's e-Box link of an OCMW page: the unread count for someone of the OCMW who may read its e-Box; undefined
 * (no link) for anyone else, POD MI staff reading included.
 */
export async function eboxHeaderCount(db: Db, actor: Actor): Promise<number | undefined> {
  if (!actor.organisationId || !ofTheOcmw({ actor } as ServiceContext) || !can(actor, 'DocumentRead')) return undefined;
  return countUnreadForPerson(db, actor.organisationId, actor.personId);
}

/** The number of messages nobody of the OCMW opened yet (of the types the person may see); 0 for who may not read. */
export async function unreadMessages(ctx: ServiceContext): Promise<number> {
  if (!can(ctx.actor, 'DocumentRead')) return 0;
  const organisationId = currentOrganisationId(ctx);
  return countUnread(ctx.db, organisationId, await visibleTypes(ctx, organisationId));
}
