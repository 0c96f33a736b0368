/**
 * The benchmarks' own campaigns: every benchmark runs on a fixed clock and opens the campaigns it measures itself,
 * so no figure depends on today's date or on which demo campaigns the seed happens to leave open (issue 11, item 12).
 */
import type { Db } from '../../src/db/database.ts';

const DAY = 86_400_000;

/**
 * Makes each campaign open at `now` (status OPEN, opened before, deadline after). A campaign already open at `now`
 * keeps its own dates (the official calendar); any other is set open from 30 days before `now` to `closesInDays` after.
 */
export async function openCampaignsAt(db: Db, campaignIds: string[], now: Date, closesInDays = 60): Promise<void> {
  if (campaignIds.length === 0) return;
  const rows = await db.selectFrom('campaigns').select(['id', 'status', 'opens_at', 'closes_at']).where('id', 'in', campaignIds).execute();
  if (rows.length !== new Set(campaignIds).size) throw new Error(`openCampaignsAt: ${campaignIds.length - rows.length} campaign(s) not found`);
  for (const c of rows) {
    const open = c.status === 'OPEN' && new Date(c.opens_at) <= now && now < new Date(c.closes_at);
    if (open) continue;
    await db
      .updateTable('campaigns')
      .set({ status: 'OPEN', opens_at: new Date(now.getTime() - 30 * DAY), closes_at: new Date(now.getTime() + closesInDays * DAY) })
      .where('id', '=', c.id)
      .execute();
  }
}
