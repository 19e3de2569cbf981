import type { CertificatePolicy, CompletionStatus } from '@boiduong/shared-contracts';
import { DEFAULT_CERTIFICATE_POLICY } from '@boiduong/shared-contracts';

export interface CompletionInputs {
  lessonsTotal: number;
  lessonsCompleted: number;
  sessionsTotal: number;
  sessionsAttended: number;
  assessmentsRequired: number;
  assessmentsPassed: number;
  assignmentsRequired: number;
  assignmentsPassed: number;
}

/** A policy with every field filled (older versions may lack newer fields). */
export function effectivePolicy(policy: Partial<CertificatePolicy> | null | undefined): CertificatePolicy {
  return { ...DEFAULT_CERTIFICATE_POLICY, ...(policy ?? {}) };
}

/**
 * Whether the inputs meet the policy. Nothing to do counts as done (a course without sessions
 * has nothing to attend). Shares are compared with a small tolerance so 4 of 5 meets 0.8.
 */
export function evaluateCompletion(policy: CertificatePolicy, inputs: CompletionInputs): CompletionStatus {
  const share = (done: number, total: number) => (total === 0 ? 1 : done / total);
  const eps = 1e-9;
  const completed =
    share(inputs.lessonsCompleted, inputs.lessonsTotal) + eps >= policy.minLessonShare &&
    share(inputs.sessionsAttended, inputs.sessionsTotal) + eps >= policy.minAttendanceShare &&
    inputs.assessmentsPassed >= inputs.assessmentsRequired &&
    inputs.assignmentsPassed >= inputs.assignmentsRequired;
  return { ...inputs, completed };
}
