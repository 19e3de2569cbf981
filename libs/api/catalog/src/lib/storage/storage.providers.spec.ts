import { validateEnvironment } from '@boiduong/api-core';
import { LocalDiskStorage } from './local-disk-storage';

let mockSdkLoaded = false;
jest.mock('@aws-sdk/client-s3', () => {
  mockSdkLoaded = true;
  return jest.requireActual('@aws-sdk/client-s3');
});

describe('createFileStorage', () => {
  it('does not load the AWS SDK for local disk, and loads it when STORAGE_DRIVER=s3', async () => {
    // Imported here, after the flag exists, so that loading the SDK at import time would count too.
    const { createFileStorage } = await import('./storage.providers');
    expect(mockSdkLoaded).toBe(false);
    const local = await createFileStorage(validateEnvironment({ STORAGE_PATH: '/srv/files' }));
    expect(local).toBeInstanceOf(LocalDiskStorage);
    expect(local.description).toBe('local disk /srv/files');
    expect(mockSdkLoaded).toBe(false);

    const s3 = await createFileStorage(
      validateEnvironment({
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: 'http://minio:9000',
        S3_REGION: 'us-east-1',
        S3_BUCKET: 'boiduong-files',
        S3_ACCESS_KEY_ID: 'AKIAEXAMPLEKEY',
        S3_SECRET_ACCESS_KEY: 'very-secret-value',
      }),
    );
    expect(mockSdkLoaded).toBe(true);
    expect(s3.description).toBe('s3 bucket boiduong-files at http://minio:9000');
    s3.destroy();
  });
});
