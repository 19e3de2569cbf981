import { WorkerHost } from '@nestjs/bullmq';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import type { JobHandlerRegistry } from './job-registry';
import type { QueueName } from './queues';

/** A queue's processor: routes each job by name to the handler its context registered. */
export abstract class DispatchingProcessor extends WorkerHost implements OnApplicationBootstrap {
  protected constructor(
    private readonly queue: QueueName,
    private readonly registry: JobHandlerRegistry,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // The decorator cannot read configuration; the worker exists by now, so set it here.
    this.worker.concurrency = this.config.env.WORKER_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.registry.handlerFor(this.queue, job.name);
    if (!handler) throw new Error(`No handler for job ${this.queue}/${job.name}`);
    return handler(job);
  }
}
