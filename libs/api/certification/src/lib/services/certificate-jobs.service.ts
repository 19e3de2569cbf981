import { DomainError, JobName, QueueName } from '@boiduong/api-core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CertificatesService } from './certificates.service';
import { AutoIssuance } from './auto-issuance.service';
import type { IssueCertificateInput } from './issuance';
import { issueCertificateJobId, type AutoIssueJobData } from './issuance-trigger';

export { issueCertificateJobId } from './issuance-trigger';

export type IssueCertificateJobData = IssueCertificateInput & { enrollmentId: string };

export interface IssueCertificateJobResult {
  /** Null when an automatic issuance issued nothing (see `skipped`). */
  certificateId: string | null;
  /** True when an earlier run (or another path) had already issued it: nothing new was written. */
  alreadyIssued: boolean;
  skipped?: string;
}

/** Queues and runs bulk issuance: the producer side for the api and catalog, the handler for the worker. */
@Injectable()
export class CertificateJobs {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly db: DataSource,
    private readonly auto: AutoIssuance,
    @InjectQueue(QueueName.Certification) private readonly queue: Queue,
  ) {}

  /** Queues one issuance per enrollment; queuing an enrollment again while its job exists is a no-op. */
  async enqueue(inputs: IssueCertificateJobData[]): Promise<string[]> {
    const jobs = await this.queue.addBulk(
      inputs.map((data) => ({ name: JobName.IssueCertificate, data, opts: { jobId: issueCertificateJobId(data.enrollmentId) } })),
    );
    return jobs.map((j) => String(j.id));
  }

  /**
   * Runs one issuance. Idempotent even after BullMQ forgot the job (completed jobs are removed):
   * the enrollment's live certificate, when present, is the answer and nothing is issued twice.
   */
  async handle(job: Pick<Job<IssueCertificateJobData | AutoIssueJobData>, 'data'>): Promise<IssueCertificateJobResult> {
    // Automatic issuance carries only the enrollment: the facts are read when the job runs.
    if ('automatic' in job.data) return this.auto.handle(job.data.enrollmentId);
    return this.handleInput(job.data);
  }

  private async handleInput(data: IssueCertificateJobData): Promise<IssueCertificateJobResult> {
    const job = { data };
    const existing = await this.liveCertificateFor(job.data);
    if (existing) return { certificateId: existing, alreadyIssued: true };
    try {
      const issued = await this.certificates.issue(null, job.data);
      await this.certificates.pdf(issued);
      return { certificateId: issued.id, alreadyIssued: false };
    } catch (e) {
      if (e instanceof DomainError && e.code === 'CERTIFICATE_ALREADY_ISSUED') {
        const raced = await this.liveCertificateFor(job.data);
        if (raced) return { certificateId: raced, alreadyIssued: true };
      }
      // A refusal (not eligible, closed issuer, bad dates) will not change on retry.
      if (e instanceof DomainError && e.status < 500) throw new UnrecoverableError(`${e.code}: ${JSON.stringify(e.details ?? null)}`);
      throw e;
    }
  }

  private async liveCertificateFor(data: IssueCertificateJobData): Promise<string | undefined> {
    const [row] = await this.db.query(
      `SELECT id FROM certificates WHERE user_id = $1 AND course_id = $2 AND status <> 'replaced' LIMIT 1`,
      [data.learner.userId, data.course.id],
    );
    return row?.id;
  }
}
