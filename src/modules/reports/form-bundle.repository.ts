import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.ts';
import type { OrganisationRow } from '../organisations/organisations.repository.ts';
import { offeredInReportYearSql } from '../organisations/registry.repository.ts';
import type { CampaignRow } from '../campaigns/campaigns.repository.ts';
import type { SignatureRow } from '../signatures/signatures.repository.ts';
import type { FormInstanceRow } from './reports.repository.ts';

interface BundleRow {
  campaign: Record<string, unknown>;
  organisation: Record<string, unknown>;
  instance: Record<string, unknown> | null;
  refs: Record<string, number> | null;
  signatures: Array<Record<string, unknown>> | null;
  workbook: Record<string, unknown> | null;
  late_until: string | Date | null;
}

/** The uploaded workbook a form's rows come from, as shown on the form. */
export interface WorkbookFile {
  id: string;
  file_name: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: Date;
  first_name: string;
  last_name: string;
}

export interface FormBundle {
  campaign: CampaignRow;
  organisation: OrganisationRow;
  instance: FormInstanceRow | null;
  refs: Record<string, number>;
  signatures: SignatureRow[];
  workbook: WorkbookFile | null;
  /** a late submission allowed for this OCMW until this moment */
  lateUntil: Date | null;
}

/** JSON rows carry timestamps as ISO strings: turn the named ones back into Dates. */
function withDates<T>(row: Record<string, unknown>, keys: string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const key of keys) if (typeof out[key] === 'string') out[key] = new Date(out[key] as string);
  return out as T;
}

/**
 * Everything a form page needs of one OCMW's form in one round trip: campaign, OCMW, instance, reference values
 * and signatures (with the signers' names). Scoped to the OCMW like every query of this module, and to the report
 * years it files (MRG-3): a campaign of a year in which the OCMW did not legally exist is not found.
 */
export async function findFormBundle(db: Db | Tx, organisationId: string, campaignId: string): Promise<FormBundle | undefined> {
  const result = await sql<BundleRow>`
    SELECT row_to_json(c) AS campaign, row_to_json(o) AS organisation, row_to_json(fi) AS instance, rv.data AS refs,
      (SELECT json_agg(json_build_object(
          'id', s.id, 'role', s.role, 'person_id', s.person_id, 'content_hash', s.content_hash, 'signed_at', s.signed_at,
          'auth_method', s.auth_method, 'acr', s.acr, 'authenticated_at', s.authenticated_at,
          'first_name', p.first_name, 'last_name', p.last_name) ORDER BY s.signed_at)
         FROM signatures s JOIN persons p ON p.id = s.person_id WHERE s.form_instance_id = fi.id) AS signatures,
      (SELECT json_build_object('id', a.id, 'file_name', a.file_name, 'size_bytes', a.size_bytes, 'sha256', a.sha256,
          'uploaded_at', a.uploaded_at, 'first_name', p.first_name, 'last_name', p.last_name)
         FROM form_attachments a JOIN persons p ON p.id = a.uploaded_by WHERE a.id = fi.workbook_attachment_id) AS workbook,
      (SELECT ce.until FROM campaign_extensions ce WHERE ce.campaign_id = c.id AND ce.organisation_id = o.id) AS late_until
    FROM campaigns c
    JOIN organisations o ON o.id = ${organisationId}
    LEFT JOIN form_instances fi ON fi.organisation_id = o.id AND fi.campaign_id = c.id
    LEFT JOIN reference_values rv ON rv.organisation_id = o.id AND rv.campaign_id = c.id
    WHERE c.id = ${campaignId} AND ${offeredInReportYearSql('o', sql.ref('c.report_year'))}`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    campaign: withDates<CampaignRow>(row.campaign, ['opens_at', 'closes_at', 'updated_at']),
    organisation: withDates<OrganisationRow>(row.organisation, ['updated_at']),
    instance: row.instance
      ? withDates<FormInstanceRow>(row.instance, ['created_at', 'updated_at', 'submitted_at', 'correction_requested_at', 'accepted_at'])
      : null,
    refs: row.refs ?? {},
    signatures: (row.signatures ?? []).map((s) => withDates<SignatureRow>(s, ['signed_at', 'authenticated_at'])),
    workbook: row.workbook ? withDates<WorkbookFile>(row.workbook, ['uploaded_at']) : null,
    lateUntil: row.late_until ? new Date(row.late_until) : null,
  };
}
