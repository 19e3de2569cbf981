import { defineErrors } from '@boiduong/api-core';

export const AssessmentErrors = defineErrors({
  COURSE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lớp bồi dưỡng.', en: 'Course not found.' },
  EXAM_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bài kiểm tra.', en: 'Exam not found.' },
  EXAM_BLUEPRINT_SHORT: {
    status: 422,
    vi: 'Ngân hàng câu hỏi không đủ câu hỏi đã duyệt cho ma trận đề.',
    en: 'The question bank lacks approved items for the blueprint.',
  },
  EXAM_NOT_ENROLLED: {
    status: 403,
    vi: 'Bạn chưa ghi danh vào lớp của bài kiểm tra này.',
    en: 'You are not enrolled in the course of this exam.',
  },
  EXAM_NOT_OPEN_YET: { status: 409, vi: 'Bài kiểm tra chưa mở.', en: 'The exam is not open yet.' },
  EXAM_CLOSED: { status: 409, vi: 'Bài kiểm tra đã đóng.', en: 'The exam is closed.' },
  EXAM_CONFIG_FROZEN: {
    status: 409,
    vi: 'Bài kiểm tra đã mở, không thể sửa cấu hình nữa.',
    en: 'The exam has opened; its configuration can no longer change.',
  },
  EXAM_SETTINGS_INVALID: { status: 400, vi: 'Cấu hình bài kiểm tra không hợp lệ.', en: 'The exam settings are invalid.' },
  EXAM_ACCESS_CODE_REQUIRED: {
    status: 403,
    vi: 'Cần mã vào phòng thi do giám thị cung cấp.',
    en: 'The room access code given by the proctor is required.',
  },
  EXAM_ACCESS_CODE_WRONG: { status: 403, vi: 'Mã vào phòng thi không đúng.', en: 'The room access code is wrong.' },
  EXAM_NETWORK_REFUSED: {
    status: 403,
    vi: 'Bài kiểm tra chỉ được làm từ máy tính trong phòng thi.',
    en: 'This exam can only be taken from the exam room network.',
  },
  RESULTS_NOT_RELEASED: { status: 409, vi: 'Kết quả chưa được công bố.', en: 'The results have not been released yet.' },
  RESULTS_ALREADY_RELEASED: { status: 409, vi: 'Kết quả đã được công bố.', en: 'The results are already released.' },
  ATTEMPT_NOT_FINISHED: {
    status: 409,
    vi: 'Bài làm chưa nộp; chỉ xem lại được sau khi nộp bài.',
    en: 'The attempt is not finished; it can be reviewed once submitted.',
  },
  REVIEW_NOT_ALLOWED: {
    status: 403,
    vi: 'Bài kiểm tra này không cho xem lại bài làm.',
    en: 'This exam does not allow reviewing attempts.',
  },
  EXAM_NO_ATTEMPTS_LEFT: { status: 409, vi: 'Bạn đã hết số lần làm bài.', en: 'No attempts left.' },
  ATTEMPT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bài làm.', en: 'Attempt not found.' },
  ATTEMPT_CLOSED: {
    status: 409,
    vi: 'Bài làm đã kết thúc, không thể lưu thêm câu trả lời.',
    en: 'The attempt has ended; answers can no longer be saved.',
  },
  ITEM_NOT_IN_ATTEMPT: { status: 422, vi: 'Câu hỏi không thuộc bài làm này.', en: 'The item is not part of this attempt.' },
  ANSWER_MALFORMED: {
    status: 422,
    vi: 'Câu trả lời không đúng định dạng của loại câu hỏi.',
    en: 'The answer does not fit the item type.',
  },
  ATTEMPT_NOT_OPEN: {
    status: 409,
    vi: 'Bài làm đã kết thúc hoặc đã quá hạn; hãy mở lại bài làm thay vì cộng thêm giờ.',
    en: 'The attempt has ended or is overdue; reopen it instead of adding time.',
  },
  ATTEMPT_STILL_OPEN: {
    status: 409,
    vi: 'Bài làm vẫn đang mở; hãy cộng thêm giờ thay vì mở lại.',
    en: 'The attempt is still open; add time instead of reopening it.',
  },
  ATTEMPT_OPEN_EXISTS: {
    status: 409,
    vi: 'Học viên đang có một bài làm khác của bài kiểm tra này đang mở.',
    en: 'The learner has another open attempt at this exam.',
  },
  REOPEN_DEADLINE_INVALID: {
    status: 422,
    vi: 'Hạn nộp mới phải ở tương lai và không quá 7 ngày kể từ bây giờ.',
    en: 'The new deadline must be in the future and at most 7 days from now.',
  },
  LEARNER_NOT_ENROLLED: {
    status: 404,
    vi: 'Học viên không ghi danh vào lớp của bài kiểm tra này.',
    en: 'The learner is not enrolled in the course of this exam.',
  },
  EXTRA_TIME_EMPTY: {
    status: 422,
    vi: 'Cần ghi số phút cộng thêm hoặc hệ số thời gian.',
    en: 'Give extra minutes, a time multiplier, or both.',
  },
  ATTEMPT_TAKEN_OVER: {
    status: 409,
    vi: 'Bài làm đã được tiếp tục trên một thiết bị khác; thiết bị này không thể lưu hay nộp bài nữa.',
    en: 'The attempt was taken over by another device; this device can no longer save or submit.',
  },
  DEVICE_ID_INVALID: {
    status: 422,
    vi: 'Mã thiết bị không hợp lệ (8-64 ký tự chữ, số, "-" hoặc "_").',
    en: 'Invalid device id (8-64 letters, digits, "-" or "_").',
  },
  GRADE_NOT_GRADABLE: {
    status: 409,
    vi: 'Câu trả lời này không chờ chấm tay (bài làm chưa nộp, câu hỏi không phải tự luận hoặc học viên bỏ trống).',
    en: 'This response is not awaiting manual grading (attempt not submitted, not an essay, or left blank).',
  },
  GRADE_CRITERIA_MISMATCH: {
    status: 422,
    vi: 'Số điểm thành phần không khớp với số tiêu chí của thang chấm.',
    en: 'The number of criterion scores does not match the rubric.',
  },
  GRADE_SCORE_OUT_OF_RANGE: {
    status: 422,
    vi: 'Điểm của một tiêu chí nằm ngoài khoảng cho phép (từ 0 đến điểm tối đa của tiêu chí).',
    en: 'A criterion score is outside its bounds (0 to the criterion maximum).',
  },
  GRADE_CONFLICT: {
    status: 409,
    vi: 'Người khác vừa chấm câu trả lời này; hãy tải lại để xem điểm mới trước khi sửa.',
    en: 'Someone else has just graded this response; reload to see their grade before changing it.',
  },
  PROCTOR_EVENTS_RATE_LIMITED: {
    status: 429,
    vi: 'Thiết bị gửi quá nhiều sự kiện giám sát trong một phút; hãy gửi lại sau.',
    en: 'Too many proctoring events from this attempt in a minute; send them again later.',
  },
  PROCTOR_EVENT_TOO_LARGE: {
    status: 422,
    vi: 'Chi tiết của một sự kiện giám sát vượt quá 1 KiB.',
    en: 'The details of a proctoring event exceed 1 KiB.',
  },
  PROCTOR_EVENTS_LIMIT: {
    status: 422,
    vi: 'Bài làm đã có số sự kiện giám sát tối đa.',
    en: 'The attempt already holds the maximum number of proctoring events.',
  },
  REGRADE_ITEM_NOT_IN_EXAM: {
    status: 422,
    vi: 'Câu hỏi không có trong bài làm nào của bài kiểm tra này.',
    en: 'The item is not part of any attempt at this exam.',
  },
  REGRADE_OPTIONS_CHANGED: {
    status: 422,
    vi: 'Phiên bản đã duyệt của câu hỏi có các phương án khác với phiên bản học viên đã làm; không thể chấm lại bài cũ theo đáp án mới.',
    en: 'The approved version has other options than the version learners answered; old answers cannot be graded with the new key.',
  },
  REGRADE_ITEM_NOT_OBJECTIVE: {
    status: 422,
    vi: 'Chỉ chấm lại tự động được câu hỏi khách quan có đáp án đã duyệt; câu tự luận được chấm tay.',
    en: 'Only objective items with an approved key can be regraded; essays are graded by hand.',
  },
});
