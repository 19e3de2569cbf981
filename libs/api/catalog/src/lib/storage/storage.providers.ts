import { AppConfig, type Environment } from '@boiduong/api-core';
import type { Provider } from '@nestjs/common';
import { ClamdScanner } from './clamd-scanner';
import { FileScanner, NoScanner } from './file-scanner';
import { FileStorage } from './file-storage';
import { LocalDiskStorage } from './local-disk-storage';
import { StorageReadiness } from './storage-readiness';
import { StoredFiles } from './stored-files.service';
import { UnusedFiles } from './unused-files.service';

/**
 * The storage STORAGE_DRIVER names (the S3 settings are validated as present when it is `s3`).
 * The S3 driver is loaded only when chosen: the AWS SDK costs tens of milliseconds and megabytes
 * at boot that a local-disk deployment has no use for.
 */
export async function createFileStorage(env: Environment): Promise<FileStorage> {
  if (env.STORAGE_DRIVER === 'local') return new LocalDiskStorage(env.STORAGE_PATH);
  const { S3Storage } = await import('./s3-storage');
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
  UnusedFiles,
  StorageReadiness,
];
