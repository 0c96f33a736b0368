import type { Db, Tx } from '../../../db/database.ts';
import type { RawInput } from '../../forms/field-types.ts';
import { getDefinition } from '../../forms/registry.ts';
import type { CampaignRow } from '../../campaigns/campaigns.repository.ts';
import { evaluateStoredForm } from '../../reports/reports.service.ts';
import { type SettlementFigures, settlementFigures } from './settlement-figures.ts';
import { type CampaignParty, unsafeListCampaignParties, unsafeListSubmittedContent } from './settlement.repository.ts';

/** How many submitted forms are read (and evaluated) at once: bounds memory for 565 OCMWs with long forms. */
const BATCH = 50;

export type PartyKind = 'submitted' | 'without_form';
/**
 * Why an OCMW cannot be settled now: a form sent back for correction, a late submission still allowed, or a
 * settlement the form cannot compute (reference values missing: POD MI loads them first).
 */
export type PendingReason = 'correction' | 'late' | 'incomplete';

export interface SettlementLine {
  party: CampaignParty;
  kind: PartyKind;
  figures: SettlementFigures;
}

export interface SettlementPlan {
  lines: SettlementLine[];
  pending: Array<{ party: CampaignParty; reason: PendingReason; until: Date | null }>;
}

/**
 * The input of a form never submitted: nothing justified — every amount typed directly on the form is 0 (the
 * Covid premium's justified total, for instance) and no table has rows, so the advances are reclaimed.
 */
function nothingJustified(campaign: Pick<CampaignRow, 'measure' | 'definition_version'>): RawInput {
  const definition = getDefinition(campaign.measure, campaign.definition_version);
  const money = definition.sections.flatMap((s) => s.items.filter((i) => i.kind === 'input' && i.type === 'money').map((i) => i.key));
  return { fields: Object.fromEntries(money.map((key) => [key, '0'])), tables: {} };
}

/** A line to settle, or pending when its amounts cannot be computed (never settled as zero by accident). */
function add(plan: SettlementPlan, line: SettlementLine): void {
  if (line.figures.incomplete) plan.pending.push({ party: line.party, reason: 'incomplete', until: null });
  else plan.lines.push(line);
}

/**
 * The settlement of every OCMW a campaign concerns, as it would be issued now. A submitted form is evaluated
 * exactly as it was signed (its snapshot of reference values); an OCMW without a submitted form is settled as
 * an empty form with its current reference values (nothing accepted: the advances are reclaimed). A form
 * sent back for correction, or an OCMW still allowed to submit late, is pending: the campaign cannot be
 * settled before it is resolved.
 */
export async function planSettlement(db: Db | Tx, campaign: CampaignRow, now: Date): Promise<SettlementPlan> {
  const parties = await unsafeListCampaignParties(db, campaign);
  const plan: SettlementPlan = { lines: [], pending: [] };
  const submitted: CampaignParty[] = [];
  for (const party of parties) {
    const lateUntil = party.late_until ? new Date(party.late_until) : null;
    // A correction blocks the settlement until resubmitted — unless its deadline (a late submission) ran out: the
    // form is then settled as not submitted, like any form missing at the deadline.
    const correctionOverdue = party.review_state === 'CORRECTION_REQUESTED' && lateUntil !== null && lateUntil <= now;
    if (party.review_state === 'CORRECTION_REQUESTED' && !correctionOverdue) plan.pending.push({ party, reason: 'correction', until: lateUntil });
    else if (party.submitted_at) submitted.push(party);
    else if (lateUntil && lateUntil > now) plan.pending.push({ party, reason: 'late', until: lateUntil });
    else {
      const refs = (party.refs as Record<string, number> | null) ?? {};
      const { definition, evaluation } = evaluateStoredForm(campaign, campaign.definition_version, nothingJustified(campaign), refs);
      add(plan, { party, kind: 'without_form', figures: settlementFigures(definition, evaluation) });
    }
  }
  for (let i = 0; i < submitted.length; i += BATCH) {
    const batch = submitted.slice(i, i + BATCH);
    const contents = new Map(
      (
        await unsafeListSubmittedContent(
          db,
          batch.map((p) => p.form_id as string),
        )
      ).map((c) => [c.id, c]),
    );
    for (const party of batch) {
      const content = contents.get(party.form_id as string);
      const refs = content?.snapshot?.refs ?? (party.refs as Record<string, number> | null) ?? {};
      const { definition, evaluation } = evaluateStoredForm(campaign, party.definition_version ?? campaign.definition_version, content?.input ?? {}, refs);
      add(plan, { party, kind: 'submitted', figures: settlementFigures(definition, evaluation) });
    }
  }
  const order = new Map(parties.map((p, index) => [p.organisation_id, index]));
  plan.lines.sort((a, b) => (order.get(a.party.organisation_id) ?? 0) - (order.get(b.party.organisation_id) ?? 0));
  return plan;
}
