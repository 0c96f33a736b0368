import type { Db } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedCampaigns } from './campaigns.ts';
import { seedDemoData } from './demo-data.ts';
import { seedRegistry } from './registry.ts';

/**
 * Brings a database to the running state: migrations, the registry of every OCMW (first start only), the official
 * campaign calendar, demo data if asked.
 */
export async function prepareDatabase(db: Db, options: { seedDemoData: boolean; seedDemoReports?: boolean; now: Date }): Promise<void> {
  await migrate(db);
  await seedRegistry(db, options.now);
  await seedCampaigns(db, options.now);
  if (options.seedDemoData) await seedDemoData(db, options.now, { reports: options.seedDemoReports ?? true });
}
