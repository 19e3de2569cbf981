import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ImportReport } from '@boiduong/shared-contracts';
import { apiError, LECTURER, query, setupTestBed } from '@boiduong/web-testing';
import { formatOfFile } from '../data/labels';
import { ImportPage } from './import-page';

// Component tests wait on real timers (debounce) on a busy machine: 5 s is too tight.
vi.setConfig({ testTimeout: 30_000 });

const PREVIEW: ImportReport = {
  created: 2,
  updated: 0,
  skipped: 1,
  errors: [{ line: 7, message: 'options: two options have the same text' }],
  warnings: [],
  dryRun: true,
  items: [
    { line: 1, ref: 'q1', type: 'single_choice', stem: 'Câu một', topic: 'Điều lệ', action: 'create' },
    { line: 3, ref: 'q2', type: 'true_false', stem: 'Câu hai', topic: 'Điều lệ', action: 'create' },
    { line: 5, ref: 'q3', type: 'true_false', stem: 'Câu ba', topic: 'Điều lệ', action: 'skip' },
  ],
};

describe('ImportPage', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: LECTURER });
    const fixture = TestBed.createComponent(ImportPage);
    fixture.detectChanges();
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const q = query(root);
    const stable = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    const choose = async (file: File) => {
      const input = q.byId('bank-import-file') as HTMLInputElement;
      // jsdom has no DataTransfer to build a FileList with.
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      await stable();
    };
    return { fixture, root, stable, choose, ...q };
  }

  const gift = () => new File(['::q1:: Câu một {=A ~B}'], 'cau-hoi.gift', { type: 'text/plain' });

  afterEach(() => backend.verify());

  it('previews with a dry run, shows every bad entry and valid item, then imports the valid ones only', async () => {
    const t = await setup();
    expect((t.byId('bank-import-preview') as HTMLButtonElement).disabled).toBe(true);
    await t.choose(gift());
    expect((t.byId('bank-import-format') as HTMLSelectElement).value).toBe('gift');
    t.byId('bank-import-preview')?.click();
    const dry = backend.expectOne((r) => r.url.startsWith('/api/v1/items/import'));
    expect(dry.request.url).toBe('/api/v1/items/import?format=gift&mode=valid-only&dryRun=true');
    expect(((dry.request.body as FormData).get('file') as File).name).toBe('cau-hoi.gift');
    dry.flush(PREVIEW);
    await t.stable();
    expect(t.text('bank-import-summary')).toBe('Sẽ thêm mới 2, cập nhật 0, bỏ qua 1 câu; 1 mục lỗi.');
    const bad = t.allById('bank-import-error-row');
    expect(bad.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.trim()))).toEqual([['7', 'options: two options have the same text']]);
    expect(t.allById('bank-import-item').map((r) => [r.dataset['line'], r.dataset['action']])).toEqual([['1', 'create'], ['3', 'create'], ['5', 'skip']]);
    expect(t.allById('bank-import-item')[2].textContent).toContain('Đã có, bỏ qua');
    expect(t.text('bank-import-confirm')).toBe('Chỉ nhập 2 câu hợp lệ');

    t.byId('bank-import-confirm')?.click();
    const real = backend.expectOne((r) => r.url.startsWith('/api/v1/items/import'));
    expect(real.request.url).toBe('/api/v1/items/import?format=gift&mode=valid-only&dryRun=false');
    real.flush({ ...PREVIEW, dryRun: false, items: undefined });
    await t.stable();
    expect(t.text('bank-import-result')).toBe('Đã thêm mới 2, cập nhật 0, bỏ qua 1 câu.');
    expect(t.byId('bank-import-confirm')).toBeNull();
  });

  it('imports a clean file in "all" mode and shows an unreadable file as an error', async () => {
    const t = await setup();
    await t.choose(new File(['x'], 'ngan-hang.xlsx'));
    expect((t.byId('bank-import-format') as HTMLSelectElement).value).toBe('xlsx');
    t.byId('bank-import-preview')?.click();
    backend
      .expectOne('/api/v1/items/import?format=xlsx&mode=valid-only&dryRun=true')
      .flush(apiError('ITEM_IMPORT_UNREADABLE', 'Không đọc được tệp nhập.', 'The import file cannot be read.'), { status: 422, statusText: 'Unprocessable Entity' });
    await t.stable();
    expect(t.text('bank-import-error')).toBe('Không đọc được tệp nhập.');
    expect(t.byId('bank-import-items')).toBeNull();

    t.byId('bank-import-preview')?.click();
    backend.expectOne('/api/v1/items/import?format=xlsx&mode=valid-only&dryRun=true').flush({ ...PREVIEW, errors: [], created: 1, skipped: 0, items: PREVIEW.items?.slice(0, 1) });
    await t.stable();
    expect(t.text('bank-import-confirm')).toBe('Nhập 1 câu');
    t.byId('bank-import-confirm')?.click();
    backend.expectOne('/api/v1/items/import?format=xlsx&mode=all&dryRun=false').flush({ ...PREVIEW, errors: [], created: 1, skipped: 0, dryRun: false });
    await t.stable();
    expect(t.byId('bank-import-result')).not.toBeNull();
  });

  it('guesses the format from the file name', () => {
    expect(['a.gift', 'a.gift.txt', 'a.XML', 'a.xlsx', 'a.txt', 'a.doc'].map(formatOfFile)).toEqual(['gift', 'gift', 'moodle-xml', 'xlsx', 'aiken', null]);
  });
});
