import { JobHandlerRegistry, JobName, QUEUE_JOBS, QueueName } from '@boiduong/api-core';

describe('JobHandlerRegistry', () => {
  it('refuses to boot while a declared job has no handler', () => {
    const registry = new JobHandlerRegistry();
    expect(() => registry.onApplicationBootstrap()).toThrow(/No handler for job\(s\): maintenance\/purge-expired-sessions/);
  });

  it('boots once every declared job has exactly one handler', () => {
    const registry = new JobHandlerRegistry();
    for (const [queue, jobs] of Object.entries(QUEUE_JOBS)) {
      for (const job of jobs) registry.register(queue as QueueName, job, async () => undefined);
    }
    expect(() => registry.onApplicationBootstrap()).not.toThrow();
  });

  it('refuses a second handler and a job declared on another queue', () => {
    const registry = new JobHandlerRegistry();
    registry.register(QueueName.Maintenance, JobName.PurgeExpiredSessions, async () => undefined);
    expect(() => registry.register(QueueName.Maintenance, JobName.PurgeExpiredSessions, async () => undefined)).toThrow(/Two handlers/);
    expect(() => registry.register('other' as QueueName, JobName.PurgeExpiredSessions, async () => undefined)).toThrow(/not declared/);
  });
});
