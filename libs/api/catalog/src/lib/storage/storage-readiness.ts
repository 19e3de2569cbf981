import { AppConfig, ReadinessProbes } from '@boiduong/api-core';
import type { HealthComponent } from '@boiduong/shared-contracts';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { FileScanner } from './file-scanner';
import { FileStorage } from './file-storage';

/** How long a storage check answers readiness before the next request triggers a new one. */
export const STORAGE_CHECK_REFRESH_MS = 30_000;
const CHECK_TIMEOUT_MS = 10_000;

/**
 * Boot: the storage must be usable (folder writable, bucket reachable with the credentials), or
 * the process does not start (FileStorageUnreachable; the api exits with code 5). Afterwards the
 * `storage` readiness component answers from the last check; a health request that finds it
 * older than 30 s starts a new one in the background and still answers at once, so health never
 * waits on the bucket and a storage outage shows within one refresh.
 */
@Injectable()
export class StorageReadiness implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Storage');
  private last: HealthComponent = { status: 'down', message: 'not checked yet' };
  private checkedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly storage: FileStorage,
    private readonly scanner: FileScanner,
    private readonly probes: ReadinessProbes,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.storage.check(AbortSignal.timeout(CHECK_TIMEOUT_MS));
    this.last = { status: 'up', latencyMs: 0 };
    this.checkedAt = Date.now();
    this.probes.register('storage', () => this.component());
    this.logger.log(`files are kept in ${this.storage.description}`);
    await this.reportScanner();
  }

  onModuleDestroy(): void {
    this.storage.destroy();
  }

  /** The cached state; starts a background refresh when it is stale. */
  component(): HealthComponent {
    if (Date.now() - this.checkedAt >= STORAGE_CHECK_REFRESH_MS && !this.refreshing) {
      this.refreshing = this.refresh().finally(() => (this.refreshing = null));
    }
    return this.last;
  }

  /** Checks now and keeps the result (also what the background refresh runs). */
  async refresh(): Promise<void> {
    const started = performance.now();
    try {
      await this.storage.check(AbortSignal.timeout(CHECK_TIMEOUT_MS));
      this.last = { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (this.last.status === 'up') this.logger.error((error as Error).message);
      this.last = { status: 'down', message: (error as Error).message };
    } finally {
      this.checkedAt = Date.now();
    }
  }

  /** The scanner is not part of readiness (SCAN_FAIL_MODE decides per upload); its state is logged at boot. */
  private async reportScanner(): Promise<void> {
    if (this.config.env.SCAN_DRIVER === 'none') {
      const say = `uploads are not scanned for malware (SCAN_DRIVER=none)`;
      if (this.config.isProduction) this.logger.warn(say);
      else this.logger.log(say);
      return;
    }
    if (await this.scanner.reachable()) this.logger.log(`uploads are scanned by ${this.scanner.description}`);
    else
      this.logger.warn(
        `${this.scanner.description} does not answer; uploads are ${this.config.env.SCAN_FAIL_MODE === 'open' ? 'accepted unscanned' : 'refused'} until it does (SCAN_FAIL_MODE=${this.config.env.SCAN_FAIL_MODE})`,
      );
  }
}
