import type { EligibilityDecision, EligibilityFailure } from '@boiduong/shared-contracts';

/** The content of one dated rule set (stored as jsonb in certificate_rule_sets.rules). */
export interface CertificateRules {
  /** Share of the program the learner must attend, 0..1 (1 = the full program). */
  attendanceShareRequired: number;
  /** Minimum score on every required assessment, in percent (inclusive). */
  passMarkPercent: number;
  /** Whether an open misconduct record blocks the certificate. */
  rulesKeptRequired: boolean;
  /** Whether a second certificate for the same learner and course is refused (except reissue for issuer error). */
  issueOnce: boolean;
  /** Months a certificate stays valid; null = no expiry. */
  validityMonths: number | null;
  /** Months a newly appointed title holder has to obtain the title certificate. */
  titleGraceMonths: number;
}

/** What the deciding course outcome says about one learner. */
export interface CompletionFacts {
  /** Attended share of the program, 0..1; null when attendance was not recorded. */
  attendanceShare: number | null;
  /** Every assessment of the course; only `required` ones count. scorePercent null = not taken. */
  assessments: Array<{ code: string; required: boolean; scorePercent: number | null }>;
  /** False when the learner has an open misconduct record. */
  rulesKept: boolean;
}

// Percent comparisons at 1e-9 so that 50 stays 50 after a division like 5/10*100.
const EPSILON = 1e-9;

/** Applies one rule set and lists every unmet condition (not just the first) so an admin can act on all. */
export function evaluateEligibility(ruleSetCode: string, rules: CertificateRules, facts: CompletionFacts): EligibilityDecision {
  const unmet: EligibilityFailure[] = [];
  if (facts.attendanceShare === null || facts.attendanceShare === undefined) {
    unmet.push({
      code: 'attendance_missing',
      message: { vi: 'Chưa có dữ liệu chuyên cần của học viên.', en: 'The learner has no attendance record.' },
    });
  } else if (facts.attendanceShare + EPSILON < rules.attendanceShareRequired) {
    const need = Math.round(rules.attendanceShareRequired * 100);
    const got = Math.round(facts.attendanceShare * 1000) / 10;
    unmet.push({
      code: 'attendance_short',
      message: {
        vi: `Học viên tham gia ${got}% chương trình, yêu cầu ${need}%.`,
        en: `The learner attended ${got}% of the program; ${need}% is required.`,
      },
    });
  }
  for (const a of facts.assessments.filter((x) => x.required)) {
    if (a.scorePercent === null || a.scorePercent === undefined) {
      unmet.push({
        code: 'assessment_missing',
        assessmentCode: a.code,
        message: { vi: `Học viên chưa làm bài kiểm tra bắt buộc ${a.code}.`, en: `The learner has not taken the required assessment ${a.code}.` },
      });
    } else if (a.scorePercent + EPSILON < rules.passMarkPercent) {
      unmet.push({
        code: 'assessment_below_pass_mark',
        assessmentCode: a.code,
        message: {
          vi: `Bài kiểm tra ${a.code} đạt ${a.scorePercent}%, dưới mức đạt ${rules.passMarkPercent}%.`,
          en: `Assessment ${a.code} scored ${a.scorePercent}%, below the pass mark of ${rules.passMarkPercent}%.`,
        },
      });
    }
  }
  if (rules.rulesKeptRequired && !facts.rulesKept) {
    unmet.push({
      code: 'rules_not_kept',
      message: { vi: 'Học viên vi phạm quy chế lớp học (còn hồ sơ kỷ luật chưa khép lại).', en: 'The learner broke the course rules (an open misconduct record).' },
    });
  }
  return { eligible: unmet.length === 0, ruleSetCode, unmet };
}

/** The set in force on `on` (ISO date): the one with the latest effectiveFrom not after it. */
export function ruleSetInForce<T extends { effectiveFrom: string }>(sets: readonly T[], on: string): T | undefined {
  return [...sets].filter((s) => s.effectiveFrom <= on).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

/** Adds whole calendar months to an ISO date (clamped to the month's last day). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export type NominationReason = 'certificate_held' | 'within_grace_window' | 'no_certificate' | 'grace_window_over' | 'certificate_expired';

/**
 * May a cadre be nominated for a title on `on`? Yes with a valid certificate for it (not expired
 * under the set's validity), or without one while still inside the grace window that follows an
 * appointment to the title (`appointedOn`).
 */
export function mayBeNominated(
  rules: Pick<CertificateRules, 'validityMonths' | 'titleGraceMonths'>,
  on: string,
  certificate: { issuedOn: string; status: 'valid' | 'revoked' | 'replaced' } | null,
  appointedOn: string | null,
): { eligible: boolean; reason: NominationReason; graceEndsOn?: string } {
  if (certificate && certificate.status === 'valid' && certificate.issuedOn <= on) {
    if (rules.validityMonths === null || addMonths(certificate.issuedOn, rules.validityMonths) > on) return { eligible: true, reason: 'certificate_held' };
    if (!appointedOn) return { eligible: false, reason: 'certificate_expired' };
  }
  if (appointedOn && appointedOn <= on) {
    const graceEndsOn = addMonths(appointedOn, rules.titleGraceMonths);
    return on < graceEndsOn ? { eligible: true, reason: 'within_grace_window', graceEndsOn } : { eligible: false, reason: 'grace_window_over', graceEndsOn };
  }
  return { eligible: false, reason: 'no_certificate' };
}
