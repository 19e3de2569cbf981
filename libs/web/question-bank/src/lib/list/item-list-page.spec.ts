import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission } from '@boiduong/shared-contracts';
import { LECTURER, query, setupTestBed, sleep, type } from '@boiduong/web-testing';
import { summary } from '../../test-fixtures';
import { ItemListPage, PAGE_SIZE, SEARCH_DEBOUNCE_MS } from './item-list-page';

// Component tests wait on real timers (debounce) on a busy machine: 5 s is too tight.
vi.setConfig({ testTimeout: 30_000 });

const first = `/api/v1/items?limit=${PAGE_SIZE + 1}&offset=0`;

describe('ItemListPage', () => {
  let backend: HttpTestingController;

  async function setup(permissions = [Permission.ItemAuthor, Permission.ItemReview]) {
    backend = await setupTestBed({ user: LECTURER, permissions });
    const fixture = TestBed.createComponent(ItemListPage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const stable = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, root, stable, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('lists items with status, type and a link, and offers authoring to authors only', async () => {
    const t = await setup();
    backend.expectOne(first).flush([summary(), summary({ id: 'i-2', status: 'in_review', stem: '<b>Câu</b> hai &amp; ba' })]);
    await t.stable();
    const rows = t.allById('bank-row');
    expect(rows.map((r) => r.querySelector('[data-testid="bank-link"]')?.textContent?.trim())).toEqual(['Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?', 'Câu hai & ba']);
    expect(rows[1].querySelector('[data-testid="bank-row-status"]')?.textContent?.trim()).toBe('Chờ duyệt');
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/bank/i-1');
    expect(t.byId('bank-new')).not.toBeNull();
    expect((t.byId('bank-next') as HTMLButtonElement).disabled).toBe(true);

    TestBed.resetTestingModule();
    const reviewer = await setup([Permission.ItemReview]);
    backend.expectOne(first).flush([]);
    await reviewer.stable();
    expect(reviewer.byId('bank-new')).toBeNull();
    expect(reviewer.text('bank-list-empty')).toBe('Không có câu hỏi nào phù hợp.');
  });

  it('sends the search after a pause and every filter to the API, back on page one', async () => {
    const t = await setup();
    backend.expectOne(first).flush([]);
    await t.stable();
    type(t.byId('bank-filter-status'), 'in_review');
    type(t.byId('bank-filter-type'), 'ordering');
    type(t.byId('bank-filter-level'), 'application');
    type(t.byId('bank-filter-topic'), 'Lịch sử Đoàn');
    type(t.byId('bank-filter-tag'), 'điều lệ');
    type(t.byId('bank-search'), 'doan thanh nien');
    // Let the filters reach the debounced stream, then wait out the pause.
    await t.stable();
    backend.expectNone((r) => r.url.includes('q='));
    await sleep(SEARCH_DEBOUNCE_MS + 100);
    t.fixture.detectChanges();
    const req = backend.expectOne((r) => r.url.startsWith('/api/v1/items?'));
    const params = new URL(req.request.urlWithParams, 'http://x').searchParams;
    expect(Object.fromEntries(params)).toEqual({
      q: 'doan thanh nien',
      status: 'in_review',
      type: 'ordering',
      level: 'application',
      topic: 'Lịch sử Đoàn',
      tag: 'điều lệ',
      limit: String(PAGE_SIZE + 1),
      offset: '0',
    });
    req.flush([]);
  });

  it('pages through results, knowing a next page from one extra row', async () => {
    const t = await setup();
    backend.expectOne(first).flush(Array.from({ length: PAGE_SIZE + 1 }, (_, i) => summary({ id: `i-${i}`, stem: `Câu ${i}` })));
    await t.stable();
    expect(t.allById('bank-row')).toHaveLength(PAGE_SIZE);
    t.byId('bank-next')?.click();
    t.fixture.detectChanges();
    backend.expectOne(`/api/v1/items?limit=${PAGE_SIZE + 1}&offset=${PAGE_SIZE}`).flush([summary({ id: 'i-last', stem: 'Câu cuối' })]);
    await t.stable();
    expect(t.text('bank-page')).toBe('Trang 2');
    expect(t.allById('bank-row')).toHaveLength(1);
    expect((t.byId('bank-next') as HTMLButtonElement).disabled).toBe(true);
    t.byId('bank-prev')?.click();
    t.fixture.detectChanges();
    backend.expectOne(first).flush([]);
  });
});
