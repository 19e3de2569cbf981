import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { LanguageService } from '@boiduong/web-core';
import { apiError, LECTURER, query, setupTestBed, type } from '@boiduong/web-testing';
import { summary, version } from '../../test-fixtures';
import { ItemEditorPage } from './item-editor-page';

// Component tests wait on real timers (debounce) on a busy machine: 5 s is too tight.
vi.setConfig({ testTimeout: 30_000 });

describe('ItemEditorPage', () => {
  let backend: HttpTestingController;

  async function setup(id?: string) {
    backend = await setupTestBed({ user: LECTURER });
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(ItemEditorPage);
    if (id) fixture.componentRef.setInput('id', id);
    // Not whenStable: with an item to load, its request stays pending until the test answers it.
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const q = query(root);
    const options = () => q.allById('option-text') as HTMLInputElement[];
    const stable = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, root, navigate, options, stable, ...q };
  }

  afterEach(() => backend.verify());

  it('checks the form like the API before sending anything', async () => {
    const t = await setup();
    t.byId('item-save')?.click();
    await t.stable();
    const problems = t.allById('editor-problem').map((p) => p.dataset['field']);
    expect(problems).toEqual(expect.arrayContaining(['stem', 'options[0].text', 'key', 'topic']));
    expect(t.text('editor-problems')).toContain('Vui lòng nhập nội dung câu hỏi.');
    expect(t.byId('item-stem')?.getAttribute('aria-invalid')).toBe('true');
    backend.expectNone('/api/v1/items');
  });

  it('creates a single-choice item and opens it', async () => {
    const t = await setup();
    type(t.byId('item-stem'), 'Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?');
    await t.stable();
    ['26/3/1931', '3/2/1930', '19/5/1941', '2/9/1945'].forEach((text, i) => type(t.options()[i], text));
    (t.allById('option-correct')[0] as HTMLInputElement).dispatchEvent(new Event('change'));
    type(t.byId('item-topic'), 'Lịch sử Đoàn');
    type(t.byId('item-tags'), 'lịch sử, Điều lệ');
    type(t.byId('item-source-document'), 'Điều lệ Đoàn TNCS Hồ Chí Minh');
    await t.stable();
    t.byId('item-save')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/items' });
    expect(req.request.body).toMatchObject({
      type: 'single_choice',
      options: [{ id: 'a', text: '26/3/1931' }, { id: 'b', text: '3/2/1930' }, { id: 'c', text: '19/5/1941' }, { id: 'd', text: '2/9/1945' }],
      key: 'a',
      tags: ['lịch sử', 'Điều lệ'],
      source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
    });
    req.flush({ id: 'i-9', version: 1, status: 'draft', similar: [] });
    await t.stable();
    expect(t.navigate).toHaveBeenCalledWith(['/bank', 'i-9'], { queryParams: { saved: 1 } });
  });

  it('authors an ordering item by moving entries, and a true/false item', async () => {
    const t = await setup();
    type(t.byId('item-type'), 'ordering');
    await t.stable();
    // The four blank options of the default single choice are kept.
    expect(t.options()).toHaveLength(4);
    t.allById('option-remove')[3].click();
    await t.stable();
    ['Đại hội I', 'Đại hội II', 'Đại hội III'].forEach((text, i) => type(t.options()[i], text));
    await t.stable();
    t.allById('option-down')[0].click();
    await t.stable();
    expect(t.options().map((o) => o.value)).toEqual(['Đại hội II', 'Đại hội I', 'Đại hội III']);
    type(t.byId('item-stem'), 'Sắp xếp theo thời gian');
    type(t.byId('item-topic'), 'Lịch sử Đoàn');
    await t.stable();
    t.byId('item-save')?.click();
    const req = backend.expectOne('/api/v1/items');
    expect(req.request.body).toMatchObject({ type: 'ordering', key: ['b', 'a', 'c'] });
    req.flush({ id: 'i-2', version: 1, status: 'draft', similar: [{ itemId: 'i-3', similarity: 0.8 }] });
    await t.stable();
    // A near-duplicate keeps the author here to check it.
    expect(t.navigate).not.toHaveBeenCalled();
    expect(t.byId('editor-similar')?.querySelector('a')?.getAttribute('href')).toBe('/bank/i-3');

    type(t.byId('item-type'), 'true_false');
    await t.stable();
    expect(t.byId('item-options')).toBeNull();
    t.byId('tf-false')?.dispatchEvent(new Event('change'));
    await t.stable();
    t.byId('item-save')?.click();
    expect(backend.expectOne('/api/v1/items').request.body).toMatchObject({ type: 'true_false', key: false, options: [], stem: 'Sắp xếp theo thời gian' });
  });

  it('edits an approved item as a new version and shows the API error with its field in the current language', async () => {
    const t = await setup('i-1');
    t.fixture.detectChanges();
    backend.expectOne('/api/v1/items/i-1').flush({ ...summary({ status: 'approved', approvedVersion: 1 }), current: version() });
    await t.stable();
    expect(t.text('editor-new-version')).toBe('Câu hỏi đã được duyệt hoặc đã dùng trong bài thi: khi lưu sẽ tạo phiên bản 2 và cần duyệt lại.');
    expect((t.byId('item-type') as HTMLSelectElement).disabled).toBe(true);
    expect(t.options().map((o) => o.value)).toEqual(['26/3/1931', '3/2/1930']);
    type(t.options()[1], '3/2/1930 ');
    await t.stable();
    t.byId('item-save')?.click();
    const req = backend.expectOne({ method: 'PATCH', url: '/api/v1/items/i-1' });
    expect(req.request.body).not.toHaveProperty('type');
    expect(req.request.body).toMatchObject({ key: 'a', topic: 'Lịch sử Đoàn' });
    req.flush(
      apiError('ITEM_DUPLICATE_OPTIONS', 'Các phương án bị trùng nhau.', 'Two options are the same.', {
        field: 'options',
        reason: 'two options have the same text',
        problems: [{ code: 'ITEM_DUPLICATE_OPTIONS', field: 'options', message: 'two options have the same text' }],
      }),
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await t.stable();
    expect(t.text('editor-error')).toContain('Các phương án bị trùng nhau.');
    expect(t.text('failure-field')).toBe('options: two options have the same text');
    await TestBed.inject(LanguageService).use('en');
    await t.stable();
    expect(t.text('editor-error')).toContain('Two options are the same.');
    expect(t.navigate).not.toHaveBeenCalled();
  });
});
