import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Permission, type CurrentUser, type DiscussionAnswer, type DiscussionQuestion, type DiscussionViewer } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';

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

/** The app's own texts (a copy of apps/web/public/i18n), so the specs also catch a missing or misspelt key. */
export const VI = { common: {"backHome": "Về trang chủ", "loading": "Đang tải…"}, discussion: {"titles": {"moderation": "Hỏi đáp và kiểm duyệt"}, "errors": {"network": "Không kết nối được máy chủ. Vui lòng thử lại.", "forbidden": "Bạn không có quyền thực hiện thao tác này.", "notFound": "Không tìm thấy nội dung hỏi đáp.", "unexpected": "Đã có lỗi xảy ra. Vui lòng thử lại."}, "roles": {"learner": "Học viên", "lecturer": "Giảng viên", "organiser": "Ban tổ chức"}, "panel": {"title": "Hỏi đáp", "ask": "Đặt câu hỏi", "readOnly": "Lớp đã kết thúc: phần hỏi đáp chỉ còn để xem.", "loading": "Đang tải hỏi đáp…", "empty": "Chưa có câu hỏi nào về bài giảng này.", "more": "Xem thêm câu hỏi", "answers": "{{count}} câu trả lời", "hasAccepted": "Đã có câu trả lời được chấp nhận"}, "form": {"title": "Tiêu đề câu hỏi", "body": "Nội dung", "answer": "Câu trả lời của bạn", "send": "Gửi câu hỏi", "sendAnswer": "Gửi câu trả lời", "save": "Lưu", "cancel": "Hủy", "count": "{{count}}/{{max}} ký tự", "titleRequired": "Vui lòng nhập tiêu đề câu hỏi.", "titleTooLong": "Tiêu đề tối đa {{max}} ký tự.", "bodyRequired": "Vui lòng nhập nội dung.", "bodyTooLong": "Nội dung tối đa {{max}} ký tự."}, "post": {"edited": "đã sửa", "accepted": "Câu trả lời được chấp nhận", "acceptedBy": "{{name}} chấp nhận", "accept": "Chấp nhận câu trả lời", "unaccept": "Bỏ chấp nhận", "report": "Báo cáo vi phạm", "reported": "Bạn đã báo cáo bài viết này", "reportReason": "Lý do báo cáo (không bắt buộc)", "sendReport": "Gửi báo cáo", "edit": "Sửa", "delete": "Xóa", "deleteConfirm": "Xóa bài viết này?", "hide": "Ẩn bài viết", "hideReason": "Lý do ẩn (chỉ người kiểm duyệt thấy)", "reasonRequired": "Vui lòng nhập lý do.", "restore": "Khôi phục", "keep": "Giữ lại", "hidden": "Đã ẩn", "hiddenBy": "Đã ẩn bởi {{name}} lúc {{time}}: {{reason}}", "openReports": "{{count}} báo cáo chờ xử lý", "moreAnswers": "Xem thêm câu trả lời", "noAnswers": "Chưa có câu trả lời."}, "notices": {"asked": "Đã gửi câu hỏi.", "answered": "Đã gửi câu trả lời.", "reported": "Đã gửi báo cáo tới giảng viên của lớp.", "hidden": "Đã ẩn bài viết.", "restored": "Đã khôi phục bài viết và đóng các báo cáo.", "saved": "Đã lưu thay đổi.", "accepted": "Đã chấp nhận câu trả lời.", "unaccepted": "Đã bỏ chấp nhận câu trả lời.", "deleted": "Đã xóa bài viết."}, "moderation": {"title": "Hỏi đáp và kiểm duyệt", "back": "Thiết lập lớp", "queue": "Hàng chờ kiểm duyệt", "reported": "Bị báo cáo ({{count}})", "hidden": "Đã ẩn ({{count}})", "emptyReported": "Không có bài viết nào đang bị báo cáo.", "emptyHidden": "Không có bài viết nào bị ẩn.", "kinds": {"question": "Câu hỏi", "answer": "Câu trả lời"}, "where": "Bài giảng: {{lesson}} · Câu hỏi: {{question}}", "reports": "Báo cáo", "noReason": "(không ghi lý do)", "more": "Xem thêm", "lessons": "Hỏi đáp theo bài giảng", "lessonCounts": "{{questions}} câu hỏi · {{unanswered}} chưa có trả lời", "view": "Xem hỏi đáp", "noLessons": "Chương trình của lớp chưa có bài giảng.", "link": "Hỏi đáp và kiểm duyệt", "waiting": "{{count}} bài viết bị báo cáo đang chờ xử lý", "nothingWaiting": "Không có bài viết nào chờ kiểm duyệt."}} };
export const EN = { common: {"backHome": "Back to home", "loading": "Loading…"}, discussion: {"titles": {"moderation": "Discussion and moderation"}, "errors": {"network": "Cannot reach the server. Please try again.", "forbidden": "You are not allowed to do this.", "notFound": "Discussion not found.", "unexpected": "Something went wrong. Please try again."}, "roles": {"learner": "Learner", "lecturer": "Lecturer", "organiser": "Organiser"}, "panel": {"title": "Questions and answers", "ask": "Ask a question", "readOnly": "The course is closed: its discussion is read-only.", "loading": "Loading the discussion…", "empty": "No questions about this lesson yet.", "more": "More questions", "answers": "Answers: {{count}}", "hasAccepted": "Has an accepted answer"}, "form": {"title": "Question title", "body": "Details", "answer": "Your answer", "send": "Post the question", "sendAnswer": "Post the answer", "save": "Save", "cancel": "Cancel", "count": "{{count}}/{{max}} characters", "titleRequired": "Please enter a title for the question.", "titleTooLong": "The title is limited to {{max}} characters.", "bodyRequired": "Please write something.", "bodyTooLong": "The text is limited to {{max}} characters."}, "post": {"edited": "edited", "accepted": "Accepted answer", "acceptedBy": "accepted by {{name}}", "accept": "Accept this answer", "unaccept": "Remove acceptance", "report": "Report", "reported": "You reported this post", "reportReason": "Reason for the report (optional)", "sendReport": "Send the report", "edit": "Edit", "delete": "Delete", "deleteConfirm": "Delete this post?", "hide": "Hide the post", "hideReason": "Reason for hiding (seen by moderators only)", "reasonRequired": "Please give a reason.", "restore": "Restore", "keep": "Keep", "hidden": "Hidden", "hiddenBy": "Hidden by {{name}} at {{time}}: {{reason}}", "openReports": "Reports waiting: {{count}}", "moreAnswers": "More answers", "noAnswers": "No answers yet."}, "notices": {"asked": "Your question was posted.", "answered": "Your answer was posted.", "reported": "Your report was sent to the course's lecturers.", "hidden": "The post is hidden.", "restored": "The post is restored and its reports closed.", "saved": "Changes saved.", "accepted": "The answer is accepted.", "unaccepted": "The answer is no longer accepted.", "deleted": "The post was deleted."}, "moderation": {"title": "Discussion and moderation", "back": "Course setup", "queue": "Moderation queue", "reported": "Reported ({{count}})", "hidden": "Hidden ({{count}})", "emptyReported": "No post is waiting for a decision.", "emptyHidden": "No post is hidden.", "kinds": {"question": "Question", "answer": "Answer"}, "where": "Lesson: {{lesson}} · Question: {{question}}", "reports": "Reports", "noReason": "(no reason given)", "more": "More", "lessons": "Questions by lesson", "lessonCounts": "Questions: {{questions}} · unanswered: {{unanswered}}", "view": "Open the discussion", "noLessons": "The course's program has no lessons yet.", "link": "Discussion and moderation", "waiting": "Reported posts waiting for a decision: {{count}}", "nothingWaiting": "Nothing is waiting for moderation."}} };

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

