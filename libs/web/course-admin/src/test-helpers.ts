import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Permission, type CurrentUser } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';

/** Shared by this library's specs only; not exported from the public API. */
export const ORGANISER: CurrentUser = {
  id: 'u-admin',
  username: 'admin.hanoi',
  fullName: 'Trần Thị Hà',
  email: null,
  orgUnit: { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province' },
  roles: [{ role: 'org_admin', orgUnitId: 'o-hn', orgUnitCode: 'HNI', orgUnitName: 'Thành đoàn Hà Nội' }],
  permissions: [Permission.ProgramManage, Permission.CourseManage, Permission.UserRead],
  mustChangePassword: false,
};

/** The app's own texts, so the specs also catch a missing or misspelt key. */
export const VI = { common: {"backHome": "Về trang chủ", "loading": "Đang tải…"}, titles: {"secretary": {"province": "Bí thư Tỉnh/Thành đoàn", "commune": "Bí thư Đoàn xã/phường/đặc khu", "grassroots": "Bí thư Đoàn cơ sở", "branch": "Bí thư chi đoàn", "district": "Bí thư Huyện/Quận đoàn (lịch sử)"}, "deputy_secretary": {"province": "Phó Bí thư Tỉnh/Thành đoàn", "commune": "Phó Bí thư Đoàn xã/phường/đặc khu", "grassroots": "Phó Bí thư Đoàn cơ sở", "district": "Phó Bí thư Huyện/Quận đoàn (lịch sử)"}, "youth_federation_chair": {"province": "Chủ tịch Hội LHTN Việt Nam cấp tỉnh", "commune": "Chủ tịch Hội LHTN Việt Nam cấp xã"}, "pioneer_council_chair": {"province": "Chủ tịch Hội đồng Đội cấp tỉnh", "commune": "Chủ tịch Hội đồng Đội cấp xã"}}, courseAdmin: {"nav": {"programs": "Chương trình bồi dưỡng", "courses": "Quản lý lớp", "teaching": "Lớp tôi giảng dạy"}, "titles": {"programs": "Chương trình bồi dưỡng", "program": "Soạn chương trình", "courses": "Quản lý lớp bồi dưỡng", "teaching": "Lớp tôi giảng dạy", "course": "Thiết lập lớp"}, "errors": {"network": "Không kết nối được máy chủ. Vui lòng thử lại.", "forbidden": "Bạn không có quyền thực hiện thao tác này.", "notFound": "Không tìm thấy nội dung.", "unexpected": "Đã có lỗi xảy ra. Vui lòng thử lại."}, "families": {"title": "Theo chức danh", "basic": "Nghiệp vụ cơ bản (Đoàn, Hội, Đội)", "specialty": "Theo lĩnh vực chuyên môn", "innovation": "Khởi nghiệp, chuyển đổi số", "leadership": "Lãnh đạo, quản lý", "lecturer": "Bồi dưỡng giảng viên"}, "contentGroups": {"political_theory": "Lý luận chính trị", "defence_security": "Quốc phòng và an ninh", "state_management": "Quản lý nhà nước", "job_skills": "Kiến thức, kỹ năng theo vị trí việc làm", "science_innovation_digital": "Khoa học, đổi mới sáng tạo, kỹ năng số"}, "modes": {"online": "Trực tuyến", "in_person": "Trực tiếp", "blended": "Kết hợp"}, "statuses": {"draft": "Bản nháp", "open": "Đang mở ghi danh", "running": "Đang học", "closed": "Đã kết thúc"}, "kinds": {"text": "Bài đọc (văn bản)", "video_link": "Video (liên kết ngoài)", "file": "Tệp (video, PDF, DOCX, PPTX, ảnh)"}, "programs": {"title": "Chương trình bồi dưỡng", "add": "Thêm chương trình", "create": "Tạo chương trình", "code": "Mã chương trình", "name": "Tên chương trình", "family": "Nhóm chương trình", "contentGroup": "Nhóm nội dung", "owner": "Đơn vị quản lý", "hours": "Số giờ yêu cầu", "hoursValue": "{{hours}} giờ", "targetTitles": "Chức danh đối tượng", "outcomes": "Kết quả đầu ra", "outcomesHint": "Mỗi dòng một kết quả.", "minLessonShare": "Tỷ lệ bài giảng phải học (%)", "minAttendanceShare": "Tỷ lệ buổi phải dự (%)", "passMark": "Điểm đạt mỗi bài kiểm tra (%)", "search": "Tìm theo tên hoặc mã", "empty": "Không có chương trình nào phù hợp.", "version": "phiên bản {{version}}", "policy": "Hoàn thành khi học {{lessons}}% bài giảng, dự {{attendance}}% buổi học, đạt {{passMark}}% mỗi bài kiểm tra.", "newCourse": "Mở lớp theo chương trình này", "required": {"code": "Vui lòng nhập mã chương trình.", "name": "Vui lòng nhập tên chương trình.", "owner": "Vui lòng chọn đơn vị quản lý.", "hours": "Số giờ phải là số nguyên dương."}}, "modules": {"title": "Chuyên đề", "add": "Thêm chuyên đề", "name": "Tên chuyên đề mới", "none": "Chưa có chuyên đề nào."}, "lessons": {"add": "Thêm bài giảng", "save": "Lưu bài giảng", "name": "Tên bài giảng", "kind": "Loại bài giảng", "duration": "Thời lượng (phút)", "videoUrl": "Đường dẫn video (https)", "file": "Chọn tệp", "fileHint": "PDF, DOCX, PPTX, ảnh PNG/JPEG/WEBP hoặc video MP4; máy chủ kiểm tra loại và dung lượng tệp.", "body": "Nội dung bài đọc", "bodyOptional": "Mô tả kèm theo (không bắt buộc)", "none": "Chưa có bài giảng.", "added": "Đã thêm bài giảng {{title}}.", "required": {"title": "Vui lòng nhập tên bài giảng.", "body": "Vui lòng nhập nội dung bài đọc.", "videoUrl": "Vui lòng nhập đường dẫn video.", "file": "Vui lòng chọn tệp bài giảng."}}, "editor": {"toolbar": "Định dạng văn bản", "label": "Nội dung (HTML)", "preview": "Xem trước", "heading": "Tiêu đề", "paragraph": "Đoạn", "bold": "Đậm", "italic": "Nghiêng", "list": "Danh sách", "quote": "Trích dẫn"}, "courses": {"title": "Lớp bồi dưỡng", "teachingTitle": "Lớp tôi giảng dạy", "add": "Mở lớp mới", "create": "Tạo lớp", "program": "Chương trình", "name": "Tên lớp", "unit": "Đơn vị tổ chức", "mode": "Hình thức", "startsOn": "Ngày bắt đầu", "endsOn": "Ngày kết thúc", "openFrom": "Mở học trực tuyến từ", "openUntil": "Mở học trực tuyến đến", "capacity": "Số chỗ", "capacityHint": "Để trống nếu không giới hạn.", "status": "Trạng thái", "selfEnrollment": "Cho phép tự ghi danh", "openToAll": "Mở cho học viên ngoài đơn vị", "empty": "Chưa có lớp nào.", "counts": "{{enrolled}}/{{capacity}} học viên · {{waitlisted}} chờ chỗ", "required": {"program": "Vui lòng chọn chương trình.", "unit": "Vui lòng chọn đơn vị tổ chức.", "name": "Vui lòng nhập tên lớp.", "dates": "Vui lòng nhập ngày bắt đầu và kết thúc.", "capacity": "Số chỗ phải là số nguyên dương, hoặc để trống."}}, "setup": {"window": "mở học từ {{from}} đến {{until}}", "capacity": "{{capacity}} chỗ", "save": "Lưu", "statusSaved": "Đã cập nhật trạng thái lớp.", "lecturers": "Giảng viên", "noLecturers": "Chưa phân công giảng viên.", "addLecturers": "Phân công giảng viên", "lecturersAdded": "Đã phân công {{count}} giảng viên.", "sessions": "Buổi học trực tiếp", "noSessions": "Chưa có buổi học trực tiếp.", "sessionTitle": "Tên buổi học", "sessionPlace": "Địa điểm", "sessionStarts": "Bắt đầu", "sessionEnds": "Kết thúc", "addSession": "Thêm buổi học", "sessionAdded": "Đã thêm buổi học.", "sessionRequired": "Vui lòng nhập tên, giờ bắt đầu và giờ kết thúc."}, "roster": {"title": "Danh sách học viên", "enroll": "Ghi danh học viên", "search": "Tìm theo họ tên hoặc tên đăng nhập", "find": "Tìm", "nobody": "Không tìm thấy ai.", "confirm": "Xác nhận ({{count}})", "result": "Đã ghi danh {{enrolled}}, đưa vào danh sách chờ {{waitlisted}}, không ghi danh được {{rejected}}.", "summary": "{{enrolled}} học viên · {{waitlisted}} chờ chỗ · {{completed}} đã hoàn thành", "progress": "Bài giảng {{lessons}}/{{lessonsTotal}} · buổi học {{sessions}}/{{sessionsTotal}}", "completed": "Hoàn thành", "withdraw": "Rút tên", "withdrawn": "Đã rút tên {{name}}.", "withdrawnPromoted": "Đã rút tên {{name}}; người đầu danh sách chờ đã được xếp chỗ.", "empty": "Chưa có học viên.", "waitlist": "Danh sách chờ", "rejected": {"user_not_found": "Một người không tìm thấy hoặc ngoài phạm vi quản lý.", "outside_audience": "Một người không thuộc đối tượng của lớp.", "already_enrolled": "Một người đã có trong lớp.", "course_closed": "Lớp đã kết thúc."}}, "attendance": {"open": "Điểm danh", "hint": "Đánh dấu những người có mặt", "save": "Lưu điểm danh ({{count}} có mặt)", "saved": "Đã lưu điểm danh {{title}}: {{count}} người có mặt."}} };
export const EN = { courseAdmin: { errors: {"network": "Cannot reach the server. Please try again.", "forbidden": "You are not allowed to do this.", "notFound": "Not found.", "unexpected": "Something went wrong. Please try again."} } };

export async function setupTestBed(permissions: readonly Permission[] = ORGANISER.permissions as Permission[]): Promise<HttpTestingController> {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslateService({ fallbackLang: 'vi' })],
  });
  const translate = TestBed.inject(TranslateService);
  translate.setTranslation('vi', VI);
  translate.setTranslation('en', EN);
  await TestBed.inject(LanguageService).init();
  TestBed.inject(SessionStore).start({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: { ...ORGANISER, permissions: [...permissions] } });
  return TestBed.inject(HttpTestingController);
}

export function query(root: HTMLElement) {
  const byId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allById = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { byId, allById, text };
}

export function type(input: HTMLElement | null, value: string): void {
  const field = input as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
}

export function apiError(code: string, vi: string, en: string) {
  return { code, message: { vi, en } };
}

/**
 * A request started by a resource reload (it begins on the next change detection); waiting for
 * stability instead would wait for that very request.
 */
export async function nextRequest(backend: HttpTestingController, fixture: { detectChanges(): void }, url: string) {
  for (let i = 0; i < 200; i++) {
    fixture.detectChanges();
    const live = backend.match(url).filter((r) => !r.cancelled);
    if (live.length) return live[live.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no request to ${url}`);
}
