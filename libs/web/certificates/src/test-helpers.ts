import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CertificateEntry, CertificateVerification, CurrentUser, Permission } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';

/** Shared by this library's specs only; not exported from the public API. */
export const LEARNER: CurrentUser = {
  id: 'u-learner',
  username: 'hocvien',
  fullName: 'Nguyễn Văn Đức',
  email: null,
  orgUnit: { id: 'o-bd', code: 'HNI-BADINH', name: 'Đoàn phường Ba Đình', type: 'commune' },
  roles: [{ role: 'learner', orgUnitId: 'o-bd', orgUnitCode: 'HNI-BADINH', orgUnitName: 'Đoàn phường Ba Đình' }],
  permissions: [],
  mustChangePassword: false,
};

export function entry(over: Partial<CertificateEntry> = {}): CertificateEntry {
  return {
    id: 'c-1',
    code: 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
    status: 'valid',
    issuerUnitId: 'o-hn',
    year: 2026,
    entryNumber: 7,
    serialNumber: 'HNI-2026-000007',
    userId: 'u-learner',
    courseId: '00000000-0000-4000-8000-000000000001',
    enrollmentId: null,
    certificateName: 'CHỨNG CHỈ BỒI DƯỠNG',
    issuerName: 'Thành đoàn Hà Nội',
    holderName: 'Nguyễn Văn Đức',
    holderDateOfBirth: '1999-10-21',
    programCode: 'BT-XA',
    programName: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu',
    titles: ['secretary.commune'],
    courseStartsOn: '2026-03-02',
    courseEndsOn: '2026-03-11',
    result: 'Đạt (8,5 điểm)',
    issuedPlace: 'Hà Nội',
    issuedOn: '2026-03-20',
    signerName: 'Trần Quốc Việt',
    signerTitle: 'PHÓ BÍ THƯ THÀNH ĐOÀN',
    verifyUrl: 'https://boiduong.example.vn/verify/Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
    pdfSha256: 'a'.repeat(64),
    reissueOfId: null,
    reissueNote: null,
    replacedById: null,
    revocation: null,
    completionNotice: null,
    ...over,
  };
}

export function verification(over: Partial<CertificateVerification> = {}): CertificateVerification {
  const e = entry();
  return {
    code: e.code,
    valid: true,
    status: 'valid',
    signatureValid: true,
    certificateName: e.certificateName,
    issuerName: e.issuerName,
    holderName: e.holderName,
    holderDateOfBirth: e.holderDateOfBirth,
    programName: e.programName,
    courseStartsOn: e.courseStartsOn,
    courseEndsOn: e.courseEndsOn,
    result: e.result,
    issuedPlace: e.issuedPlace,
    issuedOn: e.issuedOn,
    signerName: e.signerName,
    signerTitle: e.signerTitle,
    serialNumber: e.serialNumber,
    entryNumber: e.entryNumber,
    year: e.year,
    pdfSha256: e.pdfSha256,
    revocation: null,
    replacedBy: null,
    completionNotice: null,
    responsibleBody: { id: 'o-hn', name: 'Thành đoàn Hà Nội', issuerClosed: false },
    ...over,
  };
}

