import { randomUUID } from 'node:crypto';
import { requireAccess } from '../../../access/access.ts';
import { appendAudit } from '../../../audit/audit.ts';
import { withTransaction } from '../../../db/database.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { organisationName } from '../../shared/organisation-name.ts';
import { renderSettlementLetter } from '../../documents/settlement-letter.ts';
import { settlementLetterText } from './settlement-letter-text.ts';
import { findCampaign, listAllCampaigns } from '../../campaigns/campaigns.repository.ts';
import { NotFound } from '../../shared/errors.ts';
import { type SettlementLine, planSettlement } from './settlement-compute.ts';
import {
  insertCampaignEvent,
  insertSettlement,
  lockCampaign,
  markCampaignSettled,
  unsafeFindSettlementLetter,
  unsafeListSettlements,
} from './settlement.repository.ts';
import { settlementCommunication } from './structured-communication.ts';
import type { FileStore } from '../../ebox/files/file-store.ts';
import { publishMessage } from '../../ebox/publish.ts';
import { SENDER_UNIEK_VERSLAG } from '../../ebox/message-types.ts';
import { translator } from '../../../i18n/i18n.ts';

/**
 * POD MI settles a closed campaign (forms.md §3.3, §6.3; issue 4): a preview per OCMW, then — confirmed — one
 * transaction that stores every settlement with its letter (e-Box) and marks the campaign SETTLED.
 */

async function campaignOf(ctx: ServiceContext, campaignId: string) {
  const campaign = await findCampaign(ctx.db, campaignId);
  if (!campaign) throw new NotFound();
  return campaign;
}

/** The settlement page: the campaigns to choose from and, for the chosen one, its preview or its settlements. */
export async function settlementOverview(ctx: ServiceContext, campaignId: string | undefined) {
  requireAccess(ctx.actor, 'SettlementRun');
  const campaigns = await listAllCampaigns(ctx.db);
  if (!campaignId) return { campaigns, selected: null };
  const campaign = await campaignOf(ctx, campaignId);
  if (campaign.status === 'SETTLED') return { campaigns, selected: { campaign, plan: null, settled: await unsafeListSettlements(ctx.db, campaign.id) } };
  return { campaigns, selected: { campaign, plan: await planSettlement(ctx.db, campaign, ctx.now), settled: null } };
}

export type SettleOutcome = 'settled' | 'already_settled' | 'not_closed' | 'pending' | 'changed' | 'not_confirmed';

class Changed extends Error {}

async function letterOf(line: SettlementLine, campaign: { measure: string; report_year: number }, communication: string, now: Date) {
  const p = line.party;
  const letter = settlementLetterText({
    language: p.language,
    organisationName: organisationName(p, p.language),
    kbo: p.kbo,
    measure: campaign.measure,
    reportYear: campaign.report_year,
    figures: line.figures,
    withoutForm: line.kind === 'without_form',
    iban: p.iban,
    bic: p.bic,
    communication,
    date: now,
  });
  const content = await renderSettlementLetter(letter);
  const fileName = `${campaign.measure.toLowerCase()}-${campaign.report_year}-${p.kbo}-afrekening.pdf`;
  return { content, fileName };
}

/** The subject of a settlement letter's e-Box message, in the three languages of the e-Box. */
function settlementSubjects(campaign: { measure: string; report_year: number }) {
  const subject = (lang: 'nl' | 'fr' | 'de') => {
    const t = translator(lang);
    return t('ebox.subject.settlement', { measure: t(`measure.${campaign.measure}`), year: campaign.report_year });
  };
  return { nl: subject('nl'), fr: subject('fr'), de: subject('de') };
}

/**
 * Settles a CLOSED campaign, all or nothing: per OCMW a settlements row (IBAN/BIC of the OCMW now, G-OCMW-2),
 * its structured communication and its letter (one PDF at a time, an e-Box message of type UV_AFREKENING), audited
 * SETTLEMENT_ISSUED; then the campaign becomes SETTLED (compare-and-set on its version, logged). A campaign
 * already settled is left as it is; a pending correction or late submission blocks the settlement.
 */
