import type { FastifyRequest } from 'fastify';
import { isUuid } from '../../platform/route-context.ts';
import { NotFound } from '../shared/errors.ts';

/** The campaign id of a form URL; anything that is not a UUID is a form that does not exist. */
export function campaignIdOf(request: FastifyRequest): string {
  const id = (request.params as { campaignId?: string }).campaignId;
  if (!isUuid(id)) throw new NotFound();
  return id;
}
