import { requireAccess } from '../../access/access.ts';
import { appendAudit } from '../../audit/audit.ts';
import { withTransaction } from '../../db/database.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { type OcmwDataErrors, type OcmwDataInput, fillBicFromIban, validateOcmwData } from './ocmw-data.schema.ts';
import { type OcmwDataColumns, findOrganisation, hasLateSubmissionOrCorrection, lockOrganisation, updateOcmwData } from './organisations.repository.ts';
import { isReportYearClosed, listReportYears } from '../campaigns/campaigns.repository.ts';
import { dropSignatures } from '../signatures/drop-signatures.ts';
import { listSignaturesOfOpenForms } from '../signatures/signatures.repository.ts';

export type SaveOcmwDataResult =
  /** bicFilled: the BIC was empty and filled in from the IBAN's bank code (the page says so) */
  | { kind: 'saved'; changed: number; droppedSignatures: number; bicFilled: boolean }
  | { kind: 'invalid'; errors: OcmwDataErrors }
  | { kind: 'conflict' }
  | { kind: 'closed' }
  /** the bank account changes and signatures on forms not yet submitted would lapse: asked to confirm first (with the BIC filled in, if it was) */
  | { kind: 'confirm_bank'; signatures: number; input: OcmwDataInput; bicFilled: boolean };

const COLUMN_OF: Record<keyof OcmwDataInput, keyof OcmwDataColumns> = {
  iban: 'iban',
  bic: 'bic',
  contactLastName: 'contact_last_name',
  contactFirstName: 'contact_first_name',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
};

export async function getOrganisation(ctx: ServiceContext) {
  requireAccess(ctx.actor, 'FormRead');
  const row = await findOrganisation(ctx.db, currentOrganisationId(ctx));
  if (!row) throw new Error('Chosen OCMW no longer exists');
  return row;
}

/**
 * The OCMW data can be changed until the current (most recent) report year is closed — and afterwards as long as
 * this OCMW may still submit a form (a late submission allowed, or a correction requested by POD MI): signing
 * needs complete, correct OCMW data.
 */
export async function isOcmwDataLocked(ctx: ServiceContext): Promise<boolean> {
  const [latest] = await listReportYears(ctx.db);
  if (latest === undefined || !(await isReportYearClosed(ctx.db, latest, ctx.now))) return false;
  return !(await hasLateSubmissionOrCorrection(ctx.db, currentOrganisationId(ctx), ctx.now));
}

/** Saves the bank account and contact person; every change is kept in the audit trail (who, when, old, new). */
export async function saveOcmwData(
  ctx: ServiceContext,
  version: number,
  input: OcmwDataInput,
  options: { bankChangeConfirmed?: boolean } = {},
): Promise<SaveOcmwDataResult> {
  requireAccess(ctx.actor, 'OcmwDataEdit');
  const filled = fillBicFromIban(input);
  const bicFilled = filled.filledFrom !== undefined;
  const validation = validateOcmwData(filled.input);
  if (!validation.ok) return { kind: 'invalid', errors: validation.errors };
  const organisationId = currentOrganisationId(ctx);
  if (await isOcmwDataLocked(ctx)) return { kind: 'closed' };
  return withTransaction(ctx.db, async (tx) => {
    const current = await lockOrganisation(tx, organisationId);
    if (!current || current.version !== version) return { kind: 'conflict' };
    const next = Object.fromEntries(
      (Object.keys(COLUMN_OF) as Array<keyof OcmwDataInput>).map((field) => [COLUMN_OF[field], validation.data[field]]),
    ) as unknown as OcmwDataColumns;
    const changes = (Object.keys(next) as Array<keyof OcmwDataColumns>)
      .filter((column) => (current[column] ?? '') !== next[column])
      .map((column) => ({ field: column, old: current[column] ?? '', new: next[column] }));
    if (changes.length === 0) return { kind: 'saved', changed: 0, droppedSignatures: 0, bicFilled };
    // The bank account is part of what is signed: signatures on forms not yet submitted lapse — asked first (issue 14, item 7).
    const bankChanged = changes.some((c) => c.field === 'iban' || c.field === 'bic');
    const dropped = bankChanged ? await listSignaturesOfOpenForms(tx, organisationId) : [];
    if (dropped.length > 0 && !options.bankChangeConfirmed) return { kind: 'confirm_bank', signatures: dropped.length, input: filled.input, bicFilled };
    if (!(await updateOcmwData(tx, organisationId, version, next, ctx.now))) return { kind: 'conflict' };
    await appendAudit(tx, {
      organisationId,
      actorPersonId: ctx.actor.personId,
      type: 'OCMW_DATA_CHANGED',
      subjectId: organisationId,
      payload: { changes },
      at: ctx.now,
    });
    for (const s of dropped) {
      await dropSignatures(
        tx,
        s.form_instance_id,
        [s],
        { kind: 'OCMW_BANK_ACCOUNT_CHANGED' },
        { organisationId, actorPersonId: ctx.actor.personId, at: ctx.now },
        { publicUrl: ctx.publicUrl },
      );
    }
    return { kind: 'saved', changed: changes.length, droppedSignatures: dropped.length, bicFilled };
  });
}