/** Both languages (a copy of this library's namespace and the shared keys it uses), so a test can switch and see the other. */
export const VI = {
  common: { loading: 'Đang tải…' },
  titles: { secretary: { commune: 'Bí thư Đoàn xã/phường/đặc khu' } },
  eligibility: {
    yes: 'Đủ điều kiện',
    no: 'Chưa đủ điều kiện',
    reasons: {
      certificate_held: 'Có chứng chỉ số hiệu {{serial}}',
      within_grace_window: 'Mới được bố trí chức danh, được bổ sung chứng chỉ đến hết ngày trước {{date}}',
      no_certificate: 'Chưa có chứng chỉ bồi dưỡng theo chức danh',
    },
    verifyLink: 'Xem chứng chỉ {{serial}}',
    nomination: {
      picked: 'Đã chọn {{count}} cán bộ.',
      empty: 'Chưa chọn cán bộ nào.',
      summary: '{{eligible}}/{{total}} cán bộ đủ điều kiện giới thiệu.',
      notFound: '{{count}} cán bộ không thuộc phạm vi quản lý của bạn nên không được xét.',
      titleRequired: 'Vui lòng chọn chức danh.',
    },
  },
  certificates: {
    title: { mine: 'Chứng chỉ của tôi', admin: 'Sổ cấp chứng chỉ', verify: 'Xác thực chứng chỉ' },
    nav: { mine: 'Chứng chỉ của tôi', admin: 'Sổ cấp chứng chỉ' },
    common: { cancel: 'Hủy' },
    errors: {
      network: 'Không kết nối được máy chủ.',
      forbidden: 'Bạn không có quyền thực hiện thao tác này.',
      notFound: 'Không tìm thấy chứng chỉ.',
      unexpected: 'Đã có lỗi xảy ra.',
    },
    status: { valid: 'Còn hiệu lực', revoked: 'Đã thu hồi', replaced: 'Đã cấp lại' },
    reasons: {
      fraud: 'Gian lận',
      ineligible: 'Cấp cho người không đủ điều kiện',
      outside_authority: 'Cấp không đúng thẩm quyền',
      altered: 'Bị tẩy xóa, sửa chữa',
      lent: 'Cho người khác sử dụng',
      issuer_error: 'Cơ quan cấp có sai sót',
    },
    fields: {
      certificateName: 'Tên chứng chỉ',
      issuer: 'Đơn vị cấp',
      holder: 'Họ và tên',
      dateOfBirth: 'Ngày sinh',
      program: 'Chương trình',
      courseDates: 'Thời gian khóa học',
      result: 'Kết quả',
      issuedOn: 'Ngày cấp',
      signer: 'Người ký',
      serialNumber: 'Số hiệu',
      entryNumber: 'Số vào sổ',
      pdfSha256: 'Mã băm SHA-256 của tệp PDF',
      responsibleBody: 'Đơn vị chịu trách nhiệm hiện nay',
      revocation: 'Thu hồi',
      status: 'Tình trạng',
    },
    mine: {
      heading: 'Chứng chỉ của tôi',
      empty: 'Bạn chưa có chứng chỉ nào.',
      downloadPdf: 'Tải PDF',
      downloadCredential: 'Tải chứng chỉ số (JSON)',
      showQr: 'Mã QR',
      qrAlt: 'Mã QR dẫn tới trang xác thực chứng chỉ',
      verifyLink: 'Trang xác thực',
    },
    verify: {
      heading: 'Xác thực chứng chỉ',
      intro:
        'Nhập mã xác thực in trên chứng chỉ (hoặc dán đường dẫn từ mã QR) để kiểm tra chứng chỉ. Không cần đăng nhập.',
      codeLabel: 'Mã xác thực hoặc đường dẫn',
      codeRequired: 'Vui lòng nhập mã xác thực.',
      submit: 'Kiểm tra',
      valid: 'CHỨNG CHỈ HỢP LỆ',
      altered: 'KHÔNG HỢP LỆ: dữ liệu chứng chỉ không khớp chữ ký số (có thể đã bị sửa đổi).',
      revoked: 'ĐÃ THU HỒI theo quyết định số {{number}} ngày {{date}}. Lý do:',
      replaced: 'ĐÃ ĐƯỢC CẤP LẠI (chứng chỉ số hiệu {{serial}}).',
    },
    admin: {
      heading: 'Sổ cấp chứng chỉ',
      year: 'Năm',
      load: 'Xem sổ',
      issue: 'Cấp chứng chỉ',
      count: '{{count}} chứng chỉ trong sổ.',
      revoke: 'Thu hồi',
      replace: 'Cấp lại',
      issued: 'Đã cấp chứng chỉ số hiệu {{serial}}.',
      replaced: 'Đã cấp lại, chứng chỉ mới số hiệu {{serial}}.',
      revoked: 'Đã thu hồi chứng chỉ số hiệu {{serial}}.',
    },
    revoke: {
      reason: 'Lý do thu hồi',
      decisionNumber: 'Số quyết định',
      decisionRequired: 'Việc thu hồi phải ghi số quyết định.',
      decidedOn: 'Ngày quyết định',
      note: 'Ghi chú',
      submit: 'Thu hồi chứng chỉ',
    },
    approval: {
      heading: 'Danh sách chờ cấp chứng chỉ',
      hint: 'Học viên đã hoàn thành khóa học theo chương trình cấp sau khi duyệt, chờ kết thúc lớp, hoặc cấp chưa được. Chọn rồi duyệt hoặc từ chối (kèm lý do).',
      show: 'Hiển thị',
      statuses: {
        awaiting_close: 'Chờ kết thúc lớp',
        pending: 'Chờ duyệt',
        queued: 'Đang cấp',
        issued: 'Đã cấp',
        refused: 'Đã từ chối',
        failed: 'Chưa cấp được'
      },
      approve: 'Duyệt cấp ({{count}})',
      refuse: 'Từ chối ({{count}})',
      reason: 'Lý do từ chối',
      reasonRequired: 'Cần ghi lý do từ chối (ít nhất 3 ký tự).',
      refuseSubmit: 'Xác nhận từ chối',
      approved: 'Đã duyệt {{count}} học viên; chứng chỉ sẽ được cấp trong giây lát.',
      refused: 'Đã từ chối {{count}} học viên.',
      skipped: 'Bỏ qua {{count}} (đã cấp, đang cấp hoặc không tìm thấy).',
      selectAll: 'Chọn tất cả',
      select: 'Chọn {{name}}',
      course: 'Lớp học',
      completedAt: 'Hoàn thành',
      reasonColumn: 'Lý do',
      empty: 'Không có học viên nào ở trạng thái này.'
    },
    issue: {
      heading: 'Cấp chứng chỉ',
      replaceHeading: 'Cấp lại chứng chỉ do đơn vị cấp có sai sót',
      findPerson: 'Tìm học viên (tên hoặc tên đăng nhập)',
      find: 'Tìm',
      personRequired: 'Vui lòng chọn học viên.',
      programCode: 'Mã chương trình',
      titles: 'Chức danh được bồi dưỡng',
      courseId: 'Mã lớp (ID khóa bồi dưỡng)',
      courseStartsOn: 'Ngày bắt đầu',
      courseEndsOn: 'Ngày kết thúc',
      attendance: 'Tỷ lệ tham gia (%)',
      assessmentCode: 'Mã bài kiểm tra bắt buộc',
      score: 'Điểm bài kiểm tra (%)',
      rulesKept: 'Chấp hành quy chế lớp học',
      signerName: 'Họ tên người ký',
      signerTitle: 'Chức vụ người ký',
      place: 'Nơi cấp',
      note: 'Sai sót được khắc phục',
      noteRequired: 'Vui lòng ghi rõ sai sót của đơn vị cấp.',
      submit: 'Cấp chứng chỉ',
      replaceSubmit: 'Cấp lại',
    },
  },
};
export const EN = {
  common: { loading: 'Loading…' },
  certificates: {
    title: { mine: 'My certificates', admin: 'Certificate registry', verify: 'Verify a certificate' },
    nav: { mine: 'My certificates', admin: 'Certificate registry' },
    common: { cancel: 'Cancel' },
    errors: {
      network: 'Cannot reach the server.',
      forbidden: 'You are not allowed to do this.',
      notFound: 'Certificate not found.',
      unexpected: 'Something went wrong.',
    },
    status: { valid: 'Valid', revoked: 'Revoked', replaced: 'Replaced' },
    reasons: {
      fraud: 'Fraud',
      ineligible: 'Issued to an ineligible person',
      outside_authority: "Issued outside the issuer's authority",
      altered: 'Altered',
      lent: 'Lent to someone else',
      issuer_error: "Issuer's error",
    },
    fields: {
      certificateName: 'Certificate',
      issuer: 'Issuer',
      holder: 'Full name',
      dateOfBirth: 'Date of birth',
      program: 'Program',
      courseDates: 'Course dates',
      result: 'Result',
      issuedOn: 'Issued on',
      signer: 'Signed by',
      serialNumber: 'Serial number',
      entryNumber: 'Registry entry',
      pdfSha256: 'SHA-256 of the PDF file',
      responsibleBody: 'Body now responsible',
      revocation: 'Revocation',
      status: 'Status',
    },
    mine: {
      heading: 'My certificates',
      empty: 'You have no certificates yet.',
      downloadPdf: 'Download PDF',
      downloadCredential: 'Download digital credential (JSON)',
      showQr: 'QR code',
      qrAlt: "QR code to the certificate's verification page",
      verifyLink: 'Verification page',
    },
    verify: {
      heading: 'Verify a certificate',
      intro:
        'Enter the verification code printed on the certificate (or paste the link from its QR code). No sign-in needed.',
      codeLabel: 'Verification code or link',
      codeRequired: 'Please enter the verification code.',
      submit: 'Check',
      valid: 'VALID CERTIFICATE',
      altered: 'NOT VALID: the certificate data does not match its digital signature (it may have been altered).',
      revoked: 'REVOKED by decision no. {{number}} of {{date}}. Reason:',
      replaced: 'REPLACED (new certificate serial {{serial}}).',
    },
    admin: {
      heading: 'Certificate registry',
      year: 'Year',
      load: 'Show registry',
      issue: 'Issue a certificate',
      count: '{{count}} certificates in the registry.',
      revoke: 'Revoke',
      replace: 'Reissue',
      issued: 'Issued certificate {{serial}}.',
      replaced: 'Reissued; the new certificate is {{serial}}.',
      revoked: 'Revoked certificate {{serial}}.',
    },
    revoke: {
      reason: 'Reason',
      decisionNumber: 'Decision number',
      decisionRequired: 'A revocation needs the decision number.',
      decidedOn: 'Decision date',
      note: 'Note',
      submit: 'Revoke certificate',
    },
    approval: {
      heading: 'Certificates awaiting a decision',
      hint: 'Learners who completed a course of a program issued after approval, waiting for the course to close, or whose issuance failed. Select them, then approve or refuse (with a reason).',
      show: 'Show',
      statuses: {
        awaiting_close: 'Waiting for the course to close',
        pending: 'Waiting for approval',
        queued: 'Being issued',
        issued: 'Issued',
        refused: 'Refused',
        failed: 'Could not be issued'
      },
      approve: 'Approve ({{count}})',
      refuse: 'Refuse ({{count}})',
      reason: 'Reason for refusal',
      reasonRequired: 'A reason for the refusal is required (at least 3 characters).',
      refuseSubmit: 'Confirm refusal',
      approved: 'Approved {{count}} learners; their certificates will be issued shortly.',
      refused: 'Refused {{count}} learners.',
      skipped: 'Skipped {{count}} (already issued, being issued or not found).',
      selectAll: 'Select all',
      select: 'Select {{name}}',
      course: 'Course',
      completedAt: 'Completed',
      reasonColumn: 'Reason',
      empty: 'No learner has this status.'
    },
    issue: {
      heading: 'Issue a certificate',
      replaceHeading: "Reissue for the issuer's error",
      findPerson: 'Find the learner (name or username)',
      find: 'Find',
      personRequired: 'Please choose the learner.',
      programCode: 'Program code',
      titles: 'Titles the program trains for',
      courseId: 'Course ID',
      courseStartsOn: 'Start date',
      courseEndsOn: 'End date',
      attendance: 'Attendance (%)',
      assessmentCode: 'Required assessment code',
      score: 'Assessment score (%)',
      rulesKept: 'Kept the course rules',
      signerName: "Signer's name",
      signerTitle: "Signer's title",
      place: 'Place of issue',
      note: 'Error being corrected',
      noteRequired: "Please state the issuer's error.",
      submit: 'Issue',
      replaceSubmit: 'Reissue',
    },
  },
};

export async function setupTestBed(permissions: readonly Permission[] | null): Promise<HttpTestingController> {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideTranslateService({ fallbackLang: 'vi' }),
    ],
  });
  const translate = TestBed.inject(TranslateService);
  translate.setTranslation('vi', VI);
  translate.setTranslation('en', EN);
  await TestBed.inject(LanguageService).init();
  if (permissions) {
    TestBed.inject(SessionStore).start({
      accessToken: 'a',
      refreshToken: 'r',
      expiresIn: 900,
      user: { ...LEARNER, permissions: [...permissions] },
    });
  }
  return TestBed.inject(HttpTestingController);
}

export function query(root: HTMLElement) {
  const byId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allById = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { byId, allById, text };
}

export function type(input: HTMLElement | null, value: string): void {
  const field = input as HTMLInputElement;
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

export function apiError(code: string, vi: string, en: string, details?: unknown) {
  return { code, message: { vi, en }, ...(details === undefined ? {} : { details }) };
}
