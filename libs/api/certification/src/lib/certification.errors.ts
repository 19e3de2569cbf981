import { defineErrors } from '@boiduong/api-core';

export const CertificationErrors = defineErrors({
  CERTIFICATE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy chứng chỉ.', en: 'Certificate not found.' },
  CERTIFICATE_ISSUER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn vị cấp chứng chỉ.', en: 'Issuing unit not found.' },
  CERTIFICATE_ISSUER_CLOSED: {
    status: 422,
    vi: 'Đơn vị đã giải thể hoặc sáp nhập, không thể cấp chứng chỉ.',
    en: 'The unit is closed (dissolved or merged) and cannot issue certificates.',
  },
  CERTIFICATE_NOT_ELIGIBLE: {
    status: 422,
    vi: 'Học viên chưa đủ điều kiện cấp chứng chỉ.',
    en: 'The learner does not meet the conditions for the certificate.',
  },
  CERTIFICATE_NO_RULE_SET: {
    status: 422,
    vi: 'Chưa có bộ quy định cấp chứng chỉ có hiệu lực vào ngày cấp.',
    en: 'No certificate rule set is in force on the issue date.',
  },
  CERTIFICATE_ALREADY_ISSUED: {
    status: 409,
    vi: 'Học viên đã được cấp chứng chỉ cho khóa học này; chỉ cấp lại khi đơn vị cấp có sai sót.',
    en: 'A certificate was already issued for this learner and course; reissue only for an error of the issuer.',
  },
  CERTIFICATE_REISSUE_INVALID: {
    status: 422,
    vi: 'Chỉ cấp lại thay cho chứng chỉ còn hiệu lực của cùng học viên và khóa học, kèm ghi chú sai sót.',
    en: 'A reissue must replace a live certificate of the same learner and course, with a note of the error.',
  },
  CERTIFICATE_ALREADY_REVOKED: { status: 409, vi: 'Chứng chỉ đã bị thu hồi hoặc đã được thay thế.', en: 'The certificate is already revoked or replaced.' },
  CERTIFICATE_DECISION_REQUIRED: {
    status: 422,
    vi: 'Việc thu hồi phải ghi số quyết định.',
    en: 'A revocation needs the decision number.',
  },
  CERTIFICATE_NOT_REVOKABLE_HERE: {
    status: 403,
    vi: 'Chỉ đơn vị cấp (hoặc cấp trên trực tiếp khi đơn vị cấp không còn) được thu hồi chứng chỉ.',
    en: 'Only the issuer (or its direct superior when the issuer no longer exists) may revoke the certificate.',
  },
  CERTIFICATE_NOTICE_EXISTS: {
    status: 409,
    vi: 'Chứng chỉ này đã có giấy chứng nhận hoàn thành thay thế.',
    en: 'A completion notice was already recorded for this certificate.',
  },
  CERTIFICATE_DATE_INVALID: {
    status: 422,
    vi: 'Ngày không hợp lệ (ngày kết thúc trước ngày bắt đầu, hoặc ngày ở tương lai).',
    en: 'Invalid dates (an end before the start, or a date in the future).',
  },
  CREDENTIAL_STATUS_LIST_NOT_FOUND: { status: 404, vi: 'Không tìm thấy danh sách trạng thái.', en: 'Status list not found.' },
  CERTIFICATE_COURSE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lớp học.', en: 'Course not found.' },
  CERTIFICATE_PROGRAM_NOT_FOUND: { status: 404, vi: 'Không tìm thấy chương trình.', en: 'Program not found.' },
  CADRE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cán bộ.', en: 'Cadre not found.' },
  ELIGIBILITY_DATE_INVALID: { status: 422, vi: 'Ngày xét không hợp lệ.', en: 'Invalid date to assess.' },
  CERTIFICATE_ARTWORK_TYPE_REFUSED: {
    status: 415,
    vi: 'Chỉ nhận ảnh PNG hoặc JPEG (tệp .png, .jpg, .jpeg).',
    en: 'Only PNG or JPEG images are accepted (.png, .jpg, .jpeg files).',
  },
  CERTIFICATE_ARTWORK_UNREADABLE: {
    status: 422,
    vi: 'Tệp không phải ảnh PNG hoặc JPEG đọc được (có thể tệp đã hỏng hoặc bị đổi tên).',
    en: 'The file is not a readable PNG or JPEG image (it may be damaged or renamed).',
  },
  CERTIFICATE_ARTWORK_DIMENSIONS: {
    status: 422,
    vi: 'Mỗi chiều của ảnh phải từ 16 đến 4000 điểm ảnh.',
    en: 'Each side of the image must be between 16 and 4000 pixels.',
  },
  CERTIFICATE_ARTWORK_NOT_FOUND: { status: 404, vi: 'Đơn vị chưa có ảnh này.', en: 'The unit has no such image.' },
  CERTIFICATE_ARTWORK_DAMAGED: {
    status: 500,
    vi: 'Ảnh in trên chứng chỉ trong kho lưu trữ không còn khớp với bản đã dùng khi cấp; vui lòng báo quản trị hệ thống.',
    en: 'An image printed on the certificate no longer matches, in the file storage, the one used at issuance; please tell the system administrator.',
  },
});
