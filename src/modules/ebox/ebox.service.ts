import { can, requireAccess } from '../../access/access.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { NotFound } from '../shared/errors.ts';
import { countUnread, findDocument, listDocuments, markRead } from './ebox.repository.ts';

/** The e-Box ("persoonlijke pagina's"): documents POD MI drops for the OCMW of the session (settlement letters). */
export async function listEbox(ctx: ServiceContext) {
  requireAccess(ctx.actor, 'DocumentRead');
  return listDocuments(ctx.db, currentOrganisationId(ctx));
}

export async function eboxDocument(ctx: ServiceContext, documentId: string) {
  requireAccess(ctx.actor, 'DocumentRead');
  const organisationId = currentOrganisationId(ctx);
  const document = await findDocument(ctx.db, organisationId, documentId);
  if (!document) throw new NotFound();
  // Opened by someone of the OCMW: read for the OCMW (POD MI's reads are logged as such and change nothing).
  if (ctx.actor.rights.length > 0) await markRead(ctx.db, organisationId, documentId, ctx.actor.personId, ctx.now);
  return document;
}

/** The number of documents nobody of the OCMW opened yet; 0 for who may not read the e-Box. */
export async function unreadDocuments(ctx: ServiceContext): Promise<number> {
  if (!can(ctx.actor, 'DocumentRead')) return 0;
  return countUnread(ctx.db, currentOrganisationId(ctx));
}
