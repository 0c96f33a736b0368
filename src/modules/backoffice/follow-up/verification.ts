import { type ChainVerification, verifyAuditChain } from '../../../audit/audit.ts';
import type { Db } from '../../../db/database.ts';
import type { SignatureRole } from '../../../db/types.ts';
import type { LoadedForm } from '../../reports/reports.service.ts';

export interface SignatureCheck {
  role: SignatureRole;
  signer: string;
  ok: boolean;
}

/** The result of verifying a submitted form: what was signed is what is stored, and the OCMW's audit chain holds. */
export interface FormVerification {
  ok: boolean;
  /** content hash recomputed from the stored input and the submitted snapshot */
  recomputedHash: string;
  storedHash: string;
  storedHashOk: boolean;
  signatures: SignatureCheck[];
  missingRoles: SignatureRole[];
  chain: ChainVerification;
}

/**
 * Verifies a loaded form: its content hash is recomputed from the stored content (for a submitted form, with the
 * OCMW data and reference values of its snapshot, as the loader does) and compared with the hash stored on the
 * form and with the hash each signer signed; the OCMW's whole audit chain is recomputed.
 */
export async function verifyForm(db: Db, form: LoadedForm): Promise<FormVerification> {
  const instance = form.instance;
  if (!instance) throw new Error('Only a saved form can be verified');
  const chain = await verifyAuditChain(db, instance.organisation_id);
  const all = [...form.signatures, ...form.staleSignatures];
  const signatures = all.map((s) => ({ role: s.role, signer: `${s.first_name} ${s.last_name}`, ok: s.content_hash === form.contentHash }));
  const missingRoles = (['CHAIR', 'DIRECTOR'] as const).filter((role) => !all.some((s) => s.role === role));
  const storedHashOk = instance.content_hash === form.contentHash;
  return {
    ok: storedHashOk && signatures.every((s) => s.ok) && missingRoles.length === 0 && chain.ok,
    recomputedHash: form.contentHash,
    storedHash: instance.content_hash,
    storedHashOk,
    signatures,
    missingRoles,
    chain,
  };
}
