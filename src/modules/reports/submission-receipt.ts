import { ocmwPath } from '../shared/ocmw-path.ts';
import type { Tx } from '../../db/database.ts';
import { translator } from '../../i18n/i18n.ts';
import { enqueueEmail } from '../../jobs/outbox.ts';
import { organisationName } from '../shared/organisation-name.ts';
import type { OrganisationRow } from '../organisations/organisations.repository.ts';
import type { CampaignRow } from '../campaigns/campaigns.repository.ts';

/**
 * The acknowledgement of receipt of a submission (ADR 0020): to the OCMW's contact person, in the OCMW's language,
 * queued in the submission's transaction — one per submitted version of the form, so a resubmission after a
 * correction gets its own and a repeated post none.
 */
export async function queueReceipt(
  tx: Tx,
  submission: { formId: string; version: number; campaign: CampaignRow; organisation: OrganisationRow; now: Date },
): Promise<void> {
  const { campaign, organisation } = submission;
  if (!organisation.contact_email) return;
  const t = translator(organisation.language);
  const vars = {
    measure: t(`measure.${campaign.measure}`),
    year: campaign.report_year,
    ocmw: organisationName(organisation, organisation.language),
    path: ocmwPath(organisation.kbo, `/forms/${campaign.id}`),
  };
  await enqueueEmail(tx, {
    dedupeKey: `receipt:${submission.formId}:${submission.version}`,
    email: { to: organisation.contact_email, subject: t('receipt.mail.subject', vars), body: t('receipt.mail.body', vars) },
    now: submission.now,
  });
}
