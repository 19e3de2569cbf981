import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createTestApp, orgUnitIds, signInAll, type TestApp } from '@boiduong/api-testing';
import type { ImportReport, ItemSummary, ItemVersionView, ItemWriteResult } from '@boiduong/shared-contracts';
import { QuestionBankModule } from './question-bank.module';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BankImportService } from './services/bank-import.service';
import { ItemsService } from './services/items.service';

describe('question bank against PostgreSQL', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const unit: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp([IdentityModule, QuestionBankModule], {
      DEMO_DATA: 'true',
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
    });
    await t.app.get(BootstrapService).run();
    Object.assign(tokens, await signInAll(t, ['giangvien', 'admin.hanoi', 'hocvien', 'admin.danang'], DEMO_PASSWORD));
    Object.assign(unit, await orgUnitIds(t));
  });
  afterAll(() => t.close());

  const item = (over: Record<string, unknown> = {}) => ({
    type: 'single_choice',
    stem: '<p>Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?<script>alert(1)</script></p>',
    options: [{ text: '26/3/1931' }, { text: '3/2/1930' }, { text: '19/5/1941' }],
    key: 'a',
    topic: 'Lịch sử Đoàn',
    level: 'recognition',
    programIds: ['basic'],
    tags: ['lịch sử'],
    source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh', article: 'Lời nói đầu' },
    ...over,
  });
  const post = (body: unknown, who = 'giangvien') => t.request<ItemWriteResult>('POST', '/api/v1/items', { body, token: tokens[who] });
  let counter = 0;
  const fresh = (over: Record<string, unknown> = {}) => item({ stem: `Câu hỏi số ${++counter}: Đại hội Đoàn toàn quốc lần thứ ${counter} họp năm nào?`, ...over });

  describe('authoring', () => {
    it('creates an item with generated option ids in the author unit, sanitized, as version 1', async () => {
      const res = await post(item());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), version: 1, status: 'draft' });
      const versions = await t.request<ItemVersionView[]>('GET', `/api/v1/items/${res.body.id}/versions`, { token: tokens['giangvien'] });
      expect(versions.body).toHaveLength(1);
      expect(versions.body[0].stem).not.toContain('script');
      expect(versions.body[0].options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
      expect(versions.body[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
      const [row] = await t.db.query(`SELECT owner_org_unit_id FROM qb_items WHERE id = $1`, [res.body.id]);
      expect(row.owner_org_unit_id).toBe(unit['HNI']);
    });

    it('refuses an exact duplicate in the same unit with 409 and warns of a near-duplicate', async () => {
      expect((await post(item())).status).toBe(409);
      const near = await post(item({ stem: 'Đoàn TNCS Hồ Chí Minh được thành lập vào ngày nào?' }));
      expect(near.status).toBe(201);
      expect(near.body.similar.length).toBeGreaterThan(0);
    });

    it.each([
      ['key', { key: 'z' }, 'ITEM_KEY_UNKNOWN_OPTION'],
      ['key', { key: undefined }, 'ITEM_NO_CORRECT_ANSWER'],
      ['options', { options: [{ text: 'A' }, { text: 'a ' }] }, 'ITEM_DUPLICATE_OPTIONS'],
      ['stem', { stem: 'x'.repeat(10_001) }, 'ITEM_STEM_TOO_LONG'],
    ])('answers 422 naming the field %s', async (field, over, code) => {
      const res = await post(fresh(over));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code, details: { field } });
    });

    it('refuses learners (403) and units outside the author subtree (404)', async () => {
      expect((await post(fresh(), 'hocvien')).status).toBe(403);
      expect((await post(fresh({ ownerOrgUnitId: unit['DNG'] }))).status).toBe(404);
      const created = await post(fresh());
      for (const [method, url] of [
        ['GET', `/api/v1/items/${created.body.id}`],
        ['GET', `/api/v1/items/${created.body.id}/versions`],
        ['PATCH', `/api/v1/items/${created.body.id}`],
        ['POST', `/api/v1/items/${created.body.id}/approve`],
        ['POST', `/api/v1/items/${created.body.id}/retire`],
        ['POST', `/api/v1/items/${created.body.id}/submit-review`],
        ['POST', `/api/v1/items/${created.body.id}/comments`],
        ['GET', `/api/v1/items/${created.body.id}/comments`],
      ] as const) {
        const body = method === 'PATCH' ? { topic: 'Khác' } : url.endsWith('comments') && method === 'POST' ? { body: 'Nhận xét' } : method === 'GET' ? undefined : {};
        expect((await t.request(method, url, { token: tokens['admin.danang'], body })).status).toBe(method === 'PATCH' || url.endsWith('submit-review') ? 403 : 404);
        expect((await t.request(method, url, { token: tokens['hocvien'], body })).status).toBe(403);
      }
      const list = await t.request<ItemSummary[]>('GET', '/api/v1/items', { token: tokens['admin.danang'] });
      expect(list.body.map((i) => i.id)).not.toContain(created.body.id);
    });
  });

  describe('versions and review', () => {
    it('sends an item under review back to draft with a required comment, for reviewers of its unit only', async () => {
      const { id } = (await post(fresh())).body;
      const reject = (who: string, body: unknown) => t.request<ItemWriteResult>('POST', `/api/v1/items/${id}/reject`, { token: tokens[who], body });
      expect((await reject('admin.hanoi', { comment: 'Sửa lại.' })).status).toBe(409);
      await t.request('POST', `/api/v1/items/${id}/submit-review`, { token: tokens['giangvien'] });
      expect((await reject('admin.hanoi', {})).status).toBe(400);
      expect((await reject('hocvien', { comment: 'x' })).status).toBe(403);
      expect((await reject('admin.danang', { comment: 'x' })).status).toBe(404);
      const res = await reject('admin.hanoi', { comment: 'Phương án B chưa chính xác.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, version: 1, status: 'draft' });
      const comments = await t.request<Array<{ body: string; version: number }>>('GET', `/api/v1/items/${id}/comments`, { token: tokens['giangvien'] });
      expect(comments.body).toEqual([expect.objectContaining({ body: 'Phương án B chưa chính xác.', version: 1 })]);
      // Back in draft, the author can fix it and submit again.
      expect((await t.request('POST', `/api/v1/items/${id}/submit-review`, { token: tokens['giangvien'] })).status).toBe(200);
    });

    it('edits a draft in place, then after approval and use creates new versions and keeps the used one', async () => {
      const created = await post(fresh());
      const id = created.body.id;
      const edit = await t.request<ItemWriteResult>('PATCH', `/api/v1/items/${id}`, { token: tokens['giangvien'], body: { explanation: 'Theo Điều lệ.' } });
      expect(edit.body.version).toBe(1);

      expect((await t.request('POST', `/api/v1/items/${id}/approve`, { token: tokens['admin.hanoi'] })).status).toBe(409);
      expect((await t.request('POST', `/api/v1/items/${id}/submit-review`, { token: tokens['giangvien'] })).status).toBe(200);
      const self = await t.request('POST', `/api/v1/items/${id}/approve`, { token: tokens['giangvien'] });
      expect(self.status).toBe(403);
      expect(self.body).toMatchObject({ code: 'ITEM_SELF_REVIEW' });
      const approved = await t.request<ItemWriteResult>('POST', `/api/v1/items/${id}/approve`, { token: tokens['admin.hanoi'], body: { comment: 'Đạt.' } });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      const comments = await t.request<unknown[]>('GET', `/api/v1/items/${id}/comments`, { token: tokens['giangvien'] });
      expect(comments.body).toHaveLength(1);

      // An attempt shows version 1; a later edit must not change what that learner saw.
      const seen = await t.app.get(ItemsService).markUsed(id, 1);
      const v2 = await t.request<ItemWriteResult>('PATCH', `/api/v1/items/${id}`, { token: tokens['giangvien'], body: { key: 'b' } });
      expect(v2.body).toMatchObject({ version: 2, status: 'draft' });
      const versions = await t.request<ItemVersionView[]>('GET', `/api/v1/items/${id}/versions`, { token: tokens['giangvien'] });
      expect(versions.body.map((v) => [v.version, v.key])).toEqual([[1, 'a'], [2, 'b']]);
      expect(versions.body[0].contentHash).toBe(seen.contentHash);
      const [row] = await t.db.query(`SELECT approved_version, current_version FROM qb_items WHERE id = $1`, [id]);
      expect(row).toEqual({ approved_version: 1, current_version: 2 });
      // Unchanged content is not a new version.
      const same = await t.request<ItemWriteResult>('PATCH', `/api/v1/items/${id}`, { token: tokens['giangvien'], body: { key: 'b' } });
      expect(same.body.version).toBe(2);

      expect((await t.request('POST', `/api/v1/items/${id}/retire`, { token: tokens['admin.hanoi'] })).status).toBe(200);
      expect((await t.request('PATCH', `/api/v1/items/${id}`, { token: tokens['giangvien'], body: { key: 'c' } })).status).toBe(409);
    });
  });

  describe('search', () => {
    it('matches the stem without diacritics or case, with filters', async () => {
      const created = await post(fresh({ stem: 'Luật Thanh niên năm 2020 quy định độ tuổi thanh niên là bao nhiêu?', type: 'short_answer', options: [], key: ['từ đủ 16 tuổi đến 30 tuổi'], level: 'comprehension' }));
      expect(created.status).toBe(201);
      const hit = await t.request<ItemSummary[]>('GET', '/api/v1/items?q=LUAT%20THANH%20NIEN&type=short_answer&level=comprehension', { token: tokens['giangvien'] });
      expect(hit.body.map((i) => i.id)).toEqual([created.body.id]);
      const miss = await t.request<ItemSummary[]>('GET', '/api/v1/items?q=luat%20thanh%20nien&level=application', { token: tokens['giangvien'] });
      expect(miss.body).toEqual([]);
      const other = await t.request<ItemSummary[]>('GET', '/api/v1/items?q=luat', { token: tokens['admin.danang'] });
      expect(other.body).toEqual([]);
    });
  });

  describe('publication', () => {
    it('shows an approved item to authors and reviewers of other subtrees, filters by tag, never drafts', async () => {
      const created = await post(fresh({ tags: ['công bố'] }));
      const id = created.body.id;
      const seen = async () => (await t.request<ItemSummary[]>('GET', '/api/v1/items?tag=c%C3%B4ng%20b%E1%BB%91', { token: tokens['admin.danang'] })).body.map((i) => i.id);
      expect(await seen()).toEqual([]);
      await t.request('POST', `/api/v1/items/${id}/submit-review`, { token: tokens['giangvien'] });
      expect(await seen()).toEqual([]);
      await t.request('POST', `/api/v1/items/${id}/approve`, { token: tokens['admin.hanoi'] });
      expect(await seen()).toEqual([id]);
      expect((await t.request('GET', `/api/v1/items/${id}`, { token: tokens['admin.danang'] })).status).toBe(200);
      // Visible is not editable: the other province still cannot retire it.
      expect((await t.request('POST', `/api/v1/items/${id}/retire`, { token: tokens['admin.danang'] })).status).toBe(404);
    });
  });

  describe('import and export', () => {
    it('warns of near-duplicates with the line of the new item', async () => {
      const res = await t.request<{ created: number; warnings: Array<{ line: number; message: string }> }>('POST', '/api/v1/items/import?format=aiken&dryRun=true', {
        body: { content: 'Đoàn TNCS Hồ Chí Minh được thành lập vào ngày tháng năm nào?\nA. 26/3/1931\nB. 3/2/1930\nANSWER: A\n' },
        token: tokens['giangvien'],
      });
      expect(res.body.created).toBe(1);
      expect(res.body.warnings).toEqual([{ line: 1, message: expect.stringMatching(/^similar to item/) }]);
    });

    const gift = (n: number, extra = '') =>
      `$CATEGORY: $course$/top/Nhập GIFT\n\n::imp-1::Câu nhập ${n} thứ nhất về Điều lệ Đoàn? {=Đúng ~Sai}\n\n::imp-2::Câu nhập ${n} thứ hai về Luật Thanh niên? {TRUE}\n${extra}`;
    const importText = (body: string, query = '', who = 'giangvien') =>
      t.request<{ created: number; updated: number; skipped: number; errors: Array<{ line: number; message: string }> }>('POST', `/api/v1/items/import?format=gift${query}`, {
        body,
        token: tokens[who],
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });

    it('writes nothing when one question is bad, reports its line, and imports the valid ones on request', async () => {
      const bad = gift(1, '\nCâu không có đáp án {=a ~a}\n');
      const all = await importText(bad);
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ created: 0, updated: 0, errors: [{ line: 7, message: expect.stringContaining('options') }] });
      expect((await t.db.query(`SELECT count(*)::int AS n FROM qb_items WHERE external_ref LIKE 'imp-%'`))[0].n).toBe(0);
      const dry = await importText(bad, '&mode=valid-only&dryRun=true');
      expect(dry.body).toMatchObject({ created: 2, dryRun: true });
      expect((await t.db.query(`SELECT count(*)::int AS n FROM qb_items WHERE external_ref LIKE 'imp-%'`))[0].n).toBe(0);
      const valid = await importText(bad, '&mode=valid-only');
      expect(valid.body).toMatchObject({ created: 2, skipped: 0, errors: [{ line: 7 }] });
    });

    it('previews a file on a dry run: every valid item with its action, every bad entry with its line', async () => {
      const bad = gift(1, '\nCâu không có đáp án {=a ~a}\n') + '\n::imp-3::Câu nhập 1 thứ ba về Nghị quyết Đại hội Đoàn? {FALSE}\n';
      for (const mode of ['all', 'valid-only']) {
        const res = await t.request<ImportReport>('POST', `/api/v1/items/import?format=gift&mode=${mode}&dryRun=true`, {
          body: bad,
          token: tokens['giangvien'],
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
        expect(res.status).toBe(200);
        expect(res.body.dryRun).toBe(true);
        expect(res.body.errors).toEqual([{ line: 7, message: expect.stringContaining('options') }]);
        // imp-1 and imp-2 exist already (same content): skipped; imp-3 is new.
        expect(res.body.items).toEqual([
          { line: 3, ref: 'imp-1', type: 'single_choice', stem: 'Câu nhập 1 thứ nhất về Điều lệ Đoàn?', topic: 'Nhập GIFT', action: 'skip' },
          { line: 5, ref: 'imp-2', type: 'true_false', stem: 'Câu nhập 1 thứ hai về Luật Thanh niên?', topic: 'Nhập GIFT', action: 'skip' },
          { line: 9, ref: 'imp-3', type: 'true_false', stem: 'Câu nhập 1 thứ ba về Nghị quyết Đại hội Đoàn?', topic: 'Nhập GIFT', action: 'create' },
        ]);
        // With mode=all a file with a bad entry would write nothing.
        expect(res.body.created).toBe(mode === 'all' ? 0 : 1);
      }
      expect((await t.db.query(`SELECT count(*)::int AS n FROM qb_items WHERE external_ref = 'imp-3'`))[0].n).toBe(0);
      const real = await importText(bad);
      expect(real.body).not.toHaveProperty('items');
    });

    it('is idempotent by content hash and turns an edited question into a new version', async () => {
      const again = await importText(gift(1));
      expect(again.body).toMatchObject({ created: 0, updated: 0, skipped: 2, errors: [] });
      const [before] = await t.db.query(`SELECT id, current_version FROM qb_items WHERE external_ref = 'imp-1'`);
      await t.db.query(`UPDATE qb_item_versions SET used_at = now() WHERE item_id = $1`, [before.id]);
      const edited = await importText(gift(1).replace('{=Đúng ~Sai}', '{=Đúng ~Sai ~Không rõ}'));
      expect(edited.body).toMatchObject({ created: 0, updated: 1, skipped: 1 });
      const [after] = await t.db.query(`SELECT current_version FROM qb_items WHERE id = $1`, [before.id]);
      expect(after.current_version).toBe(before.current_version + 1);
    });

    it('accepts multipart files and JSON content, and refuses other bodies with 415', async () => {
      const json = await t.request<{ skipped: number }>('POST', '/api/v1/items/import?format=aiken', {
        body: { content: 'Câu hỏi Aiken mới về Đoàn?\nA. Có\nB. Không\nANSWER: A\n' },
        token: tokens['giangvien'],
      });
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({ created: 1 });
      const boundary = '----qb';
      const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nCâu hỏi Aiken qua tệp?\nA. Có\nB. Không\nANSWER: B\r\n--${boundary}--\r\n`;
      const file = await t.request<{ created: number }>('POST', '/api/v1/items/import?format=aiken', {
        body: multipart,
        token: tokens['giangvien'],
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(file.status).toBe(200);
      expect(file.body.created).toBe(1);
      const none = await t.request('POST', '/api/v1/items/import?format=aiken', { body: { other: 1 }, token: tokens['giangvien'] });
      expect(none.status).toBe(415);
    });

    it('refuses learners (403) and owners outside the subtree (404)', async () => {
      expect((await importText(gift(9), '', 'hocvien')).status).toBe(403);
      expect((await importText(gift(9), `&ownerOrgUnitId=${unit['DNG']}`)).status).toBe(404);
      expect((await t.request('GET', '/api/v1/items/export?format=gift', { token: tokens['hocvien'] })).status).toBe(403);
    });

    it('exports what it imported, and the export imports back as unchanged', async () => {
      const res = await t.request<string>('GET', '/api/v1/items/export?format=gift&topic=Nh%E1%BA%ADp%20GIFT', { token: tokens['giangvien'] });
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/plain');
      const text = typeof res.body === 'string' ? res.body : String(res.body);
      expect(text).toContain('::imp-1::');
      expect((await importText(text)).body).toMatchObject({ created: 0, updated: 0, skipped: 2 });
      const xml = await t.request('GET', '/api/v1/items/export?format=moodle-xml&topic=Nh%E1%BA%ADp%20GIFT', { token: tokens['giangvien'] });
      expect(String(xml.body)).toContain('<quiz>');
      const qti = await t.request('GET', '/api/v1/items/export?format=qti&topic=Nh%E1%BA%ADp%20GIFT', { token: tokens['giangvien'] });
      expect(qti.status).toBe(200);
      expect(String(qti.headers['content-type'])).toBe('application/zip');
      expect(String(qti.headers['content-disposition'])).toContain('items.qti.zip');
      expect(String(qti.body).startsWith('PK')).toBe(true);
      const other = await t.request('GET', '/api/v1/items/export?format=gift&topic=Nh%E1%BA%ADp%20GIFT', { token: tokens['admin.danang'] });
      expect(String(other.body)).not.toContain('imp-1');
    });
  });

  describe('the question-bank folder', () => {
    it('imports every valid file once, changes nothing on a re-run, and makes an edited file a new version', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'qb-'));
      try {
        cpSync(join(__dirname, '../../../../../question-bank'), folder, { recursive: true });
        const bank = t.app.get(BankImportService);
        const first = await bank.importFolder(folder);
        expect(first.files).toBeGreaterThan(0);
        expect(first.created).toBeGreaterThan(0);
        expect(first.created + first.errors.length).toBeLessThanOrEqual(first.files);
        const again = await bank.importFolder(folder);
        expect(again).toMatchObject({ created: 0, updated: 0, skipped: first.created + first.updated });
        const [row] = await t.db.query(`SELECT i.external_ref, i.current_version, i.status FROM qb_items i WHERE i.external_ref IS NOT NULL AND i.status = 'approved' ORDER BY i.external_ref LIMIT 1`);
        const file = (await import('node:child_process')).execSync(`grep -rl '"id": "${row.external_ref}"' ${folder}`).toString().trim().split('\n')[0];
        const json = JSON.parse(readFileSync(file, 'utf8'));
        writeFileSync(file, JSON.stringify({ ...json, explanation: `${json.explanation ?? ''} (bổ sung)` }));
        const edited = await bank.importFolder(folder);
        expect(edited).toMatchObject({ created: 0, updated: 1 });
        const [after] = await t.db.query(`SELECT current_version, approved_version, status FROM qb_items WHERE external_ref = $1`, [row.external_ref]);
        expect(after).toEqual({ current_version: row.current_version + 1, approved_version: row.current_version + 1, status: 'approved' });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
