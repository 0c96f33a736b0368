import type { Tx } from '../../db/database.ts';
import type { SignatureRole } from '../shared/domain.ts';

/** The signatures table: two per form at most (chair and director), each bound to the content hash it was given on. */

/** A signature with the signer's name, as pages and printouts show it. */
export interface SignatureRow {
  id: string;
  role: SignatureRole;
  person_id: string;
  content_hash: string;
  signed_at: Date;
  auth_method: string;
  /** the step-up's level and authentication time (null for signatures given before migration 0010) */
  acr?: string | null;
  authenticated_at?: Date | string | null;
  first_name: string;
  last_name: string;
}

export async function deleteSignatures(tx: Tx, formInstanceId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.deleteFrom('signatures').where('form_instance_id', '=', formInstanceId).where('id', 'in', ids).execute();
}

export async function insertSignature(
  tx: Tx,
  row: {
    id: string;
    formInstanceId: string;
    role: SignatureRole;
    personId: string;
    contentHash: string;
    now: Date;
    authMethod: string;
    authenticatedAt: Date;
    acr: string | null;
    provider: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('signatures')
    .values({
      id: row.id,
      form_instance_id: row.formInstanceId,
      role: row.role,
      person_id: row.personId,
      content_hash: row.contentHash,
      signed_at: row.now,
      auth_method: row.authMethod,
      authenticated_at: row.authenticatedAt,
      acr: row.acr,
      provider: row.provider,
    })
    .execute();
}

/** Signatures on the OCMW's forms not yet submitted (they depend on the OCMW's bank account). */
export async function listSignaturesOfOpenForms(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('signatures')
    .innerJoin('form_instances', 'form_instances.id', 'signatures.form_instance_id')
    .select(['signatures.id', 'signatures.form_instance_id', 'signatures.role', 'signatures.person_id', 'signatures.content_hash'])
    .where('form_instances.organisation_id', '=', organisationId)
    .where('form_instances.submitted_at', 'is', null)
    .execute();
}

/** Every signature of one form (a correction clears them all). */
export async function listFormSignatures(tx: Tx, formInstanceId: string) {
  return tx
    .selectFrom('signatures')
    .select(['id', 'form_instance_id', 'role', 'person_id', 'content_hash'])
    .where('form_instance_id', '=', formInstanceId)
    .execute();
}
