import type { getCampaignPage } from './campaigns.service.ts';

/** What the campaign pages show and post: the services fill it, the views render it (views import no service). */

/** A change of a campaign's state the beheerder confirms first. */
export type StatusAction = 'open' | 'close' | 'reopen';

/** A measure a new campaign can be created for. */
export interface MeasureChoice {
  measure: string;
  titleKey: string;
}

/** The report year and measure chosen for a new campaign, as posted. */
export interface NewCampaignChoice {
  year: string;
  measure: string;
}

/** A campaign's page: its dates, state, parameters, reminder days and late submissions. */
export type CampaignPageData = Awaited<ReturnType<typeof getCampaignPage>>;
