import { appendAudit } from '../../audit/audit.ts';
import type { Tx } from '../../db/database.ts';
import type { SignatureRole } from '../shared/domain.ts';
import { deleteSignatures } from './signatures.repository.ts';
import { type SignerMailLinks, queueSignatureDropped } from './signer-mail.ts';

/**
 * Why signatures lapse. The audit payload keeps the shape each cause has always written (the chain is verified over
 * stored payloads and the history reads them): the new content hash, the OCMW's bank account, a correction.
 */
export type DropCause = { kind: 'CONTENT_CHANGED'; newHash: string } | { kind: 'OCMW_BANK_ACCOUNT_CHANGED' } | { kind: 'CORRECTION_REQUESTED' };

/** What a dropped signature tells the audit trail. */
export interface DroppedSignature {
  id: string;
  role: SignatureRole;
  person_id: string;
  content_hash: string;
}

function causePayload(cause: DropCause): Record<string, string> {
  switch (cause.kind) {
    case 'CONTENT_CHANGED':
      return { newHash: cause.newHash };
    case 'OCMW_BANK_ACCOUNT_CHANGED':
      return { reason: 'OCMW_BANK_ACCOUNT_CHANGED' };
    case 'CORRECTION_REQUESTED':
      return { cause: 'CORRECTION_REQUESTED' };
  }
}

/**
 * The one way signatures lapse (save, sign, OCMW data, corrections): deletes the given signatures of one form and
 * writes one SIGNATURE_DROPPED per signature in the OCMW's audit trail, with its cause, in the caller's transaction;
 * the signers are told by e-mail, with a link to the form when a public URL is configured (`links`).
 */
export async function dropSignatures(
  tx: Tx,
  formInstanceId: string,
  signatures: readonly DroppedSignature[],
  cause: DropCause,
  by: { organisationId: string; actorPersonId: string; at: Date },
  links: SignerMailLinks,
): Promise<void> {
  if (signatures.length === 0) return;
  await deleteSignatures(
    tx,
    formInstanceId,
    signatures.map((s) => s.id),
  );
  for (const s of signatures) {
    await appendAudit(tx, {
      organisationId: by.organisationId,
      actorPersonId: by.actorPersonId,
      type: 'SIGNATURE_DROPPED',
      subjectId: formInstanceId,
      payload: { role: s.role, signedBy: s.person_id, signedHash: s.content_hash, ...causePayload(cause) },
      at: by.at,
    });
  }
  // The signers are told their signature lapsed (a correction request mails the OCMW itself).
  if (cause.kind !== 'CORRECTION_REQUESTED') await queueSignatureDropped(tx, formInstanceId, signatures, by.actorPersonId, by.at, links);
}
