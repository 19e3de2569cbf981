/** Certificates (Circular 03/2023/TT-BNV): codes and shapes shared by api and web. */

export const CERTIFICATE_STATUSES = ['valid', 'revoked', 'replaced'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** Grounds for revocation (thu hồi, hủy bỏ) in the circular. */
export const REVOCATION_REASONS = ['fraud', 'ineligible', 'outside_authority', 'altered', 'lent', 'issuer_error'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** Unmet eligibility conditions, each reported with a Vietnamese and English message. */
export type EligibilityFailureCode = 'attendance_short' | 'attendance_missing' | 'assessment_below_pass_mark' | 'assessment_missing' | 'rules_not_kept';

export interface EligibilityFailure {
  code: EligibilityFailureCode;
  message: { vi: string; en: string };
  assessmentCode?: string;
}

export interface EligibilityDecision {
  eligible: boolean;
  ruleSetCode: string;
  unmet: EligibilityFailure[];
}

/** One entry of the registry book (sổ cấp chứng chỉ) as the api returns it. */
export interface CertificateEntry {
  id: string;
  code: string;
  status: CertificateStatus;
  issuerUnitId: string;
  year: number;
  entryNumber: number;
  serialNumber: string;
  userId: string;
  courseId: string;
  enrollmentId: string | null;
  certificateName: string;
  issuerName: string;
  holderName: string;
  holderDateOfBirth: string | null;
  programCode: string;
  programName: string;
  /** Title codes the program qualifies for (chức danh). */
  titles: string[];
  courseStartsOn: string;
  courseEndsOn: string;
  result: string | null;
  issuedPlace: string;
  issuedOn: string;
  signerName: string;
  signerTitle: string;
  verifyUrl: string;
  /** SHA-256 (hex) of the issued PDF; null until first rendered. */
  pdfSha256: string | null;
  reissueOfId: string | null;
  reissueNote: string | null;
  replacedById: string | null;
  revocation: { reason: RevocationReason; decisionNumber: string; decidedOn: string; byUnitId: string | null; note: string | null } | null;
  completionNotice: { number: string; issuedOn: string; note: string | null } | null;
}

/** What `GET /verify/:code` answers (JSON). */
export interface CertificateVerification {
  code: string;
  /** True only when the signature holds over the stored fields and the status is `valid`. */
  valid: boolean;
  status: CertificateStatus;
  signatureValid: boolean;
  /** Why the signature failed: the fields changed since issuance, an unknown key, or a broken signature. */
  signatureProblem?: 'fields_altered' | 'unknown_key' | 'bad_signature';
  certificateName: string;
  issuerName: string;
  holderName: string;
  holderDateOfBirth: string | null;
  programName: string;
  courseStartsOn: string;
  courseEndsOn: string;
  result: string | null;
  issuedPlace: string;
  issuedOn: string;
  signerName: string;
  signerTitle: string;
  serialNumber: string;
  entryNumber: number;
  year: number;
  /** SHA-256 (hex) of the issued PDF: a downloaded file with another hash was altered. */
  pdfSha256: string | null;
  revocation: { reason: RevocationReason; decisionNumber: string; decidedOn: string } | null;
  replacedBy: { serialNumber: string; code: string } | null;
  completionNotice: { number: string; issuedOn: string } | null;
  /** The body now answerable for the certificate: the issuer, or who took over when it closed. */
  responsibleBody: { id: string; name: string; issuerClosed: boolean };
}

/** Why a presented verifiable credential failed, checked in this order. */
export type CredentialVerificationProblem =
  | 'malformed'
  | 'unknown_key'
  | 'bad_signature'
  | 'not_a_certificate_credential'
  | 'unknown_issuer'
  | 'unknown_status_list'
  | 'revoked';

/** What `POST /api/v1/public/credentials/verify` answers. */
export interface CredentialVerification {
  verified: boolean;
  reason?: CredentialVerificationProblem;
  checks: { signature: boolean; issuer: boolean; status: boolean };
  credentialId?: string;
  code?: string;
  status?: CertificateStatus;
}

/** Why a cadre may or may not be nominated for a title on a date. */
export type NominationReason = 'certificate_held' | 'within_grace_window' | 'no_certificate' | 'certificate_revoked' | 'grace_window_over' | 'certificate_expired';

/** What `GET /api/v1/eligibility?userId=&title=&on=` answers. */
export interface TitleEligibility {
  eligible: boolean;
  reason: NominationReason;
  message: { vi: string; en: string };
  userId: string;
  title: string;
  on: string;
  certificateId?: string;
  /** Serial number (số hiệu) of that certificate, as printed. */
  serialNumber?: string;
  /** Its public verification code: `/certificates/verify/<code>` shows it to anyone. */
  certificateCode?: string;
  /** When the certificate that qualifies stops being valid (validity period of its rule set). */
  expiresOn?: string | null;
  /** Last day of the grace window is the day before this date. */
  graceEndsOn?: string;
}

/** The most cadres one `POST /api/v1/eligibility/check` assesses. */
export const ELIGIBILITY_BATCH_MAX = 500;

/** What `POST /api/v1/eligibility/check` {title, on?, userIds} answers, one request for a nomination list. */
export interface TitleEligibilityBatch {
  title: string;
  on: string;
  /** In the order asked, for the cadres the caller may see. */
  results: TitleEligibility[];
  /** Ids that are unknown or outside the caller's reach, told apart from neither (no oracle). */
  notFound: string[];
}

/**
 * When a program's certificates are issued once a learner completes: right after the deciding
 * grade (default), for every completed learner when the course closes, or after an admin approves.
 */
export const ISSUANCE_MODES = ['on_grade', 'at_course_close', 'after_approval'] as const;
export type IssuanceMode = (typeof ISSUANCE_MODES)[number];

/**
 * A completed enrollment on its way to a certificate: waiting for the course to close, waiting
 * for approval, queued for the issuance job, issued, refused by an admin (with the reason), or
 * failed (the issuer has no signer configured, or a rule of the rule set is not met).
 */
export const CANDIDATE_STATUSES = ['awaiting_close', 'pending', 'queued', 'issued', 'refused', 'failed'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export interface CertificateCandidateView {
  id: string;
  enrollmentId: string;
  courseId: string;
  courseName: string;
  programName: string;
  userId: string;
  fullName: string;
  username: string;
  status: CandidateStatus;
  reason: string | null;
  certificateId: string | null;
  completedAt: string | null;
  decidedAt: string | null;
}

/** What a bulk approval or refusal did, per candidate. */
export interface CandidateDecisionResult {
  /** Candidates now queued for issuance (approve) or refused (refuse). */
  done: string[];
  /** Candidates left as they were, with why: `not_found`, `already_issued`, `already_queued`. */
  skipped: Array<{ id: string; reason: 'not_found' | 'already_issued' | 'already_queued' }>;
}

export interface CertificateIssuerSettings {
  unitId: string;
  signerName: string;
  signerTitle: string;
  issuedPlace: string;
}

/**
 * The images an issuing unit has printed on its certificates: its logo in the header, the signer's
 * signature above the signer's name, and its seal stamped over the signature.
 */
export const ARTWORK_KINDS = ['logo', 'signature', 'seal'] as const;
export type ArtworkKind = (typeof ARTWORK_KINDS)[number];

/** Artwork uploads: PNG (transparency welcome) or JPEG, at most 1 MiB, each side within these pixels. */
export const ARTWORK_CONTENT_TYPES = ['image/png', 'image/jpeg'] as const;
export const ARTWORK_MAX_BYTES = 1_048_576;
export const ARTWORK_MIN_SIDE_PIXELS = 16;
export const ARTWORK_MAX_SIDE_PIXELS = 4000;

/** One stored image; immutable, so a certificate that printed it keeps printing exactly these bytes. */
export interface ArtworkImageView {
  id: string;
  kind: ArtworkKind;
  contentType: (typeof ARTWORK_CONTENT_TYPES)[number];
  width: number;
  height: number;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

/** What a unit's next certificates will print; each kind null when the unit has none. */
export interface IssuerArtworkView {
  unitId: string;
  logo: ArtworkImageView | null;
  signature: ArtworkImageView | null;
  seal: ArtworkImageView | null;
}
