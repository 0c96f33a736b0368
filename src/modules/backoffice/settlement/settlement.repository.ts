import type { Db, Tx } from '../../../db/database.ts';
import type { SubmittedSnapshot } from '../../../db/types.ts';
import { offeredInReportYear } from '../../organisations/registry.repository.ts';

/**
 * Back office: these queries read and write across OCMWs on purpose (POD MI settles a campaign for every
 * OCMW concerned). Only the settlement service, behind SettlementRun, calls them.
 */

/** What a settlement line shows of its OCMW: identifiers, names and language. */
const OCMW_IDENTITY = ['o.kbo', 'o.nis', 'o.name_nl', 'o.name_fr', 'o.name_de', 'o.language'] as const;

/**
 * The OCMWs a campaign concerns with the state of their form, without its content: those offered the campaign's
 * report year (MRG-3, ORG-4) that have a form or reference values, plus any OCMW whose form was submitted (a
 * submitted form is always settled, whatever the registry says since). A partner that disappeared on 1 January 2025
 * is settled for 2024 under its own identity (its own e-Box, its own bank account), never for a later year.
 */
export async function unsafeListCampaignParties(db: Db | Tx, campaign: { id: string; report_year: number }) {
  const campaignId = campaign.id;
  return db
    .selectFrom('organisations as o')
    .leftJoin('form_instances as f', (j) => j.onRef('f.organisation_id', '=', 'o.id').on('f.campaign_id', '=', campaignId))
    .leftJoin('reference_values as r', (j) => j.onRef('r.organisation_id', '=', 'o.id').on('r.campaign_id', '=', campaignId))
    .leftJoin('campaign_extensions as e', (j) => j.onRef('e.organisation_id', '=', 'o.id').on('e.campaign_id', '=', campaignId))
    .where((eb) => eb.or([eb('f.id', 'is not', null), eb('r.organisation_id', 'is not', null)]))
    .where('o.type', '=', 'OCMW')
    .where((eb) => eb.or([offeredInReportYear(campaign.report_year, 'o'), eb('f.submitted_at', 'is not', null)]))
    .select([
      'o.id as organisation_id',
      ...OCMW_IDENTITY,
      'o.iban',
      'o.bic',
      'f.id as form_id',
      'f.submitted_at',
      'f.review_state',
      'f.definition_version',
      'r.data as refs',
      'e.until as late_until',
    ])
    .$narrowType<{ nis: string }>()
    .orderBy('o.name_nl')
    .orderBy('o.id')
    .execute();
}

export type CampaignParty = Awaited<ReturnType<typeof unsafeListCampaignParties>>[number];

/** The content of submitted forms, by id (read in batches by the caller). */
export async function unsafeListSubmittedContent(db: Db | Tx, formIds: string[]) {
  if (formIds.length === 0) return [];
  const rows = await db
    .selectFrom('form_instances')
    .select(['id', 'input', 'submitted_snapshot'])
    .where('id', 'in', formIds)
    .where('submitted_at', 'is not', null)
    .execute();
  return rows.map((r) => ({ id: r.id, input: r.input as unknown, snapshot: r.submitted_snapshot as SubmittedSnapshot | null }));
}

/** The campaign row, locked for the settlement (a second settlement waits, then finds it settled). */
export async function lockCampaign(tx: Tx, campaignId: string) {
  return tx.selectFrom('campaigns').selectAll().where('id', '=', campaignId).forUpdate().executeTakeFirst();
}

/** Compare-and-set of the campaign's status; false when someone changed the campaign in between. */
export async function markCampaignSettled(tx: Tx, campaignId: string, expectedVersion: number, now: Date): Promise<boolean> {
  const result = await tx
    .updateTable('campaigns')
    .set((eb) => ({ status: 'SETTLED', version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', campaignId)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'CLOSED')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertCampaignEvent(
  tx: Tx,
  event: { campaignId: string; actorPersonId: string; type: string; payload: Record<string, unknown>; at: Date },
) {
  await tx
    .insertInto('campaign_events')
    .values({
      campaign_id: event.campaignId,
      occurred_at: event.at,
      actor_person_id: event.actorPersonId,
      type: event.type,
      payload: JSON.stringify(event.payload),
    })
    .execute();
}

export interface NewSettlement {
  id: string;
  campaign_id: string;
  organisation_id: string;
  form_instance_id: string | null;
  allocation_cents: number;
  accepted_cents: number;
  advances_cents: number;
  balance_cents: number;
  to_pay_cents: number;
  to_reclaim_cents: number;
  details: Record<string, unknown>;
  iban: string | null;
  bic: string | null;
  communication: string;
  document_id: string;
  settled_at: Date;
  settled_by: string;
}

/** Inserts a settlement; false when this OCMW was already settled for the campaign (unique campaign × OCMW). */
export async function insertSettlement(tx: Tx, row: NewSettlement): Promise<boolean> {
  const inserted = await tx
    .insertInto('settlements')
    .values({ ...row, details: JSON.stringify(row.details) })
    .onConflict((oc) => oc.columns(['campaign_id', 'organisation_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The settlements of a campaign with the OCMW's names (payment files, the settled page). */
export async function unsafeListSettlements(db: Db, campaignId: string) {
  return db
    .selectFrom('settlements as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select([
      's.id',
      's.organisation_id',
      's.form_instance_id',
      's.allocation_cents',
      's.accepted_cents',
      's.advances_cents',
      's.balance_cents',
      's.to_pay_cents',
      's.to_reclaim_cents',
      's.details',
      's.iban',
      's.bic',
      's.communication',
      's.document_id',
      's.settled_at',
      ...OCMW_IDENTITY,
    ])
    .where('s.campaign_id', '=', campaignId)
    .orderBy('o.name_nl')
    .orderBy('o.id')
    .execute();
}

export type { SettlementListRow } from './settlement.model.ts';

/** The letter of one settlement of the campaign (POD MI downloads it from the settlement page). */
export async function unsafeFindSettlementLetter(db: Db, campaignId: string, settlementId: string) {
  return db
    .selectFrom('settlements as s')
    .innerJoin('ebox_attachments as a', (join) => join.onRef('a.message_id', '=', 's.document_id').on('a.position', '=', 1))
    .select(['a.file_name', 'a.sha256'])
    .where('s.campaign_id', '=', campaignId)
    .where('s.id', '=', settlementId)
    .executeTakeFirst();
}
