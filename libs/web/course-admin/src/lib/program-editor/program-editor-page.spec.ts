import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DEFAULT_CERTIFICATE_POLICY } from '@boiduong/shared-contracts';
import { apiError, nextRequest, ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import type { ProgramDetail } from '../data/course-admin.models';
import { ProgramEditorPage } from './program-editor-page';

const PROGRAM: ProgramDetail = {
  id: 'p-1',
  code: 'HN-VP-01',
  name: 'Nghiệp vụ công tác Văn phòng',
  family: 'specialty',
  contentGroup: 'job_skills',
  ownerOrgUnitId: 'o-hn',
  version: 1,
  versionId: 'pv-1',
  targetTitles: ['secretary.commune'],
  requiredHours: 16,
  learningOutcomes: ['Soạn thảo văn bản đúng thể thức'],
  certificatePolicy: DEFAULT_CERTIFICATE_POLICY,
  modules: [{ id: 'm-1', position: 1, title: 'Chuyên đề 1: Văn bản', description: null, lessons: [] }],
};

describe('ProgramEditorPage', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN });
    const fixture = TestBed.createComponent(ProgramEditorPage);
    fixture.componentRef.setInput('programId', 'p-1');
    fixture.detectChanges();
    backend.expectOne('/api/v1/programs/p-1').flush(PROGRAM);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('shows the program with its policy and adds a module', async () => {
    const t = await setup();
    expect(t.text('program-title')).toBe('Nghiệp vụ công tác Văn phòng');
    expect(t.text('program-meta')).toContain('HN-VP-01 · Theo lĩnh vực chuyên môn');
    expect(t.root.textContent).toContain('Bí thư Đoàn xã/phường/đặc khu');
    expect(t.root.textContent).toContain('Hoàn thành khi học 100% bài giảng, dự 100% buổi học, đạt 50% mỗi bài kiểm tra.');

    type(t.byId('module-title'), 'Chuyên đề 2: Lưu trữ');
    t.fixture.detectChanges();
    t.byId('module-submit')?.click();
    const req = backend.expectOne('/api/v1/programs/p-1/modules');
    expect(req.request.body).toEqual({ title: 'Chuyên đề 2: Lưu trữ' });
    req.flush({ id: 'm-2', position: 2, title: 'Chuyên đề 2: Lưu trữ', description: null, lessons: [] });
    (await nextRequest(backend, '/api/v1/programs/p-1', { render: t.fixture })).flush({ ...PROGRAM, modules: [...PROGRAM.modules, { id: 'm-2', position: 2, title: 'Chuyên đề 2: Lưu trữ', description: null, lessons: [] }] });
    await t.fixture.whenStable();
    expect(t.allById('module').map((m) => m.getAttribute('data-title'))).toEqual(['Chuyên đề 1: Văn bản', 'Chuyên đề 2: Lưu trữ']);
  });

  it('adds a rich-text lesson, formatted with the toolbar and previewed without scripts', async () => {
    const t = await setup();
    t.byId('lesson-add-toggle')?.click();
    await t.fixture.whenStable();
    t.byId('lesson-submit')?.click();
    await t.fixture.whenStable();
    expect(t.text('lesson-missing')).toBe('Vui lòng nhập tên bài giảng.');

    type(t.byId('lesson-title'), 'Bài 1: Thể thức văn bản');
    type(t.byId('lesson-body'), 'Quy định<script>alert(1)</script>');
    const area = t.byId('lesson-body') as HTMLTextAreaElement;
    area.setSelectionRange(0, 8);
    t.byId('editor-bold')?.click();
    await t.fixture.whenStable();
    expect(area.value).toBe('<strong>Quy định</strong><script>alert(1)</script>');
    expect(t.byId('editor-preview')?.querySelector('strong')?.textContent).toBe('Quy định');
    expect(t.byId('editor-preview')?.querySelector('script')).toBeNull();

    t.byId('lesson-submit')?.click();
    const req = backend.expectOne('/api/v1/modules/m-1/lessons');
    expect(req.request.body).toEqual({ title: 'Bài 1: Thể thức văn bản', kind: 'text', bodyHtml: '<strong>Quy định</strong><script>alert(1)</script>' });
    req.flush({ id: 'l-1', position: 1, title: 'Bài 1: Thể thức văn bản', kind: 'text', bodyHtml: '<strong>Quy định</strong>', videoUrl: null, fileId: null, durationMinutes: null });
    (await nextRequest(backend, '/api/v1/programs/p-1', { render: t.fixture })).flush(PROGRAM);
    await t.fixture.whenStable();
    expect(t.text('lesson-added')).toBe('Đã thêm bài giảng Bài 1: Thể thức văn bản.');
  });

  it('uploads the file before saving a file lesson, and shows the API refusal of a wrong type', async () => {
    const t = await setup();
    t.byId('lesson-add-toggle')?.click();
    await t.fixture.whenStable();
    type(t.byId('lesson-kind'), 'file');
    await t.fixture.whenStable();
    type(t.byId('lesson-title'), 'Bài 2: Video');
    const picker = t.byId('lesson-file') as HTMLInputElement;
    const file = new File([new Uint8Array([0, 0, 0, 24])], 'bai-2.mp4', { type: 'video/mp4' });
    Object.defineProperty(picker, 'files', { value: [file] });
    picker.dispatchEvent(new Event('change'));
    t.byId('lesson-submit')?.click();
    const upload = backend.expectOne('/api/v1/files?ownerOrgUnitId=o-hn');
    expect(upload.request.body instanceof FormData).toBe(true);
    upload.flush(apiError('FILE_TYPE_REFUSED', 'Chỉ nhận tệp PDF, DOCX, PPTX, ảnh (PNG, JPEG, WEBP) hoặc video MP4.', 'Only …'), { status: 415, statusText: 'Unsupported' });
    await t.fixture.whenStable();
    expect(t.text('lesson-error')).toContain('Chỉ nhận tệp PDF');

    t.byId('lesson-submit')?.click();
    backend.expectOne('/api/v1/files?ownerOrgUnitId=o-hn').flush({ id: 'f-1', originalName: 'bai-2.mp4', contentType: 'video/mp4', sizeBytes: 4 });
    const lesson = backend.expectOne('/api/v1/modules/m-1/lessons');
    expect(lesson.request.body).toEqual({ title: 'Bài 2: Video', kind: 'file', fileId: 'f-1' });
    lesson.flush({ id: 'l-2', position: 1, title: 'Bài 2: Video', kind: 'file', bodyHtml: null, videoUrl: null, fileId: 'f-1', durationMinutes: null });
    (await nextRequest(backend, '/api/v1/programs/p-1', { render: t.fixture })).flush(PROGRAM);
    await t.fixture.whenStable();
  });
});