export async function settleCampaign(
  ctx: ServiceContext,
  store: FileStore,
  campaignId: string,
  input: { version: number | null; confirmed: boolean },
): Promise<SettleOutcome> {
  requireAccess(ctx.actor, 'SettlementRun');
  const campaign = await campaignOf(ctx, campaignId);
  if (campaign.status === 'SETTLED') return 'already_settled';
  if (!input.confirmed) return 'not_confirmed';
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const locked = await lockCampaign(tx, campaign.id);
      if (!locked) throw new NotFound();
      if (locked.status === 'SETTLED') return 'already_settled';
      if (locked.status !== 'CLOSED') return 'not_closed';
      // the version the preview showed: the campaign must not have changed since (absent: no such check)
      if (input.version !== null && locked.version !== input.version) return 'changed';
      const plan = await planSettlement(tx, locked, ctx.now);
      if (plan.pending.length > 0) return 'pending';
      let toPay = 0;
      let toReclaim = 0;
      for (const line of plan.lines) {
        const p = line.party;
        const f = line.figures;
        const communication = settlementCommunication(locked.report_year, locked.measure, p.nis);
        const letter = await letterOf(line, locked, communication, ctx.now);
        // The letter is a message of the OCMW's e-Box (issue 16): found there with its type, subject and period.
        const published = await publishMessage(
          tx,
          store,
          {
            organisationId: p.organisation_id,
            senderApplication: SENDER_UNIEK_VERSLAG,
            idempotencyKey: `settlement:${locked.id}:${p.organisation_id}`,
            messageType: 'UV_AFREKENING',
            legislation: 'SUBSIDIES',
            period: String(locked.report_year),
            subjects: settlementSubjects(locked),
            files: [{ name: letter.fileName, bytes: letter.content, isMain: true }],
            publishedBy: { kind: 'person', personId: ctx.actor.personId },
            campaignId: locked.id,
          },
          ctx.now,
        );
        const documentId = published.id;
        const settlementId = randomUUID();
        const details = {
          kind: line.kind,
          lines: f.details,
          justifiedCents: f.justified,
          unusedCents: f.unused,
          incomplete: f.incomplete,
          compensatedNextYear: f.compensatedNextYear,
        };
        const inserted = await insertSettlement(tx, {
          id: settlementId,
          campaign_id: locked.id,
          organisation_id: p.organisation_id,
          form_instance_id: line.kind === 'submitted' ? p.form_id : null,
          allocation_cents: f.allocation,
          accepted_cents: f.accepted,
          advances_cents: f.advances,
          balance_cents: f.balance,
          to_pay_cents: f.toPay,
          to_reclaim_cents: f.toReclaim,
          details,
          iban: p.iban,
          bic: p.bic,
          communication,
          document_id: documentId,
          settled_at: ctx.now,
          settled_by: ctx.actor.personId,
        });
        if (!inserted) throw new Changed();
        await appendAudit(tx, {
          organisationId: p.organisation_id,
          actorPersonId: ctx.actor.personId,
          type: 'SETTLEMENT_ISSUED',
          subjectId: p.form_id ?? null,
          payload: {
            campaignId: locked.id,
            settlementId,
            documentId,
            acceptedCents: f.accepted,
            toPayCents: f.toPay,
            toReclaimCents: f.toReclaim,
            communication,
          },
          at: ctx.now,
        });
        toPay += f.toPay;
        toReclaim += f.toReclaim;
      }
      if (!(await markCampaignSettled(tx, locked.id, locked.version, ctx.now))) throw new Changed();
      await insertCampaignEvent(tx, {
        campaignId: locked.id,
        actorPersonId: ctx.actor.personId,
        type: 'SETTLED',
        payload: { settlements: plan.lines.length, toPayCents: toPay, toReclaimCents: toReclaim, fromVersion: locked.version },
        at: ctx.now,
      });
      return 'settled' as const;
    });
  } catch (error) {
    if (error instanceof Changed) return 'changed';
    throw error;
  }
}

/** The settlements of a settled campaign (payment files). */
export async function settledCampaign(ctx: ServiceContext, campaignId: string) {
  requireAccess(ctx.actor, 'SettlementRun');
  const campaign = await campaignOf(ctx, campaignId);
  if (campaign.status !== 'SETTLED') throw new NotFound();
  return { campaign, settlements: await unsafeListSettlements(ctx.db, campaign.id) };
}

/** One settlement letter of the campaign, for POD MI: streamed from the e-Box's store (a letter past its expiry is gone). */
export async function settlementLetterFile(ctx: ServiceContext, store: FileStore, campaignId: string, settlementId: string) {
  requireAccess(ctx.actor, 'SettlementRun');
  const letter = await unsafeFindSettlementLetter(ctx.db, campaignId, settlementId);
  if (!letter?.sha256) throw new NotFound();
  const file = await store.open(ctx.db, letter.sha256);
  return { fileName: letter.file_name, size: file.size, stream: file.stream };
}
