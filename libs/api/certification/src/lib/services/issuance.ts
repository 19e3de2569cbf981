import type { CompletionFacts } from '../rules/rules';

/**
 * Everything issuance needs, supplied by whoever decided the learner completed (the catalog's
 * completion service, a bulk job, or an admin through the api). The certification context owns
 * no programs or courses: it copies what it is given into the registry book and signs it.
 */
export interface IssueCertificateInput {
  /** The org unit that ran the course (or the one it delegated to); the book is this unit's. */
  issuerUnitId: string;
  learner: {
    userId: string;
    /** As printed; taken from the learner's profile by the caller. */
    fullName: string;
    /** ISO date; null prints as unknown. */
    dateOfBirth: string | null;
  };
  program: {
    code: string;
    name: string;
    /** Printed title; defaults to "CHỨNG CHỈ BỒI DƯỠNG". */
    certificateName?: string;
    /** Title codes (chức danh) the program qualifies for, e.g. `secretary.commune`; none for other programs. */
    titles?: string[];
  };
  course: { id: string; startsOn: string; endsOn: string };
  enrollmentId?: string | null;
  /** Printed result, e.g. "Đạt", "Khá (7,5 điểm)"; optional on the certificate. */
  result?: string | null;
  /** The facts the rule set is applied to. */
  completion: CompletionFacts;
  signer: { name: string; title: string };
  /** Place printed before the date, e.g. "Hà Nội". */
  issuedPlace: string;
  /** ISO date; defaults to today in Vietnam. */
  issuedOn?: string;
  /** A reissue replacing a live certificate of the same learner and course, for the issuer's own error. */
  reissue?: { ofCertificateId: string; note: string };
}

// Built once: constructing a formatter with a time zone costs far more than formatting with it,
// and the public verify route asks for today's date on every request.
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Vietnam (UTC+7), where every certificate is dated. */
export function todayInVietnam(now = new Date()): string {
  return VIETNAM_DAY.format(now);
}
