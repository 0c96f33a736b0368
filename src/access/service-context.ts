import type { Actor } from './access.ts';
import type { Db } from '../db/database.ts';

/** What every use case receives first: who acts, on which database, at which moment. */
export interface ServiceContext {
  actor: Actor;
  db: Db;
  now: Date;
  /** The application's public URL when one is configured (config.publicUrlConfigured): e-mails link to it; absent, they say where to go in words. */
  publicUrl?: string;
}

/** The OCMW the actor is working for; routes only call services once one is chosen. */
export function currentOrganisationId(ctx: ServiceContext): string {
  const id = ctx.actor.organisationId;
  if (!id) throw new Error('No OCMW chosen in this session');
  return id;
}
