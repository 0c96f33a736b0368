import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { campaignDates } from '../modules/campaigns/calendar.ts';
import { loadMeasureYears } from '../modules/campaigns/campaign-years.ts';

/**
 * Creates the campaign of every measure × report year of the per-year data that does not exist yet (the
 * official calendar); existing campaigns are left as POD MI configured them. Campaigns whose deadline has
 * passed at creation are created closed.
 */
export async function seedCampaigns(db: Db, now: Date): Promise<number> {
  let created = 0;
  for (const measure of loadMeasureYears()) {
    for (const [year, data] of Object.entries(measure.years)) {
      const dates = campaignDates(Number(year), measure.opens, data);
      const result = await db
        .insertInto('campaigns')
        .values({
          id: randomUUID(),
          report_year: Number(year),
          measure: measure.measure,
          opens_at: dates.opensAt,
          closes_at: dates.closesAt,
          status: dates.closesAt < now ? 'CLOSED' : 'OPEN',
          definition_version: data.definitionVersion,
          params: JSON.stringify(data.params),
        })
        .onConflict((oc) => oc.columns(['report_year', 'measure']).doNothing())
        .executeTakeFirst();
      created += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
  }
  return created;
}