/** Types into a text box or text area the way a browser reports it. */
export function type(el: HTMLElement | null, value: string): void {
  const input = el as HTMLInputElement | HTMLTextAreaElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

export const LEARNER_VIEW: DiscussionViewer = { canWrite: true, canModerate: false, courseClosed: false };
export const TEACHER_VIEW: DiscussionViewer = { canWrite: true, canModerate: true, courseClosed: false };

const base = {
  courseId: 'c-1',
  lessonId: 'l-1',
  bodyHtml: '<p>Nội dung</p>',
  createdAt: '2026-12-01T01:00:00.000Z',
  editedAt: null,
  mine: false,
  reportedByMe: false,
  canEdit: false,
  canDelete: false,
  hidden: null,
  openReports: 0,
};

export function question(over: Partial<DiscussionQuestion> = {}): DiscussionQuestion {
  return {
    ...base,
    id: 'q-1',
    kind: 'question',
    author: { id: 'u-an', fullName: 'Trần Thị An', role: 'learner' },
    title: 'Chi đoàn sinh hoạt mấy lần một tháng?',
    answerCount: 0,
    acceptedAnswerId: null,
    lastActivityAt: '2026-12-01T01:00:00.000Z',
    ...over,
  };
}

export function answer(over: Partial<DiscussionAnswer> = {}): DiscussionAnswer {
  return {
    ...base,
    id: 'a-1',
    kind: 'answer',
    questionId: 'q-1',
    author: { id: 'u-gv', fullName: 'Lê Minh Đức', role: 'lecturer' },
    bodyHtml: '<p>Mỗi tháng một lần.</p>',
    accepted: false,
    acceptedBy: null,
    acceptedAt: null,
    ...over,
  };
}
