import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission } from '@boiduong/shared-contracts';
import { apiError, ORG_ADMIN, query, settled, setupTestBed } from '@boiduong/web-testing';
import { BADINH, HANOI, HOANKIEM, unit, VISIBLE_UNITS } from '../../test-fixtures';
import { OrgTreePage } from './org-tree-page';

describe('OrgTreePage unit import', () => {
  let backend: HttpTestingController;

  async function setup(permissions: Permission[]) {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions });
    const fixture = TestBed.createComponent(OrgTreePage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const settle = () => settled(fixture);
    const q = query(root);
    const loadTree = async () => {
      backend.expectOne('/api/v1/org-units').flush(VISIBLE_UNITS);
      await settle();
      backend.expectOne(`/api/v1/org-units/${HANOI.id}/children`).flush([BADINH, HOANKIEM]);
      await settle();
    };
    const chooseAndUpload = async (file: File) => {
      const input = q.byId('import-file') as HTMLInputElement;
      // jsdom has no DataTransfer to build a FileList with.
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      await settle();
      q.byId('import-submit')?.click();
      // Not whenStable: the pending upload would hold it until the test answers.
      fixture.detectChanges();
    };
    return { fixture, root, settle, loadTree, chooseAndUpload, ...q };
  }

  const NEW_UNIT = unit('o-moi', 'HNI-MOI', 'Đoàn xã Mới', 'commune', HANOI.id);
  const csv = () => new File(['Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên\n'], 'don-vi.csv', { type: 'text/csv' });

  afterEach(() => backend.verify());

  it('does not offer the import to those who only read units', async () => {
    const reader = await setup([Permission.OrgUnitRead]);
    await reader.loadTree();
    expect(reader.byId('unit-import-toggle')).toBeNull();
  });

  it('opens the units import panel for those who manage units', async () => {
    const admin = await setup([Permission.OrgUnitRead, Permission.OrgUnitManage]);
    await admin.loadTree();
    const toggle = admin.byId('unit-import-toggle') as HTMLButtonElement;
    expect(toggle.textContent?.trim()).toBe('Nhập đơn vị từ tệp');
    expect(admin.byId('import-panel')).toBeNull();
    toggle.click();
    await admin.settle();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(admin.byId('import-panel')?.querySelector('h2')?.textContent?.trim()).toBe('Nhập danh sách đơn vị');
  });

  it('uploads units, shows the counts and reloads the tree', async () => {
    const t = await setup([Permission.OrgUnitRead, Permission.OrgUnitManage]);
    await t.loadTree();
    t.byId('unit-import-toggle')?.click();
    await t.settle();
    await t.chooseAndUpload(csv());
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/imports/org-units' });
    expect(((req.request.body as FormData).get('file') as File).name).toBe('don-vi.csv');
    req.flush({ total: 3, created: 2, unchanged: 1, skipped: 0, errors: [] });
    t.fixture.detectChanges();
    // The units are read again, and the children of the open node, which now include the new unit.
    backend.expectOne(`/api/v1/org-units/${HANOI.id}/children`).flush([BADINH, HOANKIEM, NEW_UNIT]);
    backend.expectOne('/api/v1/org-units').flush([...VISIBLE_UNITS, NEW_UNIT]);
    await t.settle();
    expect(t.root.querySelector('[data-testid="org-node"][data-code="HNI-MOI"]')?.textContent).toContain('Đoàn xã Mới');
    expect(t.text('import-result')).toBe('Thêm mới 2, đã có 1, bỏ qua 0.');
  });

  it('lists the rows of a refused file with their number and reason, and downloads the units template', async () => {
    const t = await setup([Permission.OrgUnitRead, Permission.OrgUnitManage]);
    await t.loadTree();
    t.byId('unit-import-toggle')?.click();
    await t.settle();
    await t.chooseAndUpload(csv());
    backend
      .expectOne({ method: 'POST', url: '/api/v1/imports/org-units' })
      .flush(
        apiError('IMPORT_INVALID', 'Tệp nhập có dòng không hợp lệ.', 'The file has bad rows.', { errors: [{ row: 4, field: 'parentCode', reason: 'parent_not_found', message: { vi: 'Không tìm thấy đơn vị cấp trên.', en: 'No such parent.' } }] }),
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await t.settle();
    const cells = [...(t.byId('import-error-row')?.querySelectorAll('td') ?? [])].map((td) => td.textContent?.trim());
    expect(cells).toEqual(['4', 'Không tìm thấy đơn vị cấp trên.']);

    t.byId('import-template')?.click();
    t.fixture.detectChanges();
    const template = backend.expectOne({ method: 'GET', url: '/api/v1/imports/org-units/template' });
    expect(template.request.responseType).toBe('blob');
    template.flush(new Blob(['x']));
    await t.settle();
  });
});
