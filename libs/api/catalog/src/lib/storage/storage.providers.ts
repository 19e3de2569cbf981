import { AppConfig, type Environment } from '@boiduong/api-core';
import type { Provider } from '@nestjs/common';
import { ClamdScanner } from './clamd-scanner';
import { FileScanner, NoScanner } from './file-scanner';
import { FileStorage } from './file-storage';
import { LocalDiskStorage } from './local-disk-storage';
import { S3Storage } from './s3-storage';
import { StorageReadiness } from './storage-readiness';
import { StoredFiles } from './stored-files.service';

/** The storage STORAGE_DRIVER names (the S3 settings are validated as present when it is `s3`). */
export function createFileStorage(env: Environment): FileStorage {
  if (env.STORAGE_DRIVER === 'local') return new LocalDiskStorage(env.STORAGE_PATH);
  return new S3Storage({
    endpoint: env.S3_ENDPOINT as string,
    region: env.S3_REGION as string,
    bucket: env.S3_BUCKET as string,
    accessKeyId: env.S3_ACCESS_KEY_ID as string,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY as string,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
}

/** The scanner SCAN_DRIVER names. */
export function createFileScanner(env: Environment): FileScanner {
  if (env.SCAN_DRIVER === 'none') return new NoScanner();
  return new ClamdScanner({ host: env.CLAMAV_HOST, port: env.CLAMAV_PORT, timeoutMs: env.CLAMAV_TIMEOUT_MS });
}

export const STORAGE_PROVIDERS: Provider[] = [
  { provide: FileStorage, inject: [AppConfig], useFactory: (config: AppConfig) => createFileStorage(config.env) },
  { provide: FileScanner, inject: [AppConfig], useFactory: (config: AppConfig) => createFileScanner(config.env) },
  StoredFiles,
  StorageReadiness,
];
