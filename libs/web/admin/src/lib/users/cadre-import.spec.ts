import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission } from '@boiduong/shared-contracts';
import { LanguageService } from '@boiduong/web-core';
import { apiError, ORG_ADMIN, query, setupTestBed } from '@boiduong/web-testing';
import { CadreImport, rowErrorsOf } from './cadre-import';

describe('CadreImport', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.UserRead, Permission.UserManage] });
    const fixture = TestBed.createComponent(CadreImport);
    const imported = vi.fn();
    fixture.componentInstance.imported.subscribe(imported);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const q = query(root);
    const choose = async (file: File) => {
      const input = q.byId('import-file') as HTMLInputElement;
      // jsdom has no DataTransfer to build a FileList with.
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    return { fixture, root, imported, choose, ...q };
  }

  const csv = () => new File(['Họ và tên,Ngày sinh\n'], 'can-bo.csv', { type: 'text/csv' });

  afterEach(() => backend.verify());

  it('uploads the chosen file as multipart field "file" and shows the counts', async () => {
    const t = await setup();
    expect((t.byId('import-submit') as HTMLButtonElement).disabled).toBe(true);
    await t.choose(csv());
    t.byId('import-submit')?.click();
    t.fixture.detectChanges();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/imports/cadres' });
    const body = req.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('can-bo.csv');
    req.flush({ created: 3, unchanged: 1, skipped: 1, errors: [{ row: 5, message: 'Thiếu họ và tên' }] });
    await t.fixture.whenStable();
    expect(t.text('import-result')).toBe('Thêm mới 3, đã có 1, bỏ qua 1.');
    const cells = [...(t.byId('import-error-row')?.querySelectorAll('td') ?? [])].map((td) => td.textContent?.trim());
    expect(cells).toEqual(['5', 'Thiếu họ và tên']);
    expect(t.imported).toHaveBeenCalled();
  });

  it('shows the rejected rows of a 422 in a table, with the message in the current language', async () => {
    const t = await setup();
    await t.choose(csv());
    t.byId('import-submit')?.click();
    t.fixture.detectChanges();
    backend.expectOne('/api/v1/imports/cadres').flush(
      apiError('IMPORT_INVALID', 'Tệp có dòng không hợp lệ.', 'The file has invalid rows.', [
        { row: 2, message: 'Mã đơn vị không tồn tại' },
        { row: 4, message: { vi: 'Ngày sinh không hợp lệ', en: 'Invalid date of birth' } },
      ]),
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await t.fixture.whenStable();
    expect(t.text('import-error')).toBe('Tệp có dòng không hợp lệ.');
    expect(t.allById('import-error-row')).toHaveLength(2);
    expect(t.byId('import-result')).toBeNull();
    await TestBed.inject(LanguageService).use('en');
    await t.fixture.whenStable();
    expect(t.text('import-error')).toBe('The file has invalid rows.');
    expect(t.allById('import-error-row')[1].textContent).toContain('Invalid date of birth');
    expect(t.imported).not.toHaveBeenCalled();
  });

  it('downloads the template with the session token and reports a failure', async () => {
    const t = await setup();
    const createObjectURL = vi.fn(() => 'blob:template');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    t.byId('import-template')?.click();
    t.fixture.detectChanges();
    const req = backend.expectOne('/api/v1/imports/cadres/template');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['xlsx']));
    await t.fixture.whenStable();
    expect(createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
    click.mockRestore();

    t.byId('import-template')?.click();
    t.fixture.detectChanges();
    backend.expectOne('/api/v1/imports/cadres/template').error(new ProgressEvent('error'), { status: 0 });
    await t.fixture.whenStable();
    expect(t.text('import-template-error')).toBe('Không kết nối được máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.');
  });

  it('reads row errors from details as a list or under "errors"', () => {
    expect(rowErrorsOf([{ row: 1, message: 'x' }, { bad: true }])).toEqual([{ row: 1, message: 'x' }]);
    expect(rowErrorsOf({ errors: [{ row: 2, message: 'y' }] })).toEqual([{ row: 2, message: 'y' }]);
    expect(rowErrorsOf(null)).toEqual([]);
  });
});
