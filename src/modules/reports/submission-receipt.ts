import type { Tx } from '../../db/database.ts';
import { translator } from '../../i18n/i18n.ts';
import { enqueueEmail } from '../../jobs/outbox.ts';
import { formWhere } from '../shared/mail-link.ts';
import { organisationName } from '../shared/organisation-name.ts';
import type { OrganisationRow } from '../organisations/organisations.repository.ts';
import type { CampaignRow } from '../campaigns/campaigns.repository.ts';

/**
 * The acknowledgement of receipt of a submission (ADR 0020): to the OCMW's contact person, in the OCMW's language,
 * queued in the submission's transaction — one per submitted version of the form, so a resubmission after a
 * correction gets its own and a repeated post none. It links to the form when a public URL is configured, else it
 * says where to find it (ADR 0043).
 */
export async function queueReceipt(
  tx: Tx,
  submission: { formId: string; version: number; campaign: CampaignRow; organisation: OrganisationRow; now: Date; publicUrl: string | undefined },
): Promise<void> {
  const { campaign, organisation } = submission;
  if (!organisation.contact_email) return;
  const t = translator(organisation.language);
  const measure = t(`measure.${campaign.measure}`);
  const ocmw = organisationName(organisation, organisation.language);
  const where = formWhere(t, submission.publicUrl, { kbo: organisation.kbo, campaignId: campaign.id, measure, year: campaign.report_year, ocmw });
  const vars = { measure, year: campaign.report_year, ocmw, where };
  await enqueueEmail(tx, {
    dedupeKey: `receipt:${submission.formId}:${submission.version}`,
    email: { to: organisation.contact_email, subject: t('receipt.mail.subject', vars), body: t('receipt.mail.body', vars) },
    now: submission.now,
  });
}
