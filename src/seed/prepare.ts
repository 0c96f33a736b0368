import type { Db } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedCampaigns } from './campaigns.ts';
import { seedDemoData } from './demo-data.ts';

/** Brings a database to the running state: migrations, the official campaign calendar, demo data if asked. */
export async function prepareDatabase(db: Db, options: { seedDemoData: boolean; now: Date }): Promise<void> {
  await migrate(db);
  await seedCampaigns(db, options.now);
  if (options.seedDemoData) await seedDemoData(db, options.now);
}
