import { AssessmentModule, AttemptsService, RegradeService } from '@boiduong/api-assessment';
import { CatalogModule, UnusedFiles } from '@boiduong/api-catalog';
import { AutoIssuance, CertificateJobs, CertificationModule } from '@boiduong/api-certification';
import { CoreModule, JobHandlerRegistry, JobName, QueueName, type Environment } from '@boiduong/api-core';
import { IdentityModule, SessionsService } from '@boiduong/api-identity';
import { StatisticsModule, StatisticsService } from '@boiduong/api-statistics';
import { InjectQueue } from '@nestjs/bullmq';
import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AssessmentProcessor, CertificationProcessor, MaintenanceProcessor, StatisticsProcessor } from './processors';

/** Wires each job to the one service method that does the work, and schedules periodic jobs. */
@Injectable()
export class JobWiring implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly sessions: SessionsService,
    private readonly attempts: AttemptsService,
    private readonly regrades: RegradeService,
    private readonly certificateJobs: CertificateJobs,
    private readonly autoIssuance: AutoIssuance,
    private readonly statistics: StatisticsService,
    private readonly unusedFiles: UnusedFiles,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    @InjectQueue(QueueName.Assessment) private readonly assessment: Queue,
    @InjectQueue(QueueName.Statistics) private readonly statisticsQueue: Queue,
    @InjectQueue(QueueName.Certification) private readonly certification: Queue,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(QueueName.Maintenance, JobName.PurgeExpiredSessions, () => this.sessions.purgeExpired());
    // Upserting the scheduler keeps one schedule however many workers start.
    await this.maintenance.upsertJobScheduler(JobName.PurgeExpiredSessions, { every: 3_600_000 }, { name: JobName.PurgeExpiredSessions });
    this.registry.register(QueueName.Maintenance, JobName.PurgeUnusedFiles, () => this.unusedFiles.sweep());
    // Hourly against a grace period of hours: an unused upload lives at most grace + 1 h.
    await this.maintenance.upsertJobScheduler(JobName.PurgeUnusedFiles, { every: 3_600_000 }, { name: JobName.PurgeUnusedFiles });
    this.registry.register(QueueName.Assessment, JobName.AttemptDeadline, (job) => this.attempts.finish(String(job.data.attemptId), 'deadline'));
    this.registry.register(QueueName.Assessment, JobName.SweepOverdueAttempts, () => this.attempts.finishOverdue());
    this.registry.register(QueueName.Assessment, JobName.RegradeExamItem, (job) => this.regrades.run(String(job.data.regradeId)));
    this.registry.register(QueueName.Assessment, JobName.SweepKeyFixes, () => this.regrades.sweepKeyFixes());
    // A key corrected in the bank (a new approved version) regrades the attempts that used the old one.
    await this.assessment.upsertJobScheduler(JobName.SweepKeyFixes, { every: 300_000 }, { name: JobName.SweepKeyFixes });
    // The sweeper catches attempts whose deadline job was lost (Redis flushed, job failed for good).
    await this.assessment.upsertJobScheduler(JobName.SweepOverdueAttempts, { every: 60_000 }, { name: JobName.SweepOverdueAttempts });
    this.registry.register(QueueName.Certification, JobName.IssueCertificate, (job) => this.certificateJobs.handle(job));
    this.registry.register(QueueName.Certification, JobName.SweepCertificateCandidates, () => this.autoIssuance.sweep());
    // Candidates whose job was never queued (Redis unavailable at commit) are issued within a minute or so.
    await this.certification.upsertJobScheduler(JobName.SweepCertificateCandidates, { every: 60_000 }, { name: JobName.SweepCertificateCandidates });
    this.registry.register(QueueName.Statistics, JobName.ComputeExamStatistics, (job) => this.statistics.computeExam(String(job.data.examId)));
    this.registry.register(QueueName.Statistics, JobName.SweepExamStatistics, () => this.statistics.sweep());
    // Statistics follow an exam's close (and later submissions) without anyone asking.
    await this.statisticsQueue.upsertJobScheduler(JobName.SweepExamStatistics, { every: 60_000 }, { name: JobName.SweepExamStatistics });
  }
}

@Module({})
export class WorkerModule {
  static register(env?: Environment): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot({ env, applicationName: 'worker', http: false }), IdentityModule, CatalogModule, AssessmentModule, CertificationModule, StatisticsModule],
      providers: [JobHandlerRegistry, JobWiring, MaintenanceProcessor, AssessmentProcessor, CertificationProcessor, StatisticsProcessor],
    };
  }
}
