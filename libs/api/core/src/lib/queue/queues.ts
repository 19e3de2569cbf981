/** Every queue and every job name, in one place (deterministic job ids are built from these). */
export enum QueueName {
  Maintenance = 'maintenance',
  Assessment = 'assessment',
  Certification = 'certification',
  /** Item statistics: CPU-heavy, on its own queue so it never delays attempt deadlines. */
  Statistics = 'statistics',
}

export enum JobName {
  PurgeExpiredSessions = 'purge-expired-sessions',
  /** Deletes uploaded files that nothing uses (never handed in, their lesson or submission gone) once past the grace period. */
  PurgeUnusedFiles = 'purge-unused-files',
  /** Finishes one attempt at its deadline; job id `attempt-deadline:<attemptId>:<deadline ms>`. */
  AttemptDeadline = 'attempt-deadline',
  /** Finishes every overdue attempt whose deadline job was lost. */
  SweepOverdueAttempts = 'sweep-overdue-attempts',
  /** Rescores one exam's attempts for one item after a key fix; job id `regrade-<regradeId>`. */
  RegradeExamItem = 'regrade-exam-item',
  /** Queues regrades for attempts graded with a key the bank has since corrected. */
  SweepKeyFixes = 'sweep-key-fixes',
  /** Issues one learner's certificate; job id `certificate-<enrollmentId>` (BullMQ refuses a single ':' in ids). */
  IssueCertificate = 'issue-certificate',
  /** Queues certificate candidates left `queued` without a job (Redis unavailable at commit). */
  SweepCertificateCandidates = 'sweep-certificate-candidates',
  /** Computes one exam's item statistics snapshot; job id `exam-statistics-<examId>`. */
  ComputeExamStatistics = 'compute-exam-statistics',
  /** Queues statistics for closed exams whose graded attempts changed since their last snapshot. */
  SweepExamStatistics = 'sweep-exam-statistics',
}

/** Which jobs travel on which queue. The worker refuses to start if any has no handler. */
export const QUEUE_JOBS: Readonly<Record<QueueName, readonly JobName[]>> = {
  [QueueName.Maintenance]: [JobName.PurgeExpiredSessions, JobName.PurgeUnusedFiles],
  [QueueName.Assessment]: [JobName.AttemptDeadline, JobName.SweepOverdueAttempts, JobName.RegradeExamItem, JobName.SweepKeyFixes],
  [QueueName.Certification]: [JobName.IssueCertificate, JobName.SweepCertificateCandidates],
  [QueueName.Statistics]: [JobName.ComputeExamStatistics, JobName.SweepExamStatistics],
};

/** Defaults for every job: retried with backoff, kept when failed so that nothing disappears unseen. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: false,
} as const;
