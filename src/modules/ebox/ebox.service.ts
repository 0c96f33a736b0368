import { requireAccess } from '../../access/access.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { NotFound } from '../shared/errors.ts';
import { findDocument, listDocuments } from './ebox.repository.ts';

/** The e-Box ("persoonlijke pagina's"): documents POD MI drops for the OCMW of the session (settlement letters). */
export async function listEbox(ctx: ServiceContext) {
  requireAccess(ctx.actor, 'DocumentRead');
  return listDocuments(ctx.db, currentOrganisationId(ctx));
}

export async function eboxDocument(ctx: ServiceContext, documentId: string) {
  requireAccess(ctx.actor, 'DocumentRead');
  const document = await findDocument(ctx.db, currentOrganisationId(ctx), documentId);
  if (!document) throw new NotFound();
  return document;
}
