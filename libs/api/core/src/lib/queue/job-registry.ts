import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, QUEUE_JOBS, QueueName } from './queues';

export type JobHandler = (job: Job) => Promise<unknown>;

/**
 * Processors register their handlers here; at bootstrap the registry checks that every job
 * declared in QUEUE_JOBS has exactly one handler, so a job can never sit in Redis with no
 * code to run it.
 */
@Injectable()
export class JobHandlerRegistry implements OnApplicationBootstrap {
  private readonly handlers = new Map<string, JobHandler>();

  register(queue: QueueName, job: JobName, handler: JobHandler): void {
    const key = `${queue}/${job}`;
    if (this.handlers.has(key)) throw new Error(`Two handlers for job ${key}`);
    if (!QUEUE_JOBS[queue]?.includes(job)) throw new Error(`Job ${job} is not declared on queue ${queue}`);
    this.handlers.set(key, handler);
  }

  handlerFor(queue: QueueName, job: string): JobHandler | undefined {
    return this.handlers.get(`${queue}/${job}`);
  }

  missingHandlers(): string[] {
    return Object.entries(QUEUE_JOBS).flatMap(([queue, jobs]) =>
      jobs.filter((job) => !this.handlers.has(`${queue}/${job}`)).map((job) => `${queue}/${job}`),
    );
  }

  onApplicationBootstrap(): void {
    const missing = this.missingHandlers();
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }
}
