import { requireAccess } from '../../access/access.ts';
import { isUuid } from '../../platform/route-context.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { NotFound } from '../shared/errors.ts';
import { findDocument, listDocuments } from './ebox.repository.ts';

/** The e-Box ("persoonlijke pagina's"): documents POD MI drops for the OCMW of the session (settlement letters). */
export async function listEbox(ctx: ServiceContext) {
  requireAccess(ctx.actor, 'DocumentRead');
  return listDocuments(ctx.db, currentOrganisationId(ctx));
}

export async function eboxDocument(ctx: ServiceContext, documentId: unknown) {
  requireAccess(ctx.actor, 'DocumentRead');
  if (!isUuid(documentId)) throw new NotFound();
  const document = await findDocument(ctx.db, currentOrganisationId(ctx), documentId);
  if (!document) throw new NotFound();
  return document;
}
