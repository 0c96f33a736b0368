import { organisationName } from '../shared/organisation-name.ts';
import { appendAudit } from '../../audit/audit.ts';
import { type Db, withTransaction } from '../../db/database.ts';
import { enqueueEmail } from '../../jobs/outbox.ts';
import { allDefinitions } from '../forms/registry.ts';
import { campaignPhase } from '../campaigns/campaign-phase.ts';
import { composeReminder, reminderState } from './reminder-mail.ts';
import { type ReminderTarget, listOpenCampaigns, reminderKey, unsafeListReminderTargets } from './reminders.repository.ts';

const DAY_MS = 24 * 3_600_000;

/**
 * The reminder day due now: the smallest of the campaign's reminder days whose moment (deadline − d days) has
 * come. Only that one is sent, so a scheduler that was down during the 14-day reminder does not send it
 * together with the 3-day one; null when none is due.
 */
export function dueReminderDay(reminderDays: number[], closesAt: Date, now: Date): number | null {
  const due = reminderDays.filter((d) => Number.isInteger(d) && d > 0 && now.getTime() >= new Date(closesAt).getTime() - d * DAY_MS);
  return due.length === 0 ? null : Math.min(...due);
}

export interface ReminderRun {
  queued: number;
  /** OCMWs whose reminders could not be queued this time (retried on the next run) */
  failedOcmws: number;
}

/**
 * The reminder scheduler (no user: run by the outbox worker, or by a beheerder's "send now"). For every campaign
 * that is open and whose reminder moment has come, every OCMW offered its report year (MRG-3) with a contact
 * e-mail whose form is not submitted gets one e-mail saying what is missing, in its language — once per campaign,
 * OCMW and reminder day (the outbox's dedupe key), also across restarts and concurrent runs. Each e-mail is audited
 * in the OCMW's chain in the transaction that queues it. The e-mail links to the form when a public URL is configured
 * (`links`), else says where to find it (ADR 0043). Two queries read the whole country; writes are per OCMW.
 */
export async function queueDueReminders(db: Db, now: Date, links: { publicUrl: string | undefined }): Promise<ReminderRun> {
  const campaigns = (await listOpenCampaigns(db)).flatMap((campaign) => {
    if (campaignPhase(campaign, now) !== 'open') return [];
    const days = dueReminderDay(campaign.reminder_days, campaign.closes_at, now);
    return days === null ? [] : [{ campaign, days }];
  });
  const byId = new Map(campaigns.map((c) => [c.campaign.id, c.campaign]));
  const targets = await unsafeListReminderTargets(
    db,
    campaigns.map((c) => ({ campaignId: c.campaign.id, days: c.days, reportYear: c.campaign.report_year })),
  );
  const byOcmw = new Map<string, ReminderTarget[]>();
  for (const target of targets) byOcmw.set(target.organisation_id, [...(byOcmw.get(target.organisation_id) ?? []), target]);

  const run: ReminderRun = { queued: 0, failedOcmws: 0 };
  for (const [organisationId, forms] of byOcmw) {
    try {
      run.queued += await withTransaction(db, async (tx) => {
        let queued = 0;
        for (const form of forms) {
          const campaign = byId.get(form.campaign_id);
          if (!campaign) continue;
          const state = reminderState(form);
          const titleKey = allDefinitions().find((d) => d.measure === campaign.measure)?.titleKey ?? 'app.name';
          const email = composeReminder({
            language: form.language,
            contactName: [form.contact_first_name, form.contact_last_name].filter(Boolean).join(' '),
            ocmwName: organisationName(form, form.language),
            measureTitleKey: titleKey,
            reportYear: campaign.report_year,
            deadline: campaign.closes_at,
            state,
            kbo: form.kbo,
            campaignId: campaign.id,
            publicUrl: links.publicUrl,
          });
          const dedupeKey = reminderKey(campaign.id, organisationId, form.days);
          if (!(await enqueueEmail(tx, { dedupeKey, email: { to: form.contact_email, ...email }, now }))) continue;
          await appendAudit(tx, {
            organisationId,
            actorPersonId: null,
            type: 'REMINDER_QUEUED',
            subjectId: form.instance_id,
            payload: {
              campaignId: campaign.id,
              measure: campaign.measure,
              reportYear: campaign.report_year,
              daysBefore: form.days,
              state,
              to: form.contact_email,
            },
            at: now,
          });
          queued++;
        }
        return queued;
      });
    } catch {
      run.failedOcmws++;
    }
  }
  return run;
}
