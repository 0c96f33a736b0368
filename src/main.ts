import { buildApp } from './app.ts';
import { loadConfig } from './config/config.ts';
import { openDatabase } from './db/database.ts';
import { type OutboxWorker, startOutboxWorker } from './worker.ts';
import { systemClock } from './platform/clock.ts';
import { armFailpoints } from './platform/failpoints.ts';
import { prepareDatabase } from './seed/prepare.ts';

const config = loadConfig();
armFailpoints(config.failpoints);
const database = await openDatabase(config);
await prepareDatabase(database.db, { seedDemoData: config.seedDemoData, seedDemoReports: config.seedDemoReports, now: systemClock.now() });
const app = await buildApp({ config, db: database.db, clock: systemClock });

let closing = false;
let worker: OutboxWorker | undefined;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await worker?.stop();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
// E-mail (reminders, corrections) leaves through the durable outbox, polled by this process.
if (config.outboxWorker) worker = startOutboxWorker({ db: database.db, config, clock: systemClock, log: app.log });
if (config.failpoints.length > 0) app.log.warn({ failpoints: config.failpoints }, 'failure points armed: this process will freeze and die at them');
app.log.info(`Uniek Verslag on http://localhost:${config.port} (${database.kind}${config.demoMode ? ', demo mode' : ''})`);
