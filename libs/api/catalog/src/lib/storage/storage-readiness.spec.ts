import { AppConfig, ReadinessProbes, validateEnvironment } from '@boiduong/api-core';
import { Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { NoScanner } from './file-scanner';
import { FileStorage, FileStorageUnreachable } from './file-storage';
import { STORAGE_CHECK_REFRESH_MS, StorageReadiness } from './storage-readiness';

/** A storage whose check answers what the test says, counting the calls. */
class SwitchableStorage extends FileStorage {
  readonly description = 's3 bucket test at http://s3.test';
  up = true;
  checks = 0;
  async put(): Promise<void> {
    return undefined;
  }
  async size(): Promise<number> {
    return 0;
  }
  async read(): Promise<Readable> {
    return Readable.from([]);
  }
  async delete(): Promise<void> {
    return undefined;
  }
  async check(): Promise<void> {
    this.checks++;
    if (!this.up) throw new FileStorageUnreachable(this.description, 'connect ECONNREFUSED');
  }
}

describe('StorageReadiness', () => {
  let storage: SwitchableStorage;
  let probes: ReadinessProbes;
  let readiness: StorageReadiness;
  const flush = () =>
    new Promise((resolve) => jest.requireActual<typeof import('timers')>('timers').setImmediate(resolve));

  beforeEach(() => {
    for (const level of ['log', 'warn', 'error'] as const)
      jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
    jest.useFakeTimers({ now: new Date('2026-05-01T00:00:00Z') });
    storage = new SwitchableStorage();
    probes = new ReadinessProbes();
    readiness = new StorageReadiness(
      storage,
      new NoScanner(),
      probes,
      new AppConfig(validateEnvironment({ NODE_ENV: 'test' })),
    );
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('refuses to start when the storage is not usable', async () => {
    storage.up = false;
    await expect(readiness.onModuleInit()).rejects.toThrow(
      'Cannot reach the file storage (s3 bucket test at http://s3.test): connect ECONNREFUSED',
    );
    expect(probes.snapshot()).toEqual({});
  });

  it('answers readiness from the cached check, refreshing in the background once it is stale', async () => {
    await readiness.onModuleInit();
    expect(storage.checks).toBe(1);
    expect(probes.snapshot()['storage']).toMatchObject({ status: 'up' });

    storage.up = false;
    jest.setSystemTime(Date.now() + STORAGE_CHECK_REFRESH_MS - 1);
    expect(probes.snapshot()['storage'].status).toBe('up');
    expect(storage.checks).toBe(1);

    jest.setSystemTime(Date.now() + 1);
    // Stale: this answer is still the old one (no waiting), and it starts exactly one new check.
    expect(probes.snapshot()['storage'].status).toBe('up');
    expect(probes.snapshot()['storage'].status).toBe('up');
    await flush();
    expect(storage.checks).toBe(2);
    expect(probes.snapshot()['storage']).toEqual({
      status: 'down',
      message: 'Cannot reach the file storage (s3 bucket test at http://s3.test): connect ECONNREFUSED',
    });
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      'Cannot reach the file storage (s3 bucket test at http://s3.test): connect ECONNREFUSED',
    );

    storage.up = true;
    jest.setSystemTime(Date.now() + STORAGE_CHECK_REFRESH_MS);
    probes.snapshot();
    await flush();
    expect(probes.snapshot()['storage'].status).toBe('up');
    expect(storage.checks).toBe(3);
  });
});
