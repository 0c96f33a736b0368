import type { CampaignRow } from '../../campaigns/campaigns.repository.ts';
import type { unsafeListSettlements } from './settlement.repository.ts';

/** The settlement page's view model: the campaigns to settle and the settlements made (views import no repository). */
export type { CampaignRow };
export type SettlementListRow = Awaited<ReturnType<typeof unsafeListSettlements>>[number];
