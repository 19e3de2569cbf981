import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission } from '@boiduong/shared-contracts';
import { LanguageService } from '@boiduong/web-core';
import { apiError, ORG_ADMIN, query, settled, setupTestBed, sleep, type } from '@boiduong/web-testing';
import { BADINH, BRANCH1, HANOI, HOANKIEM, unit, VISIBLE_UNITS } from '../../test-fixtures';
import { OrgTreePage, SEARCH_DEBOUNCE_MS } from './org-tree-page';

describe('OrgTreePage', () => {
  let backend: HttpTestingController;

  async function setup(permissions: Permission[] = [Permission.OrgUnitRead]) {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions });
    const fixture = TestBed.createComponent(OrgTreePage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const settle = () => settled(fixture);
    const nodeNames = () => query(root).allById('org-node-name').map((n) => n.textContent?.trim());
    const node = (code: string) => root.querySelector<HTMLElement>(`[data-testid="org-node"][data-code="${code}"]`);
    return { fixture, root, settle, nodeNames, node, ...query(root) };
  }

  /** Answers the first load (visible units) and the automatic opening of the single root. */
  async function loadTree(t: Awaited<ReturnType<typeof setup>>) {
    backend.expectOne('/api/v1/org-units').flush(VISIBLE_UNITS);
    await t.settle();
    backend.expectOne(`/api/v1/org-units/${HANOI.id}/children`).flush([BADINH, HOANKIEM]);
    await t.settle();
  }

  afterEach(() => backend.verify());

  it('shows the top visible unit opened, with its children and their type in Vietnamese', async () => {
    const t = await setup();
    await loadTree(t);
    expect(t.nodeNames()).toEqual(['Thành đoàn Hà Nội', 'Đoàn phường Ba Đình', 'Đoàn phường Hoàn Kiếm']);
    expect(t.node('HNI-BADINH')?.textContent).toContain('Xã/Phường/Đặc khu');
    expect(t.node('HNI')?.querySelector('[data-testid="org-toggle"]')?.getAttribute('aria-expanded')).toBe('true');
  });

  it('loads children on demand and collapses them again', async () => {
    const t = await setup();
    await loadTree(t);
    const toggle = t.node('HNI-BADINH')?.querySelector<HTMLButtonElement>('[data-testid="org-toggle"]');
    toggle?.click();
    await t.settle();
    backend.expectOne(`/api/v1/org-units/${BADINH.id}/children`).flush([BRANCH1]);
    await t.settle();
    expect(t.node('HNI-BADINH-CD1')?.textContent).toContain('Chi đoàn');
    toggle?.click();
    await t.settle();
    expect(t.node('HNI-BADINH-CD1')).toBeNull();
    toggle?.click();
    await t.settle();
    // Already loaded: no second request.
    expect(t.node('HNI-BADINH-CD1')).not.toBeNull();
  });

  it('hides the add button without org_unit.manage', async () => {
    const t = await setup([Permission.OrgUnitRead]);
    await loadTree(t);
    expect(t.allById('org-add-child')).toHaveLength(0);
  });

  it('validates the new unit form, then posts it under the parent and shows it', async () => {
    const t = await setup([Permission.OrgUnitRead, Permission.OrgUnitManage]);
    await loadTree(t);
    expect(t.allById('org-add-child')).toHaveLength(3);
    t.node('HNI')?.querySelector<HTMLButtonElement>('[data-testid="org-add-child"]')?.click();
    await t.settle();
    expect((t.byId('org-unit-type') as HTMLSelectElement).value).toBe('commune');
    expect(document.activeElement).toBe(t.byId('org-unit-name'));

    t.byId('org-unit-submit')?.click();
    await t.settle();
    expect(t.root.textContent).toContain('Vui lòng nhập mã đơn vị.');
    backend.expectNone('/api/v1/org-units');

    type(t.byId('org-unit-name'), 'Đoàn phường Tây Hồ');
    type(t.byId('org-unit-code'), 'HNI-TAYHO');
    t.byId('org-unit-submit')?.click();
    await t.settle();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/org-units' });
    expect(req.request.body).toEqual({ parentId: HANOI.id, code: 'HNI-TAYHO', name: 'Đoàn phường Tây Hồ', type: 'commune' });
    req.flush(unit('o-th', 'HNI-TAYHO', 'Đoàn phường Tây Hồ', 'commune', HANOI.id));
    await t.settle();
    expect(t.byId('org-unit-form')).toBeNull();
    expect(t.text('org-unit-created')).toContain('HNI-TAYHO');
    expect(t.nodeNames()).toContain('Đoàn phường Tây Hồ');
  });

  it('shows a duplicate code error in the current language and follows a language switch', async () => {
    const t = await setup([Permission.OrgUnitRead, Permission.OrgUnitManage]);
    await loadTree(t);
    t.node('HNI')?.querySelector<HTMLButtonElement>('[data-testid="org-add-child"]')?.click();
    await t.settle();
    type(t.byId('org-unit-name'), 'Đoàn phường Ba Đình');
    type(t.byId('org-unit-code'), 'HNI-BADINH');
    t.byId('org-unit-submit')?.click();
    await t.settle();
    backend
      .expectOne({ method: 'POST', url: '/api/v1/org-units' })
      .flush(apiError('ORG_UNIT_CODE_TAKEN', 'Mã đơn vị HNI-BADINH đã được dùng.', 'Unit code HNI-BADINH is taken.'), {
        status: 409,
        statusText: 'Conflict',
      });
    await t.settle();
    expect(t.text('org-unit-error')).toBe('Mã đơn vị HNI-BADINH đã được dùng.');
    await TestBed.inject(LanguageService).use('en');
    await t.settle();
    expect(t.text('org-unit-error')).toBe('Unit code HNI-BADINH is taken.');
    expect(t.byId('org-unit-form')).not.toBeNull();
  });

  it('searches without diacritics after a pause and lists matches with their type', async () => {
    const t = await setup();
    await loadTree(t);
    type(t.byId('org-search'), 'ba dinh');
    await sleep(SEARCH_DEBOUNCE_MS + 50);
    t.fixture.detectChanges();
    backend.expectOne('/api/v1/org-units?q=ba%20dinh').flush([BADINH]);
    await t.settle();
    const results = t.allById('org-search-result');
    expect(results).toHaveLength(1);
    expect(results[0].textContent).toContain('Đoàn phường Ba Đình');
    expect(results[0].textContent).toContain('Xã/Phường/Đặc khu');
    expect(results[0].textContent).toContain('Thành đoàn Hà Nội');
  });

  it('shows a localized message when the tree cannot be loaded', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/org-units').error(new ProgressEvent('error'), { status: 0 });
    await t.settle();
    expect(t.text('org-tree-error')).toBe('Không kết nối được máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.');
  });
});
