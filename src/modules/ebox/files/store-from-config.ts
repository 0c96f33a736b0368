import type { Config } from '../../../config/config.ts';
import { databaseFileStore } from './database-store.ts';
import { diskFileStore } from './disk-store.ts';
import type { FileStore } from './file-store.ts';
import { s3FileStore } from './s3-store.ts';

export type FileStoreConfig = Pick<
  Config,
  'eboxStore' | 'eboxStoreDir' | 'eboxS3Endpoint' | 'eboxS3Region' | 'eboxS3Bucket' | 'eboxS3AccessKeyId' | 'eboxS3SecretAccessKey'
>;

/** The store EBOX_STORE names (loadConfig has checked that its settings are complete). */
export function fileStoreFromConfig(config: FileStoreConfig): FileStore {
  switch (config.eboxStore) {
    case 'database':
      return databaseFileStore();
    case 'disk':
      return diskFileStore(config.eboxStoreDir!);
    case 's3':
      return s3FileStore({
        bucket: config.eboxS3Bucket!,
        endpoint: config.eboxS3Endpoint,
        region: config.eboxS3Region,
        credentials:
          config.eboxS3AccessKeyId && config.eboxS3SecretAccessKey
            ? { accessKeyId: config.eboxS3AccessKeyId, secretAccessKey: config.eboxS3SecretAccessKey }
            : undefined,
      });
  }
}
