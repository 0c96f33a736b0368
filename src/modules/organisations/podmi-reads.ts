import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../access/access.ts';
import { appendAudit } from '../../audit/audit.ts';
import { withTransaction } from '../../db/database.ts';
import type { AppDeps } from '../../platform/deps.ts';

/**
 * POD MI staff may read every page of an OCMW (drafts with national numbers, the e-Box, kept workbooks): each
 * such read is written in that OCMW's audit trail, which the OCMW reads under the history of its data.
 * The path is kept without its query string (nothing typed by anyone is stored).
 */
export async function logPodMiRead(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor, organisationId: string, request: FastifyRequest): Promise<void> {
  const path = request.url.split('?')[0].slice(0, 300);
  await withTransaction(deps.db, (tx) =>
    appendAudit(tx, {
      organisationId,
      actorPersonId: actor.personId,
      type: 'PODMI_READ',
      subjectId: organisationId,
      payload: { path, method: request.method },
      at: deps.clock.now(),
    }),
  );
}
