import type { Config } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from './clock.ts';

/** What buildApp needs from the outside world; tests pass their own clock and database. */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
}
