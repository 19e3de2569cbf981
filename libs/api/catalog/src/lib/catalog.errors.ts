import { defineErrors } from '@boiduong/api-core';

export const CatalogErrors = defineErrors({
  PROGRAM_NOT_FOUND: { status: 404, vi: 'Không tìm thấy chương trình bồi dưỡng.', en: 'Program not found.' },
  PROGRAM_CODE_TAKEN: { status: 409, vi: 'Mã chương trình đã tồn tại.', en: 'The program code already exists.' },
  PROGRAM_OWNER_LEVEL: {
    status: 422,
    vi: 'Chương trình chỉ thuộc Trung ương Đoàn hoặc một tỉnh, thành đoàn.',
    en: 'A program belongs to the central Union or to a province.',
  },
  MODULE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy chuyên đề.', en: 'Module not found.' },
  LESSON_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bài giảng.', en: 'Lesson not found.' },
  LESSON_CONTENT_INVALID: {
    status: 422,
    vi: 'Nội dung bài giảng không khớp với loại bài giảng.',
    en: 'The lesson content does not match its kind.',
  },
  FILE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp.', en: 'File not found.' },
  FILE_TOO_LARGE: { status: 413, vi: 'Tệp quá lớn.', en: 'The file is too large.' },
  FILE_TYPE_REFUSED: {
    status: 415,
    vi: 'Chỉ nhận tệp PDF, DOCX, PPTX, ảnh (PNG, JPEG, WEBP) hoặc video MP4.',
    en: 'Only PDF, DOCX, PPTX, images (PNG, JPEG, WEBP) or MP4 video are accepted.',
  },
  FILE_INFECTED: {
    status: 422,
    vi: 'Tệp có chứa mã độc nên không được lưu.',
    en: 'The file contains malware and was not stored.',
  },
  FILE_SCAN_UNAVAILABLE: {
    status: 503,
    vi: 'Chưa kiểm tra được mã độc trong tệp nên chưa thể nhận tệp, vui lòng thử lại sau.',
    en: 'The file could not be checked for malware, so it was not accepted; please try again later.',
  },
  FILE_STORAGE_UNAVAILABLE: {
    status: 503,
    vi: 'Kho lưu trữ tệp tạm thời không sẵn sàng, vui lòng thử lại sau.',
    en: 'The file storage is temporarily unavailable, please try again later.',
  },
  RANGE_NOT_SATISFIABLE: { status: 422, vi: 'Khoảng dữ liệu yêu cầu không hợp lệ.', en: 'The requested range is invalid.' },
  COURSE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lớp bồi dưỡng.', en: 'Course not found.' },
  COURSE_DATES_INVALID: {
    status: 400,
    vi: 'Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.',
    en: 'The end date must not be before the start date.',
  },
  COURSE_CLOSED: { status: 409, vi: 'Lớp đã kết thúc.', en: 'The course is closed.' },
  COURSE_NOT_OPEN_FOR_STUDY: {
    status: 409,
    vi: 'Lớp hiện không mở để học.',
    en: 'The course is not open for study now.',
  },
  SELF_ENROLLMENT_NOT_ALLOWED: {
    status: 403,
    vi: 'Lớp này không cho phép tự ghi danh.',
    en: 'This course does not allow self-enrollment.',
  },
  SESSION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy buổi học.', en: 'Session not found.' },
  NOT_ENROLLED: { status: 403, vi: 'Bạn chưa ghi danh vào lớp có bài giảng này.', en: 'You are not enrolled in a course with this lesson.' },
  ENROLLMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy ghi danh.', en: 'Enrollment not found.' },
  ATTENDEE_NOT_ENROLLED: {
    status: 422,
    vi: 'Có người trong danh sách điểm danh chưa ghi danh vào lớp.',
    en: 'Someone on the attendance list is not enrolled in the course.',
  },
  CHECK_IN_TOKEN_INVALID: {
    status: 422,
    vi: 'Mã điểm danh không hợp lệ. Hãy quét lại mã QR đang chiếu tại lớp.',
    en: 'The check-in code is not valid. Scan the QR code shown in the room again.',
  },
  CHECK_IN_TOKEN_EXPIRED: {
    status: 409,
    vi: 'Mã điểm danh đã hết hạn. Hãy quét lại mã QR đang chiếu tại lớp.',
    en: 'The check-in code has expired. Scan the QR code shown in the room again.',
  },
  CHECK_IN_NOT_OPEN: { status: 409, vi: 'Buổi học chưa mở điểm danh bằng mã QR.', en: 'QR check-in is not open for this session.' },
  CHECK_IN_CLOSED: {
    status: 409,
    vi: 'Buổi học đã đóng điểm danh bằng mã QR. Hãy báo giảng viên để được điểm danh.',
    en: 'QR check-in for this session has closed. Ask the lecturer to record your attendance.',
  },
  CHECK_IN_NOT_ENROLLED: {
    status: 403,
    vi: 'Bạn không có tên trong danh sách học viên của lớp này nên không thể điểm danh.',
    en: 'You are not enrolled in this course, so you cannot check in.',
  },
  CHECK_IN_WAITLISTED: {
    status: 403,
    vi: 'Bạn đang trong danh sách chờ của lớp nên chưa thể điểm danh.',
    en: 'You are on the course waitlist, so you cannot check in yet.',
  },
  LECTURER_NOT_FOUND: { status: 422, vi: 'Không tìm thấy giảng viên.', en: 'Lecturer not found.' },
  ASSIGNMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bài thu hoạch.', en: 'Assignment not found.' },
  ASSIGNMENT_DATES_INVALID: {
    status: 400,
    vi: 'Hạn chót tuyệt đối không được trước hạn nộp.',
    en: 'The hard cutoff must not be before the due date.',
  },
  ASSIGNMENT_MODULE_INVALID: {
    status: 422,
    vi: 'Chuyên đề không thuộc chương trình của lớp.',
    en: 'The module is not part of the course program.',
  },
  SUBMISSION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bài nộp.', en: 'Submission not found.' },
  SUBMISSION_CONTENT_INVALID: {
    status: 422,
    vi: 'Bài nộp không đúng hình thức yêu cầu (tệp, văn bản hoặc cả hai).',
    en: 'The submission does not match the requested form (file, text or either).',
  },
  SUBMISSION_FILE_TYPE_REFUSED: {
    status: 415,
    vi: 'Bài thu hoạch chỉ nhận tệp PDF, DOCX hoặc ảnh (PNG, JPEG, WEBP).',
    en: 'Assignments accept only PDF, DOCX or images (PNG, JPEG, WEBP).',
  },
  SUBMISSION_CLOSED: { status: 409, vi: 'Đã quá hạn chót, không nhận bài nộp nữa.', en: 'The hard cutoff has passed; no more submissions are accepted.' },
  RESUBMISSION_CLOSED: {
    status: 409,
    vi: 'Đã quá hạn nộp, không thể nộp lại bài đã nộp.',
    en: 'The due date has passed; a submitted assignment can no longer be replaced.',
  },
  SUBMISSION_GRADED: { status: 409, vi: 'Bài đã được chấm, không thể nộp lại.', en: 'The submission has been graded and cannot be replaced.' },
  SUBMISSION_STALE: {
    status: 409,
    vi: 'Học viên đã nộp lại bài sau khi bạn mở; hãy xem bản mới trước khi chấm.',
    en: 'The learner submitted again after you opened it; review the new version before grading.',
  },
  GRADE_INVALID: {
    status: 422,
    vi: 'Điểm hoặc kết quả chấm không hợp lệ cho bài thu hoạch này.',
    en: 'The score or result is not valid for this assignment.',
  },
});
