import { IdentityFoundation1795320000000 } from './1795320000000-identity-foundation';
import { IdentityProfiles1795330000000 } from './1795330000000-identity-profiles';
import { OrgUnitSuccessions1795331000000 } from './1795331000000-org-unit-successions';
import { IdentityAuditLog1795332000000 } from './1795332000000-identity-audit-log';
import { IdentitySearch1795333000000 } from './1795333000000-identity-search';
import { CatalogFoundation1795340000000 } from './1795340000000-catalog-foundation';
import { QuestionBank1795350000000 } from './1795350000000-question-bank';
import { Certification1795360000000 } from './1795360000000-certification';
import { CertificatePdfHash1795361000000 } from './1795361000000-certificate-pdf-hash';
import { Assessment1795370000000 } from './1795370000000-assessment';
import { Statistics1795430000000 } from './1795430000000-statistics';
import { AttemptDevice1795420000000 } from './1795420000000-attempt-device';
import { CertificateCredentials1795440000000 } from './1795440000000-certificate-credentials';
import { ExamDeliverySettings1795490000000 } from './1795490000000-exam-delivery-settings';
import { ItemCalibrationLookup1795491000000 } from './1795491000000-item-calibration-lookup';
import { Grading1795460000000 } from './1795460000000-grading';
import { CourseAssignments1795450000000 } from './1795450000000-course-assignments';
import { CertificateAutoIssuance1795470000000 } from './1795470000000-certificate-auto-issuance';
import { AttemptsByUser1795480000000 } from './1795480000000-attempts-by-user';
import { CourseDiscussion1795500000000 } from './1795500000000-course-discussion';
import { SessionCheckIn1795510000000 } from './1795510000000-session-check-in';
import { UnusedFileCleanup1795530000000 } from './1795530000000-unused-file-cleanup';
import { CertificateArtwork1795540000000 } from './1795540000000-certificate-artwork';
import { Notifications1795550000000 } from './1795550000000-notifications';
import { UploadIntents1795560000000 } from './1795560000000-upload-intents';

/**
 * Every migration, in order. Listed explicitly (not globbed) so that bundled builds carry them
 * and a forgotten registration shows up as schema drift in the integration tests.
 */
export const MIGRATIONS = [IdentityFoundation1795320000000, IdentityProfiles1795330000000, OrgUnitSuccessions1795331000000, IdentityAuditLog1795332000000, IdentitySearch1795333000000, CatalogFoundation1795340000000, QuestionBank1795350000000, Certification1795360000000, CertificatePdfHash1795361000000, Assessment1795370000000, AttemptDevice1795420000000, Statistics1795430000000, CertificateCredentials1795440000000, CourseAssignments1795450000000, Grading1795460000000, CertificateAutoIssuance1795470000000, AttemptsByUser1795480000000, ExamDeliverySettings1795490000000, ItemCalibrationLookup1795491000000, CourseDiscussion1795500000000, SessionCheckIn1795510000000, UnusedFileCleanup1795530000000, CertificateArtwork1795540000000, Notifications1795550000000, UploadIntents1795560000000];
