import { can, signingRoles } from '../../access/access.ts';
import { someoneHolds } from '../../access/grants.repository.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { findOrganisation } from '../organisations/organisations.repository.ts';
import { activeInReportYear } from '../organisations/registry-rules.ts';
import { campaignPhase, isEditablePhase } from '../campaigns/campaign-phase.ts';
import { listAllCampaigns } from '../campaigns/campaigns.repository.ts';
import { byMeasureOrder } from '../campaigns/measure-order.ts';
import { unreadMessages } from '../ebox/ebox.service.ts';
import { listInstanceSummaries, listLateSubmissions } from './reports.repository.ts';
import type { HomepageForm, HomepagePending, OcmwServices } from './form.model.ts';

export type { HomepageForm } from './form.model.ts';

/** Default report year: the most recent one with a campaign open now, else the most recent one. */
function defaultYear(campaignsByYear: Array<{ year: number; open: boolean }>): number | null {
  return campaignsByYear.find((y) => y.open)?.year ?? campaignsByYear[0]?.year ?? null;
}

export function ocmwServices(ctx: ServiceContext): OcmwServices {
  return {
    forms: can(ctx.actor, 'FormRead'),
    documents: can(ctx.actor, 'DocumentRead'),
    unreadDocuments: 0,
    accessManagement: can(ctx.actor, 'AccessManage'),
    configuration: can(ctx.actor, 'OcmwConfigRead'),
    withoutTb: false,
  };
}

/**
 * The OCMW's homepage: its data, the online services the person holds there, and — for those who may read the
 * forms — the forms of the chosen report year with their progress. An access manager without Uniek Verslag grants
 * sees the services only.
 */
export async function getHomepage(ctx: ServiceContext, requestedYear: number | null) {
  const organisationId = currentOrganisationId(ctx);
  // one round trip: the OCMW, every campaign and the late submissions allowed to the OCMW (a handful of rows)
  const [organisation, every, lateSubmissions] = await Promise.all([
    findOrganisation(ctx.db, organisationId),
    listAllCampaigns(ctx.db),
    listLateSubmissions(ctx.db, organisationId),
  ]);
  if (!organisation) throw new Error('Chosen OCMW no longer exists');
  // The HTB and co-HTBs are told when the domain has no TB (after a removal, portal.md §3.6 point 6).
  const appointsTb = ctx.actor.rights.includes('HTB') || ctx.actor.rights.includes('CO_HTB');
  const services: OcmwServices = {
    ...ocmwServices(ctx),
    unreadDocuments: await unreadMessages(ctx),
    withoutTb: appointsTb && !(await someoneHolds(ctx.db, organisationId, 'TB', ctx.now)),
  };
  if (!services.forms) return { organisation, services, years: [], year: null, forms: [] as HomepageForm[] };
  // A planned campaign is not shown to OCMWs: opening it (back office) makes its form appear. Only the report years in
  // which the OCMW legally existed (MRG-3): a disappearing OCMW files up to the year of its last day, a new one from
  // the year of its first.
  const lifetime = { validFrom: organisation.valid_from, validTo: organisation.valid_to };
  const all = every.filter((c) => c.status !== 'PLANNED' && activeInReportYear(lifetime, c.report_year));
  const years = [...new Set(all.map((c) => c.report_year))];
  // A late submission allowed to this OCMW opens its form too (e.g. a disappearing OCMW's last report).
  const openForThisOcmw = (c: (typeof all)[number]) => {
    const phase = campaignPhase(c, ctx.now, { lateUntil: lateSubmissions.get(c.id) ?? null });
    return phase === 'open' || (lateSubmissions.has(c.id) && isEditablePhase(phase));
  };
  let year = requestedYear !== null && years.includes(requestedYear) ? requestedYear : null;
  year ??= defaultYear(years.map((y) => ({ year: y, open: all.some((c) => c.report_year === y && openForThisOcmw(c)) })));
  // in the circular's order (gas fund, art. 40, PSA, GPMI, GPMI TB), not by opening date
  const campaigns = all.filter((c) => c.report_year === year).sort(byMeasureOrder);
  const ids = campaigns.map((c) => c.id);
  const summaries = await listInstanceSummaries(ctx.db, organisationId, ids);
  const myRoles = signingRoles(ctx.actor);
  const forms: HomepageForm[] = campaigns.map((campaign) => {
    const rows = summaries.filter((s) => s.campaign_id === campaign.id);
    const correctionRequested = rows[0]?.review_state === 'CORRECTION_REQUESTED';
    const lateUntil = lateSubmissions.get(campaign.id) ?? null;
    const phase = campaignPhase(campaign, ctx.now, { lateUntil, correctionRequested });
    const entered = rows.length > 0 && !rows[0].has_errors;
    const signed = { CHAIR: rows.some((r) => r.role === 'CHAIR'), DIRECTOR: rows.some((r) => r.role === 'DIRECTOR') };
    const submitted = rows.some((r) => r.submitted_at !== null);
    const readyToSign = entered && !submitted && isEditablePhase(phase) && (!signed.CHAIR || !signed.DIRECTOR);
    return {
      campaign,
      phase,
      correctionReason: correctionRequested ? (rows[0].correction_reason ?? null) : null,
      lateUntil,
      started: rows.length > 0,
      entered,
      chairSigned: signed.CHAIR,
      directorSigned: signed.DIRECTOR,
      submitted,
      readyToSign,
      awaitsYou: readyToSign && myRoles.some((role) => !signed[role]),
    };
  });
  return { organisation, services, years, year, forms, pending: pendingOf(forms) };
}

/** The forms of the year still to be sent while they can be (the Startpagina's summary line), and the first deadline. */
function pendingOf(forms: HomepageForm[]): HomepagePending {
  const open = forms.filter((f) => !f.submitted && isEditablePhase(f.phase));
  const deadlines = open.map((f) => f.lateUntil ?? f.campaign.closes_at).sort((a, b) => new Date(a).getTime() - new Date(b).getTime());
  return { count: open.length, firstDeadline: deadlines[0] ?? null, allSubmitted: forms.length > 0 && forms.every((f) => f.submitted) };
}
