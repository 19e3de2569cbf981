import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Permission, type CurrentUser } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import type { MyCourseDetail } from './lib/data/learning.models';

/** Shared by this library's specs only; not exported from the public API. */
export const LEARNER: CurrentUser = {
  id: 'u-duc',
  username: 'hocvien',
  fullName: 'Nguyễn Văn Đức',
  email: null,
  orgUnit: { id: 'o-bd', code: 'HNI-BADINH', name: 'Đoàn phường Ba Đình', type: 'commune' },
  roles: [{ role: 'learner', orgUnitId: 'o-bd', orgUnitCode: 'HNI-BADINH', orgUnitName: 'Đoàn phường Ba Đình' }],
  permissions: [Permission.CourseStudy],
  mustChangePassword: false,
};

/** The app's own texts, so the specs also catch a missing or misspelt key. */
export const VI = { checkIn: {"titles": {"lecturer": "Điểm danh bằng mã QR", "learner": "Điểm danh"}, "manage": {"link": "Điểm danh QR", "back": "Thiết lập lớp", "heading": "Điểm danh bằng mã QR", "notOpened": "Chưa mở điểm danh.", "openUntil": "Đang mở điểm danh đến {{time}}", "closedAt": "Đã đóng điểm danh lúc {{time}}.", "minutes": "Thời gian mở (phút)", "minutesInvalid": "Thời gian mở phải là số phút nguyên từ 1 đến 240.", "open": "Mở điểm danh", "extend": "Gia hạn", "close": "Đóng điểm danh", "opened": "Đã mở điểm danh đến {{time}}.", "closedNotice": "Đã đóng điểm danh.", "qrAlt": "Mã QR điểm danh {{title}}", "scanHint": "Học viên mở camera điện thoại, quét mã để điểm danh. Mã tự đổi sau mỗi {{seconds}} giây nên ảnh chụp gửi cho người khác sẽ nhanh chóng hết hiệu lực.", "count": "Có mặt: {{present}}/{{enrolled}} học viên", "empty": "Chưa có học viên nào điểm danh.", "methods": {"qr": "Quét mã QR", "list": "Theo danh sách"}, "correctHint": "Giảng viên vẫn có thể sửa điểm danh theo danh sách ở trang thiết lập lớp."}, "learner": {"heading": "Điểm danh buổi học", "pending": "Đang ghi nhận điểm danh…", "checkedIn": "Điểm danh thành công", "already": "Bạn đã điểm danh buổi này rồi", "at": "Ghi nhận lúc {{time}}", "missing": "Đường dẫn không có mã điểm danh. Hãy quét mã QR đang chiếu tại lớp.", "openCourse": "Xem lớp học", "myCourses": "Lớp học của tôi"}, "errors": {"network": "Không kết nối được máy chủ. Hãy kiểm tra mạng rồi quét lại mã.", "forbidden": "Bạn không có quyền thực hiện thao tác này.", "notFound": "Không tìm thấy buổi học.", "unexpected": "Đã có lỗi xảy ra. Vui lòng thử lại."}}, common: {"backHome": "Về trang chủ", "loading": "Đang tải…"}, learning: {"nav": {"myCourses": "Học tập của tôi"}, "titles": {"myCourses": "Lớp học của tôi", "catalog": "Danh mục lớp mở", "course": "Lớp học", "lesson": "Bài giảng"}, "errors": {"network": "Không kết nối được máy chủ. Vui lòng thử lại.", "forbidden": "Bạn không có quyền thực hiện thao tác này.", "notFound": "Không tìm thấy nội dung.", "unexpected": "Đã có lỗi xảy ra. Vui lòng thử lại."}, "modes": {"online": "Trực tuyến", "in_person": "Trực tiếp", "blended": "Kết hợp"}, "kinds": {"text": "Bài đọc", "video_link": "Video (liên kết)", "file": "Tệp bài giảng"}, "lessonStates": {"completed": "Đã hoàn thành", "opened": "Đang học", "new": "Chưa học"}, "progress": {"label": "Tiến độ học tập", "lessons": "Đã học {{done}}/{{total}} bài ({{percent}}%)", "sessions": "Đã dự {{done}}/{{total}} buổi học trực tiếp"}, "myCourses": {"title": "Lớp học của tôi", "browse": "Tìm lớp để ghi danh", "empty": "Bạn chưa ghi danh lớp nào. Hãy tìm lớp đang mở để ghi danh.", "completed": "Đã hoàn thành", "waitlisted": "Đang chờ chỗ", "waitlistHint": "Lớp đã đủ chỗ; bạn đang trong danh sách chờ và sẽ được xếp khi có chỗ trống."}, "catalog": {"title": "Danh mục lớp mở", "intro": "Các lớp bạn có thể tự ghi danh.", "empty": "Hiện chưa có lớp nào mở cho bạn tự ghi danh.", "seats": "Còn {{seats}} chỗ", "noLimit": "Không giới hạn số học viên", "full": "Đã đủ chỗ", "enroll": "Ghi danh", "joinWaitlist": "Vào danh sách chờ", "open": "Vào học", "onWaitlist": "Đang trong danh sách chờ", "enrolledNotice": "Đã ghi danh lớp {{name}}.", "waitlistedNotice": "Lớp {{name}} đã đủ chỗ; bạn đã được đưa vào danh sách chờ."}, "course": {"back": "Lớp học", "openUntil": "mở đến {{time}}", "completed": "Bạn đã hoàn thành lớp học này.", "continue": "Học tiếp", "contents": "Nội dung chương trình", "minutes": "{{minutes}} phút", "noLessons": "Chuyên đề chưa có bài giảng.", "noModules": "Chương trình chưa có chuyên đề.", "sessions": "Buổi học trực tiếp"}, "lesson": {"missing": "Bài giảng này không thuộc lớp học.", "watchExternal": "Xem video", "watched": "Đã xem {{percent}}% video", "openPdf": "Mở tài liệu PDF", "openDocument": "Tải tài liệu", "markComplete": "Đánh dấu đã học xong", "completedNotice": "Đã ghi nhận hoàn thành bài giảng.", "previous": "Bài trước", "next": "Bài tiếp", "pager": "Chuyển bài"}}, assignments: {"title": "Bài thu hoạch", "required": "Bắt buộc để hoàn thành", "kinds": {"file": "Nộp tệp", "text": "Nộp bài viết", "both": "Nộp bài viết và/hoặc tệp"}, "maxPoints": "thang điểm {{max}}", "passFail": "chấm Đạt/Chưa đạt", "due": "hạn nộp {{time}}", "cutoff": "hạn chót {{time}}", "statuses": {"submitted": "Đã nộp, chờ chấm", "graded": "Đã chấm", "returned": "Trả lại để sửa"}, "submittedAt": "nộp lúc {{time}} (lần {{version}})", "late": "Nộp muộn", "file": "Tệp đã nộp", "score": "Điểm {{score}}/{{max}}", "passed": "Đạt", "failed": "Chưa đạt", "closed": {"cutoff": "Đã quá hạn chót, không nhận bài nữa.", "due": "Đã quá hạn nộp; bài đã nộp không thể thay."}, "text": "Bài viết", "fileHint": "Tệp PDF, DOCX hoặc ảnh (PNG, JPEG, WEBP), tối đa 20 MB", "missing": {"file": "Vui lòng chọn tệp để nộp.", "text": "Vui lòng nhập bài viết.", "both": "Vui lòng nhập bài viết hoặc chọn tệp."}, "submit": "Nộp bài", "resubmit": "Nộp lại", "submittedNotice": "Đã nộp bài thu hoạch.", "manage": {"title": "Bài thu hoạch", "add": "Thêm bài thu hoạch", "create": "Tạo bài thu hoạch", "name": "Tên bài thu hoạch", "instructions": "Hướng dẫn thực hiện", "module": "Chuyên đề", "noModule": "Không gắn chuyên đề", "kind": "Hình thức nộp", "dueAt": "Hạn nộp", "cutoffAt": "Hạn chót (không nhận bài sau thời điểm này)", "maxPoints": "Thang điểm (để trống nếu chấm Đạt/Chưa đạt)", "requiredLabel": "Bắt buộc phải đạt để hoàn thành lớp", "none": "Lớp chưa có bài thu hoạch.", "counts": "{{submitted}} bài đã nộp · {{ungraded}} bài chờ chấm", "grade": "Chấm bài", "created": "Đã tạo bài thu hoạch {{title}}.", "nameRequired": "Vui lòng nhập tên bài thu hoạch.", "pointsInvalid": "Thang điểm phải là số nguyên từ 1 đến 1000."}, "grading": {"title": "Chấm bài thu hoạch", "back": "Thiết lập lớp", "filterUngraded": "Chỉ hiện bài chờ chấm", "empty": "Không có bài nộp nào.", "open": "Mở bài", "download": "Tải tệp {{name}}", "noText": "Học viên không gửi bài viết.", "score": "Điểm (0–{{max}})", "result": "Kết quả", "comment": "Nhận xét", "save": "Lưu kết quả chấm", "returnForRevision": "Trả lại để sửa", "saved": "Đã lưu kết quả chấm.", "returned": "Đã trả bài để học viên sửa.", "scoreInvalid": "Điểm phải là số nguyên từ 0 đến {{max}}.", "resultRequired": "Vui lòng chọn Đạt hoặc Chưa đạt.", "version": "Bản nộp lần {{version}}", "close": "Đóng"}} };
export const EN = { checkIn: {"titles": {"lecturer": "QR check-in", "learner": "Check-in"}, "manage": {"link": "QR check-in", "back": "Course setup", "heading": "QR check-in", "notOpened": "Check-in is not open.", "openUntil": "Check-in is open until {{time}}", "closedAt": "Check-in closed at {{time}}.", "minutes": "Open for (minutes)", "minutesInvalid": "Enter a whole number of minutes from 1 to 240.", "open": "Open check-in", "extend": "Extend", "close": "Close check-in", "opened": "Check-in is open until {{time}}.", "closedNotice": "Check-in closed.", "qrAlt": "Check-in QR code for {{title}}", "scanHint": "Learners open their phone camera and scan the code to check in. The code changes every {{seconds}} seconds, so a photo of it sent to someone else soon stops working.", "count": "Present: {{present}}/{{enrolled}} learners", "empty": "No learner has checked in yet.", "methods": {"qr": "Scanned QR", "list": "By list"}, "correctHint": "Lecturers can still correct attendance by list on the course setup page."}, "learner": {"heading": "Session check-in", "pending": "Recording your check-in…", "checkedIn": "You are checked in", "already": "You had already checked in to this session", "at": "Recorded at {{time}}", "missing": "This address has no check-in code. Scan the QR code shown in the room.", "openCourse": "Open the course", "myCourses": "My courses"}, "errors": {"network": "Cannot reach the server. Check your connection and scan the code again.", "forbidden": "You are not allowed to do this.", "notFound": "Session not found.", "unexpected": "Something went wrong. Please try again."}}, common: {"backHome": "Back to home", "loading": "Loading…"}, learning: {"nav": {"myCourses": "My learning"}, "titles": {"myCourses": "My courses", "catalog": "Open courses", "course": "Course", "lesson": "Lesson"}, "errors": {"network": "Cannot reach the server. Please try again.", "forbidden": "You are not allowed to do this.", "notFound": "Not found.", "unexpected": "Something went wrong. Please try again."}, "modes": {"online": "Online", "in_person": "In person", "blended": "Blended"}, "kinds": {"text": "Reading", "video_link": "Video (link)", "file": "Lesson file"}, "lessonStates": {"completed": "Completed", "opened": "In progress", "new": "Not started"}, "progress": {"label": "Learning progress", "lessons": "{{done}}/{{total}} lessons done ({{percent}}%)", "sessions": "Attended {{done}}/{{total}} in-person sessions"}, "myCourses": {"title": "My courses", "browse": "Find a course to join", "empty": "You have not joined any course yet. Find an open course to join.", "completed": "Completed", "waitlisted": "Waiting for a seat", "waitlistHint": "The course is full; you are on the waitlist and will get a seat when one frees up."}, "catalog": {"title": "Open courses", "intro": "Courses you can join by yourself.", "empty": "No course is open for you to join right now.", "seats": "{{seats}} seats left", "noLimit": "No limit on learners", "full": "Full", "enroll": "Join", "joinWaitlist": "Join the waitlist", "open": "Study", "onWaitlist": "On the waitlist", "enrolledNotice": "You joined {{name}}.", "waitlistedNotice": "{{name}} is full; you are on its waitlist."}, "course": {"back": "Course", "openUntil": "open until {{time}}", "completed": "You have completed this course.", "continue": "Continue", "contents": "Program contents", "minutes": "{{minutes}} min", "noLessons": "This module has no lessons yet.", "noModules": "The program has no modules yet.", "sessions": "In-person sessions"}, "lesson": {"missing": "This lesson is not part of the course.", "watchExternal": "Watch the video", "watched": "{{percent}}% of the video watched", "openPdf": "Open the PDF", "openDocument": "Download the document", "markComplete": "Mark as completed", "completedNotice": "Lesson marked as completed.", "previous": "Previous", "next": "Next", "pager": "Lessons"}}, assignments: {"title": "Assignments", "required": "Required for completion", "kinds": {"file": "Hand in a file", "text": "Hand in a text", "both": "Hand in a text and/or a file"}, "maxPoints": "out of {{max}} points", "passFail": "pass/fail", "due": "due {{time}}", "cutoff": "hard cutoff {{time}}", "statuses": {"submitted": "Submitted, awaiting grading", "graded": "Graded", "returned": "Returned for revision"}, "submittedAt": "submitted {{time}} (version {{version}})", "late": "Late", "file": "File handed in", "score": "Score {{score}}/{{max}}", "passed": "Passed", "failed": "Not passed", "closed": {"cutoff": "The hard cutoff has passed; no more submissions are accepted.", "due": "The due date has passed; your submission can no longer be replaced."}, "text": "Your text", "fileHint": "PDF, DOCX or an image (PNG, JPEG, WEBP), up to 20 MB", "missing": {"file": "Please choose a file to hand in.", "text": "Please write your text.", "both": "Please write a text or choose a file."}, "submit": "Hand in", "resubmit": "Hand in again", "submittedNotice": "Your assignment was handed in.", "manage": {"title": "Assignments", "add": "Add an assignment", "create": "Create the assignment", "name": "Assignment title", "instructions": "Instructions", "module": "Module", "noModule": "Not tied to a module", "kind": "How learners hand it in", "dueAt": "Due date", "cutoffAt": "Hard cutoff (nothing accepted after it)", "maxPoints": "Maximum points (empty for pass/fail)", "requiredLabel": "Must be passed to complete the course", "none": "The course has no assignments yet.", "counts": "{{submitted}} handed in · {{ungraded}} awaiting grading", "grade": "Grade", "created": "Assignment {{title}} created.", "nameRequired": "Please enter the assignment title.", "pointsInvalid": "Maximum points must be a whole number from 1 to 1000."}, "grading": {"title": "Grade assignment", "back": "Course setup", "filterUngraded": "Only those awaiting grading", "empty": "No submissions.", "open": "Open", "download": "Download {{name}}", "noText": "The learner sent no text.", "score": "Score (0–{{max}})", "result": "Result", "comment": "Comment", "save": "Save the grade", "returnForRevision": "Return for revision", "saved": "Grade saved.", "returned": "Returned to the learner for revision.", "scoreInvalid": "The score must be a whole number from 0 to {{max}}.", "resultRequired": "Please choose Passed or Not passed.", "version": "Version {{version}}", "close": "Close"}} };

