import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission, type ArtworkImageView, type IssuerArtworkView, type OrgUnitSummary } from '@boiduong/shared-contracts';
import { TranslateService } from '@ngx-translate/core';
import { apiError, ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import { IssuerSettingsPage } from './issuer-settings-page';

const HANOI: OrgUnitSummary = { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province', parentId: 'o-tw', validFrom: '2025-07-01', validTo: null };
const CLOSED: OrgUnitSummary = { id: 'o-old', code: 'HNI-OLD', name: 'Quận đoàn cũ', type: 'district', parentId: 'o-hn', validFrom: '2000-01-01', validTo: '2025-07-01' };
const BADINH: OrgUnitSummary = { id: 'o-bd', code: 'HNI-BADINH', name: 'Đoàn phường Ba Đình', type: 'commune', parentId: 'o-hn', validFrom: '2025-07-01', validTo: null };

const image = (kind: ArtworkImageView['kind'], over: Partial<ArtworkImageView> = {}): ArtworkImageView => ({
  id: `img-${kind}`,
  kind,
  contentType: 'image/png',
  width: 96,
  height: 96,
  sizeBytes: 2048,
  sha256: `${kind}`.padEnd(64, '0'),
  uploadedAt: '2026-03-01T00:00:00.000Z',
  ...over,
});
const artwork = (over: Partial<IssuerArtworkView> = {}): IssuerArtworkView => ({ unitId: 'o-hn', logo: image('logo'), signature: null, seal: image('seal', { width: 160, height: 160, sizeBytes: 5000 }), ...over });

/** This screen's wording, as in apps/web/public/i18n/vi.json (certificates.issuerArt). */
const ISSUER_ART_VI = {
  back: '← Về sổ cấp chứng chỉ',
  heading: 'Cài đặt đơn vị cấp chứng chỉ',
  unit: 'Đơn vị cấp',
  signer: {
    heading: 'Người ký và nơi cấp',
    missing: 'Đơn vị chưa có người ký: chứng chỉ của đơn vị chưa thể cấp tự động.',
    name: 'Họ tên người ký',
    title: 'Chức vụ người ký',
    place: 'Nơi cấp (in trước ngày cấp)',
    required: 'Vui lòng nhập ít nhất 2 ký tự.',
    save: 'Lưu người ký',
    saved: 'Đã lưu người ký và nơi cấp.',
  },
  artwork: {
    heading: 'Ảnh in trên chứng chỉ',
    kinds: { logo: 'Biểu trưng của đơn vị', signature: 'Chữ ký của người ký', seal: 'Con dấu của đơn vị' },
    none: 'Chưa có ảnh.',
    previewAlt: '{{kind}} hiện tại',
    details: '{{width}} × {{height}} điểm ảnh, {{size}} KB, {{type}}',
    upload: 'Tải lên',
    replace: 'Thay ảnh',
    remove: 'Gỡ ảnh',
    uploaded: 'Đã cập nhật ảnh. Chứng chỉ cấp từ nay sẽ in ảnh này.',
    removed: 'Đã gỡ ảnh. Chứng chỉ cấp từ nay sẽ không in ảnh này.',
  },
  program: {
    none: 'Đơn vị chưa có chương trình nào.',
    modes: { on_grade: 'Cấp ngay khi học viên đạt', at_course_close: 'Cấp khi kết thúc lớp', after_approval: 'Cấp sau khi được duyệt' },
    saved: 'Đã lưu cách cấp chứng chỉ của chương trình {{name}}.',
  },
  errors: { type: 'Chỉ nhận ảnh PNG hoặc JPEG (.png, .jpg, .jpeg).', tooLarge: 'Ảnh vượt quá 1 MB.' },
};

interface Page {
  programId: { setValue(v: string): void };
  mode: { setValue(v: string): void };
  chooseProgram(): void;
}

// Material selects and three cards: the default 5 s is tight on a busy machine.
describe('IssuerSettingsPage', { timeout: 30_000 }, () => {
  let backend: HttpTestingController;
  let objectUrls = 0;

  async function setup(options: { settings?: unknown; artwork?: IssuerArtworkView; programs?: unknown[] } = {}) {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.CertificateIssue] });
    TestBed.inject(TranslateService).setTranslation('vi', { certificates: { issuerArt: ISSUER_ART_VI } }, true);
    objectUrls = 0;
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:preview-${++objectUrls}`);
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const fixture = TestBed.createComponent(IssuerSettingsPage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    backend.expectOne('/api/v1/org-units').flush([CLOSED, HANOI, BADINH]);
    backend
      .expectOne('/api/v1/programs')
      .flush(options.programs ?? [{ id: 'p-1', code: 'BT-XA', name: 'Bồi dưỡng Bí thư Đoàn xã', ownerOrgUnitId: 'o-hn' }, { id: 'p-2', code: 'DN', name: 'Chương trình của Đà Nẵng', ownerOrgUnitId: 'o-dn' }]);
    backend
      .expectOne('/api/v1/certificates/issuers/o-hn')
      .flush(options.settings ?? { unitId: 'o-hn', signerName: 'Trần Quốc Việt', signerTitle: 'PHÓ BÍ THƯ THÀNH ĐOÀN', issuedPlace: 'Hà Nội' });
    backend.expectOne('/api/v1/certificates/issuers/o-hn/artwork').flush(options.artwork ?? artwork());
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, root, page: fixture.componentInstance as unknown as Page, ...query(root) };
  }

  /** Answers the preview requests the cards made, one blob each. */
  function flushPreviews(kinds: string[]) {
    for (const kind of kinds) {
      const req = backend.expectOne(`/api/v1/certificates/issuers/o-hn/artwork/${kind}`);
      expect(req.request.responseType).toBe('blob');
      req.flush(new Blob([kind], { type: 'image/png' }));
    }
  }

  function pick(input: HTMLElement | null, file: File) {
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input?.dispatchEvent(new Event('change'));
  }

  afterEach(() => {
    vi.restoreAllMocks();
    backend.verify();
  });

  it('opens the first open unit: its signer, its images previewed with their size, a missing one as none', async () => {
    const t = await setup();
    flushPreviews(['logo', 'seal']);
    await t.fixture.whenStable();
    expect((t.byId('signer-name') as HTMLInputElement).value).toBe('Trần Quốc Việt');
    expect((t.byId('signer-title') as HTMLInputElement).value).toBe('PHÓ BÍ THƯ THÀNH ĐOÀN');
    expect((t.byId('signer-place') as HTMLInputElement).value).toBe('Hà Nội');
    expect(t.byId('signer-missing')).toBeNull();
    const logo = t.byId('artwork-logo-preview') as HTMLImageElement;
    expect(logo.getAttribute('src')).toMatch(/^blob:preview-/);
    expect(logo.alt).toBe('Biểu trưng của đơn vị hiện tại');
    expect(t.text('artwork-logo-details')).toBe('96 × 96 điểm ảnh, 2 KB, PNG');
    expect(t.text('artwork-seal-details')).toBe('160 × 160 điểm ảnh, 5 KB, PNG');
    expect(t.text('artwork-signature-none')).toBe('Chưa có ảnh.');
    expect(t.byId('artwork-signature-remove')).toBeNull();
    expect(t.text('artwork-seal-upload')).toBe('Thay ảnh');
    expect(t.text('artwork-signature-upload')).toBe('Tải lên');
  });

  it('says when the unit has no signer, refuses an empty form, then saves the signer', async () => {
    const t = await setup({ settings: { unitId: 'o-hn', signerName: null }, artwork: artwork({ logo: null, seal: null }) });
    expect(t.text('signer-missing')).toBe('Đơn vị chưa có người ký: chứng chỉ của đơn vị chưa thể cấp tự động.');
    t.byId('signer-save')?.click();
    await t.fixture.whenStable();
    expect(t.root.textContent).toContain('Vui lòng nhập ít nhất 2 ký tự.');
    backend.expectNone({ method: 'PUT' });
    type(t.byId('signer-name'), ' Nguyễn Thị Lan ');
    type(t.byId('signer-title'), 'BÍ THƯ THÀNH ĐOÀN');
    type(t.byId('signer-place'), 'Hà Nội');
    t.byId('signer-save')?.click();
    const req = backend.expectOne({ method: 'PUT', url: '/api/v1/certificates/issuers/o-hn' });
    expect(req.request.body).toEqual({ signerName: 'Nguyễn Thị Lan', signerTitle: 'BÍ THƯ THÀNH ĐOÀN', issuedPlace: 'Hà Nội' });
    req.flush({ unitId: 'o-hn', ...req.request.body });
    await t.fixture.whenStable();
    expect(t.text('signer-notice')).toBe('Đã lưu người ký và nơi cấp.');
    expect(t.byId('signer-missing')).toBeNull();
  });

  it('uploads a signature as multipart, then previews the new image', async () => {
    const t = await setup();
    flushPreviews(['logo', 'seal']);
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'chu-ky.png', { type: 'image/png' });
    pick(t.byId('artwork-signature-file'), file);
    await t.fixture.whenStable();
    t.byId('artwork-signature-upload')?.click();
    const req = backend.expectOne({ method: 'PUT', url: '/api/v1/certificates/issuers/o-hn/artwork/signature' });
    expect(req.request.body).toBeInstanceOf(FormData);
    expect((req.request.body as FormData).get('file')).toMatchObject({ name: 'chu-ky.png' });
    req.flush(artwork({ signature: image('signature', { width: 240, height: 80, sizeBytes: 3072 }) }));
    await t.fixture.whenStable();
    flushPreviews(['signature']);
    await t.fixture.whenStable();
    expect(t.text('artwork-signature-notice')).toBe('Đã cập nhật ảnh. Chứng chỉ cấp từ nay sẽ in ảnh này.');
    expect(t.text('artwork-signature-details')).toBe('240 × 80 điểm ảnh, 3 KB, PNG');
    expect(t.byId('artwork-signature-preview')?.getAttribute('src')).toMatch(/^blob:preview-/);
  });

  it('shows the api’s refusal of an image in the current language', async () => {
    const t = await setup();
    flushPreviews(['logo', 'seal']);
    pick(t.byId('artwork-seal-file'), new File(['not an image'], 'dau.png', { type: 'image/png' }));
    await t.fixture.whenStable();
    t.byId('artwork-seal-upload')?.click();
    backend
      .expectOne({ method: 'PUT', url: '/api/v1/certificates/issuers/o-hn/artwork/seal' })
      .flush(
        apiError('CERTIFICATE_ARTWORK_UNREADABLE', 'Tệp không phải ảnh PNG hoặc JPEG đọc được (có thể tệp đã hỏng hoặc bị đổi tên).', 'The file is not a readable PNG or JPEG image (it may be damaged or renamed).'),
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await t.fixture.whenStable();
    expect(t.text('artwork-seal-error')).toBe('Tệp không phải ảnh PNG hoặc JPEG đọc được (có thể tệp đã hỏng hoặc bị đổi tên).');
    // The current seal stays.
    expect(t.text('artwork-seal-details')).toBe('160 × 160 điểm ảnh, 5 KB, PNG');
  });

  it('refuses another type or a file over 1 MB before sending anything', async () => {
    const t = await setup();
    flushPreviews(['logo', 'seal']);
    pick(t.byId('artwork-logo-file'), new File(['GIF89a'], 'logo.gif', { type: 'image/gif' }));
    await t.fixture.whenStable();
    expect(t.text('artwork-logo-error')).toBe('Chỉ nhận ảnh PNG hoặc JPEG (.png, .jpg, .jpeg).');
    expect((t.byId('artwork-logo-upload') as HTMLButtonElement).disabled).toBe(true);
    pick(t.byId('artwork-logo-file'), new File([new Uint8Array(1_048_577)], 'logo.png', { type: 'image/png' }));
    await t.fixture.whenStable();
    expect(t.text('artwork-logo-error')).toBe('Ảnh vượt quá 1 MB.');
    expect((t.byId('artwork-logo-upload') as HTMLButtonElement).disabled).toBe(true);
    backend.expectNone({ method: 'PUT' });
  });

  it('removes the logo', async () => {
    const t = await setup();
    flushPreviews(['logo', 'seal']);
    await t.fixture.whenStable();
    t.byId('artwork-logo-remove')?.click();
    backend.expectOne({ method: 'DELETE', url: '/api/v1/certificates/issuers/o-hn/artwork/logo' }).flush(artwork({ logo: null }));
    await t.fixture.whenStable();
    expect(t.text('artwork-logo-none')).toBe('Chưa có ảnh.');
    expect(t.text('artwork-logo-notice')).toBe('Đã gỡ ảnh. Chứng chỉ cấp từ nay sẽ không in ảnh này.');
    expect(URL.revokeObjectURL).toHaveBeenCalled();
  });

  it('sets how one of the unit’s own programs issues certificates', async () => {
    const t = await setup({ artwork: artwork({ logo: null, seal: null }) });
    const programs = t.fixture.debugElement.nativeElement.querySelector('[data-testid="program-select"]');
    expect(programs).not.toBeNull();
    t.page.programId.setValue('p-1');
    t.page.chooseProgram();
    backend.expectOne('/api/v1/certificates/programs/p-1/policy').flush({ programId: 'p-1', issuanceMode: 'after_approval' });
    await t.fixture.whenStable();
    expect(t.text('program-mode')).toContain('Cấp sau khi được duyệt');
    t.page.mode.setValue('at_course_close');
    t.byId('program-save')?.click();
    const req = backend.expectOne({ method: 'PUT', url: '/api/v1/certificates/programs/p-1/policy' });
    expect(req.request.body).toEqual({ issuanceMode: 'at_course_close' });
    req.flush({ programId: 'p-1', issuanceMode: 'at_course_close' });
    await t.fixture.whenStable();
    expect(t.text('program-notice')).toBe('Đã lưu cách cấp chứng chỉ của chương trình Bồi dưỡng Bí thư Đoàn xã.');
  });

  it('lists only the unit’s own programs, and says when it has none', async () => {
    const t = await setup({ artwork: artwork({ logo: null, seal: null }), programs: [{ id: 'p-2', code: 'DN', name: 'Chương trình của Đà Nẵng', ownerOrgUnitId: 'o-dn' }] });
    expect(t.text('program-none')).toBe('Đơn vị chưa có chương trình nào.');
    expect(t.byId('program-select')).toBeNull();
  });
});
