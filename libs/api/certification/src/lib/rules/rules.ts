import type { EligibilityDecision, EligibilityFailure, NominationReason } from '@boiduong/shared-contracts';

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


export interface HeldCertificate {
  id: string;
  issuedOn: string;
  status: 'valid' | 'revoked' | 'replaced';
  /** Validity of the rule set the certificate was issued under; null = no expiry. */
  validityMonths: number | null;
}

export interface NominationDecision {
  eligible: boolean;
  reason: NominationReason;
  certificateId?: string;
  expiresOn?: string | null;
  graceEndsOn?: string;
}

/**
 * The title rule over every certificate a cadre holds for the title: eligible on `on` with a
 * valid, unexpired one (the longest-lasting is named); otherwise, for the current holder of the
 * title, while the grace window after the appointment runs (`graceEndsOn` is the first day
 * outside it). Revoked and replaced certificates never count; a certificate issued after `on`
 * did not exist yet.
 */
export function nominationDecision(
  on: string,
  certificates: readonly HeldCertificate[],
  appointment: { since: string; graceMonths: number } | null,
): NominationDecision {
  const existing = certificates.filter((c) => c.issuedOn <= on);
  const live = existing
    .filter((c) => c.status === 'valid')
    .map((c) => ({ c, expiresOn: c.validityMonths === null ? null : addMonths(c.issuedOn, c.validityMonths) }))
    .sort((a, b) => (a.expiresOn === b.expiresOn ? 0 : a.expiresOn === null ? -1 : b.expiresOn === null ? 1 : a.expiresOn > b.expiresOn ? -1 : 1));
  const current = live.find((h) => h.expiresOn === null || h.expiresOn > on);
  if (current) return { eligible: true, reason: 'certificate_held', certificateId: current.c.id, expiresOn: current.expiresOn };
  if (appointment && appointment.since <= on) {
    const graceEndsOn = addMonths(appointment.since, appointment.graceMonths);
    if (on < graceEndsOn) return { eligible: true, reason: 'within_grace_window', graceEndsOn };
    return { eligible: false, reason: 'grace_window_over', graceEndsOn };
  }
  if (live.length) return { eligible: false, reason: 'certificate_expired', certificateId: live[0].c.id, expiresOn: live[0].expiresOn };
  if (existing.some((c) => c.status === 'revoked')) return { eligible: false, reason: 'certificate_revoked' };
  return { eligible: false, reason: 'no_certificate' };
}
