import { randomBytes } from 'node:crypto';
import { CertificateJobs } from '@boiduong/api-certification';
import { JobHandlerRegistry, JobName, QueueName, validateEnvironment } from '@boiduong/api-core';
import { createTestDatabase, testServices } from '@boiduong/api-testing';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueEvents } from 'bullmq';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { WorkerModule } from './worker.module';

describe('worker', () => {
  let app: INestApplicationContext;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const storage = mkdtempSync(path.join(tmpdir(), 'worker-files-'));

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = validateEnvironment({ NODE_ENV: 'test', DATABASE_URL: database.url, REDIS_URL: testServices().redisUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent', STORAGE_PATH: storage });
    app = await NestFactory.createApplicationContext(WorkerModule.register(env), { logger: false });
    await app.init();
  });
  afterAll(async () => {
    for (const name of Object.values(QueueName)) await app.get<Queue>(getQueueToken(name)).obliterate({ force: true });
    await app.close();
    await database.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('boots with a handler for every declared job and schedules the session purge', async () => {
    expect(app.get(JobHandlerRegistry).missingHandlers()).toEqual([]);
    const queue = app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain(JobName.PurgeExpiredSessions);
    expect(schedulers.find((s) => s.key === JobName.PurgeUnusedFiles)).toMatchObject({ every: 3_600_000 });
    const sweeps = await app.get<Queue>(getQueueToken(QueueName.Assessment)).getJobSchedulers();
    expect(sweeps.map((s) => s.key)).toContain(JobName.SweepOverdueAttempts);
    expect(sweeps.map((s) => s.key)).toContain(JobName.SweepKeyFixes);
    // The next tests queue the purges themselves; the schedules must not race them.
    await queue.removeJobScheduler(JobName.PurgeExpiredSessions);
    await queue.removeJobScheduler(JobName.PurgeUnusedFiles);
    await queue.drain(true);
  });

  it('runs a queued purge through BullMQ and deletes expired refresh tokens', async () => {
    const db = app.get(DataSource);
    const [unit] = await db.query(`INSERT INTO org_units (code, name, type, path, valid_from) VALUES ('R', 'Root', 'central', 'r', '2025-07-01') RETURNING id`);
    const [user] = await db.query(`INSERT INTO users (username, password_hash, full_name, org_unit_id) VALUES ('u', 'x', 'U', $1) RETURNING id`, [unit.id]);
    await db.query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at)
       VALUES (gen_random_uuid(), $1, repeat('a', 64), now() - interval '3 days'), (gen_random_uuid(), $1, repeat('b', 64), now() + interval '3 days')`,
      [user.id],
    );
    const queue = app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const events = new QueueEvents(QueueName.Maintenance, { connection: queue.opts.connection, prefix });
    await events.waitUntilReady();
    try {
      const job = await queue.add(JobName.PurgeExpiredSessions, {}, { jobId: `purge-now-${prefix}` });
      const purged = await job.waitUntilFinished(events, 15000);
      expect(purged).toBe(1);
      const left = await db.query(`SELECT token_hash FROM refresh_tokens`);
      expect(left).toEqual([{ token_hash: 'b'.repeat(64) }]);
    } finally {
      await events.close();
    }
  });

  it('runs a queued clean-up of unused files through BullMQ: an old unused upload goes, a used one stays', async () => {
    const db = app.get(DataSource);
    const [unit] = await db.query(`INSERT INTO org_units (code, name, type, path, valid_from) VALUES ('F', 'Tệp', 'province', 'f', '2025-07-01') RETURNING id`);
    const files = await db.query(
      `INSERT INTO stored_files (storage_key, original_name, content_type, size_bytes, sha256, owner_org_unit_id, created_at)
       VALUES ('2026-01/unused.pdf', 'a.pdf', 'application/pdf', 4, repeat('0', 64), $1, now() - interval '2 days'),
              ('2026-01/used.pdf', 'b.pdf', 'application/pdf', 4, repeat('0', 64), $1, now() - interval '2 days')
       RETURNING id, storage_key`,
      [unit.id],
    );
    mkdirSync(path.join(storage, '2026-01'), { recursive: true });
    for (const f of files) writeFileSync(path.join(storage, f.storage_key), '%PDF');
    const [program] = await db.query(`INSERT INTO programs (code, name, family, content_group, owner_org_unit_id) VALUES ('P', 'Chương trình', 'basic', 'job_skills', $1) RETURNING id`, [unit.id]);
    const [version] = await db.query(`INSERT INTO program_versions (program_id, version, name, target_titles, required_hours, learning_outcomes, certificate_policy) VALUES ($1, 1, 'Chương trình', '[]', 4, '[]', '{}') RETURNING id`, [program.id]);
    const [mod] = await db.query(`INSERT INTO program_modules (program_version_id, position, title) VALUES ($1, 1, 'Chuyên đề') RETURNING id`, [version.id]);
    await db.query(`INSERT INTO lessons (module_id, program_version_id, position, title, kind, file_id) VALUES ($1, $2, 1, 'Bài', 'file', $3)`, [mod.id, version.id, files[1].id]);

    const queue = app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const events = new QueueEvents(QueueName.Maintenance, { connection: queue.opts.connection, prefix });
    await events.waitUntilReady();
    try {
      const job = await queue.add(JobName.PurgeUnusedFiles, {}, { jobId: `purge-files-now-${prefix}` });
      expect(await job.waitUntilFinished(events, 15000)).toEqual({ files: 1, objects: 1, pendingObjects: 0, batches: 1 });
    } finally {
      await events.close();
    }
    expect((await db.query(`SELECT storage_key FROM stored_files`)).map((r: { storage_key: string }) => r.storage_key)).toEqual(['2026-01/used.pdf']);
    expect(existsSync(path.join(storage, '2026-01/unused.pdf'))).toBe(false);
    expect(existsSync(path.join(storage, '2026-01/used.pdf'))).toBe(true);
  });

  it('issues a queued certificate once, however often its enrollment is queued', async () => {
    const db = app.get(DataSource);
    const [unit] = await db.query(`INSERT INTO org_units (code, name, type, path, valid_from) VALUES ('CERT', 'Tỉnh đoàn Thử', 'province', 'cert', '2025-07-01') RETURNING id`);
    const [user] = await db.query(`INSERT INTO users (username, password_hash, full_name, org_unit_id) VALUES ('cert.learner', 'x', 'Lê Văn Học', $1) RETURNING id`, [unit.id]);
    const data = {
      issuerUnitId: unit.id,
      enrollmentId: '44444444-4444-4444-8444-444444444444',
      learner: { userId: user.id, fullName: 'Lê Văn Học', dateOfBirth: null },
      program: { code: 'P1', name: 'Chương trình thử' },
      course: { id: '55555555-5555-4555-8555-555555555555', startsOn: '2026-01-05', endsOn: '2026-01-09' },
      completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 70 }], rulesKept: true },
      signer: { name: 'Người Ký', title: 'BÍ THƯ' },
      issuedPlace: 'Thử',
      issuedOn: '2026-02-01',
    };
    const jobs = app.get(CertificateJobs);
    const [id] = await jobs.enqueue([data]);
    await jobs.enqueue([data]);
    const queue = app.get<Queue>(getQueueToken(QueueName.Certification));
    const events = new QueueEvents(QueueName.Certification, { connection: queue.opts.connection, prefix });
    await events.waitUntilReady();
    try {
      const job = await queue.getJob(id);
      // The job may already be done and removed by the time we look; the database is the witness.
      if (job) await job.waitUntilFinished(events, 15000).catch(() => undefined);
      for (let i = 0; i < 50 && (await db.query(`SELECT 1 FROM certificates`)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await events.close();
    }
    const rows = await db.query(`SELECT serial_number, entry_number FROM certificates`);
    expect(rows).toEqual([{ serial_number: 'CERT-2026-000001', entry_number: 1 }]);
  });
});