export async function setupTestBed(): Promise<HttpTestingController> {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslateService({ fallbackLang: 'vi' })],
  });
  const translate = TestBed.inject(TranslateService);
  translate.setTranslation('vi', VI);
  translate.setTranslation('en', EN);
  await TestBed.inject(LanguageService).init();
  TestBed.inject(SessionStore).start({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: LEARNER });
  return TestBed.inject(HttpTestingController);
}

export function query(root: HTMLElement) {
  const byId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allById = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { byId, allById, text };
}

export function apiError(code: string, vi: string, en: string) {
  return { code, message: { vi, en } };
}

const COURSE = {
  id: 'c-1',
  programId: 'p-1',
  programVersionId: 'pv-1',
  orgUnitId: 'o-tw',
  name: 'Lớp Bí thư Đoàn xã toàn quốc',
  mode: 'online' as const,
  status: 'open' as const,
  startsOn: '2026-12-01',
  endsOn: '2026-12-10',
  openFrom: null,
  openUntil: null,
  capacity: null,
  selfEnrollment: true,
  openToAll: true,
};

export function courseDetail(over: Partial<MyCourseDetail> = {}): MyCourseDetail {
  const lesson = (id: string, position: number, title: string, extra = {}) => ({
    id,
    position,
    title,
    kind: 'text' as const,
    bodyHtml: `<p>${title}</p>`,
    videoUrl: null,
    fileId: null,
    durationMinutes: 45,
    openedAt: null,
    completedAt: null,
    videoWatchedShare: 0,
    ...extra,
  });
  return {
    course: COURSE,
    enrollmentStatus: 'enrolled',
    lessonsTotal: 3,
    lessonsCompleted: 1,
    sessionsTotal: 0,
    sessionsAttended: 0,
    completed: false,
    modules: [
      {
        id: 'm-1',
        position: 1,
        title: 'Chuyên đề 1: Xây dựng Đoàn',
        description: null,
        lessons: [lesson('l-1', 1, 'Bài 1', { openedAt: '2026-12-01T01:00:00Z', completedAt: '2026-12-01T02:00:00Z' }), lesson('l-2', 2, 'Bài 2')],
      },
      { id: 'm-2', position: 2, title: 'Chuyên đề 2: Công tác thanh niên', description: 'Mô tả', lessons: [lesson('l-3', 1, 'Bài 3')] },
    ],
    assignments: [],
    ...over,
  };
}
