import { requireAccess } from '../../../access/access.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { NotFound } from '../../shared/errors.ts';
import { ADMIN_PAGE_SIZE, findPublished, listPublished } from './ebox-admin.repository.ts';

/** What POD MI published, newest first, filtered on recipient (name or KBO) and type. */
export async function publishedMessages(ctx: ServiceContext, filter: { q?: string; type?: string; batchId?: string }, page: number) {
  requireAccess(ctx.actor, 'EboxPublish');
  const list = await listPublished(ctx.db, filter, page);
  return { ...list, page, pages: Math.max(1, Math.ceil(list.total / ADMIN_PAGE_SIZE)) };
}

/** One published message with its read state, for POD MI. */
export async function publishedMessage(ctx: ServiceContext, messageId: string) {
  requireAccess(ctx.actor, 'EboxPublish');
  const message = await findPublished(ctx.db, messageId);
  if (!message) throw new NotFound();
  return message;
}
