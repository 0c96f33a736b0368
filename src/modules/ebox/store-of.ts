import type { Config } from '../../config/config.ts';
import type { FileStore } from './files/file-store.ts';
import { fileStoreFromConfig } from './files/store-from-config.ts';

const stores = new WeakMap<Config, FileStore>();

/** The e-Box's file store of this configuration, made once (the database by default, disk or S3 by configuration). */
export function fileStoreOf(config: Config): FileStore {
  let store = stores.get(config);
  if (!store) {
    store = fileStoreFromConfig(config);
    stores.set(config, store);
  }
  return store;
}
