import { createTestApp, signInAll, userIds, type TestApp } from '@boiduong/api-testing';
import type { AppNotification, NotificationPage, NotificationUnreadCount } from '@boiduong/shared-contracts';
import { IdentityModule } from './identity.module';
import { BootstrapService, DEMO_PASSWORD } from './services/bootstrap.service';
import { NotificationsService } from './services/notifications.service';

interface ErrorBody {
  code: string;
  message: { vi: string; en: string };
}

/** "My notifications": written in the caller's transaction, read and marked by their recipient only. */
describe('my notifications against PostgreSQL', () => {
  let t: TestApp;
  let notifications: NotificationsService;
  let tokens: Record<string, string> = {};
  let users: Record<string, string> = {};

  const page = (who: string, query = '') =>
    t.request<NotificationPage & ErrorBody>('GET', `/api/v1/me/notifications${query}`, { token: tokens[who] });
  const read = (who: string, id: string) =>
    t.request<NotificationUnreadCount & ErrorBody>('POST', `/api/v1/me/notifications/${id}/read`, {
      token: tokens[who],
    });
  const readAll = (who: string) =>
    t.request<NotificationUnreadCount>('POST', '/api/v1/me/notifications/read-all', { token: tokens[who] });
  /** `n` answers to questions of `who`, committed one transaction each, oldest first. */
  const tell = async (who: string, n: number, title = 'Câu hỏi') => {
    for (let i = 1; i <= n; i++) {
      await t.db.transaction((m) =>
        notifications.notify(m, [users[who]], 'discussion.answered', {
          courseId: users[who],
          lessonId: users[who],
          questionId: users[who],
          questionTitle: `${title} ${i}`,
          answererName: 'Lê Minh Đức',
        }),
      );
    }
  };
  /** Every notification of `who`, page by page at `limit`; fails on a repeated id. */
  const all = async (who: string, limit: number) => {
    const seen: AppNotification[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof page>> = await page(
        who,
        `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(new Set(seen.map((n) => n.id)).size).toBe(seen.length);
    return { seen, pages };
  };

  beforeAll(async () => {
    t = await createTestApp([IdentityModule], {
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
      DEMO_DATA: 'true',
    });
    await t.app.get(BootstrapService).run();
    notifications = t.app.get(NotificationsService);
    users = await userIds(t);
    tokens = await signInAll(t, ['hocvien', 'admin.danang', 'giangvien'], DEMO_PASSWORD);
  }, 120_000);
  afterAll(() => t.close());

  it('exists exactly when the transaction that wrote it commits, once per recipient', async () => {
    await expect(
      t.db.transaction(async (m) => {
        await notifications.notify(m, [users['giangvien']], 'discussion.answered', {
          courseId: users['giangvien'],
          lessonId: users['giangvien'],
          questionId: users['giangvien'],
          questionTitle: 'Rolled back',
          answererName: 'Không ai',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await page('giangvien')).body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });

    await t.db.transaction((m) =>
      notifications.notify(m, [users['giangvien'], users['giangvien']], 'discussion.answered', {
        courseId: users['giangvien'],
        lessonId: users['giangvien'],
        questionId: users['giangvien'],
        questionTitle: 'Sinh hoạt chi đoàn',
        answererName: 'Nguyễn Văn An',
      }),
    );
    const res = await page('giangvien');
    expect(res.status).toBe(200);
    expect(res.body.unreadCount).toBe(1);
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        kind: 'discussion.answered',
        params: {
          courseId: users['giangvien'],
          lessonId: users['giangvien'],
          questionId: users['giangvien'],
          questionTitle: 'Sinh hoạt chi đoàn',
          answererName: 'Nguyễn Văn An',
        },
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        readAt: null,
      },
    ]);
    // Nobody else is told.
    expect((await page('admin.danang')).body.items).toEqual([]);
  });

  it('pages newest first by cursor without skipping or repeating rows written in the same instant', async () => {
    await tell('hocvien', 23);
    // Three more in one statement: one created_at, so only the id orders them.
    await t.db.query(
      `INSERT INTO notifications (user_id, kind, params, created_at)
       SELECT $1, 'discussion.answered', jsonb_build_object('questionTitle', 'Cùng lúc ' || g), now() - interval '1 day' FROM generate_series(1, 3) g`,
      [users['hocvien']],
    );
    const first = await page('hocvien');
    expect(first.body.items).toHaveLength(20);
    expect(first.body.unreadCount).toBe(26);
    expect(first.body.items[0]).toMatchObject({ params: { questionTitle: 'Câu hỏi 23' } });

    const { seen, pages } = await all('hocvien', 7);
    expect(seen).toHaveLength(26);
    expect(pages).toBe(4);
    const stamps = seen.map((n) => Date.parse(n.createdAt));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    expect(seen.slice(0, 23).map((n) => (n.kind === 'discussion.answered' ? n.params.questionTitle : null))).toEqual(
      Array.from({ length: 23 }, (_, i) => `Câu hỏi ${23 - i}`),
    );
    expect((await all('hocvien', 50)).pages).toBe(1);

    for (const bad of ['?limit=0', '?limit=51', '?limit=abc', '?sort=asc']) {
      const refused = await page('hocvien', bad);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    const forged = await page('hocvien', `?cursor=${Buffer.from('not-a-cursor').toString('base64url')}`);
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({
      code: 'NOTIFICATION_CURSOR_INVALID',
      message: { vi: 'Vị trí phân trang không hợp lệ.', en: 'The page cursor is invalid.' },
    });
  });

  it('marks one read (idempotently) or all, for their recipient only; anyone else gets 404', async () => {
    await tell('admin.danang', 3, 'Đoàn phí');
    const [newest, middle] = (await page('admin.danang')).body.items;
    if (!newest || !middle) throw new Error('three notifications expected');

    for (const id of [newest.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await read('giangvien', id);
      expect(refused.status).toBe(404);
      expect(refused.body).toMatchObject({
        code: 'NOTIFICATION_NOT_FOUND',
        message: { vi: 'Không tìm thấy thông báo.', en: 'Notification not found.' },
      });
    }
    expect((await page('giangvien')).body.items.map((n) => n.id)).not.toContain(newest.id);
    expect((await read('giangvien', 'not-a-uuid')).status).toBe(400);
    expect((await page('admin.danang')).body.unreadCount).toBe(3);

    const once = await read('admin.danang', newest.id);
    expect(once.status).toBe(200);
    expect(once.body).toEqual({ unreadCount: 2 });
    const firstReadAt = (await page('admin.danang')).body.items[0]?.readAt;
    expect(firstReadAt).toEqual(expect.any(String));
    // Read again: same answer, and the first reading time stays.
    expect((await read('admin.danang', newest.id)).body).toEqual({ unreadCount: 2 });
    const after = await page('admin.danang');
    expect(after.body.items[0]?.readAt).toBe(firstReadAt);
    expect(after.body.items[1]?.readAt).toBeNull();

    // Someone else's read-all leaves these alone.
    expect((await readAll('giangvien')).body).toEqual({ unreadCount: 0 });
    expect((await page('admin.danang')).body.unreadCount).toBe(2);

    const all = await readAll('admin.danang');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ unreadCount: 0 });
    const done = await page('admin.danang');
    expect(done.body.unreadCount).toBe(0);
    expect(done.body.items.every((n) => n.readAt !== null)).toBe(true);
    expect(done.body.items[0]?.readAt).toBe(firstReadAt);
    expect((await readAll('admin.danang')).body).toEqual({ unreadCount: 0 });
  });

  it('reads a page and the unread count over their indexes, without sorting', async () => {
    const plan = async (sql: string) =>
      t.db.transaction(async (m) => {
        await m.query(`SET LOCAL enable_seqscan = off`);
        const rows: Array<{ 'QUERY PLAN': string }> = await m.query(`EXPLAIN ${sql}`, [users['hocvien']]);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    const page = await plan(
      `SELECT id FROM notifications WHERE user_id = $1 AND (created_at, id) < (now(), '00000000-0000-4000-8000-000000000000'::uuid)
        ORDER BY created_at DESC, id DESC LIMIT 21`,
    );
    expect(page).toContain('ix_notifications_user_recent');
    expect(page).not.toMatch(/\bSort\b/);
    expect(await plan(`SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`)).toContain(
      'ix_notifications_user_unread',
    );
  });

  it('asks for a signed-in caller', async () => {
    const res = await t.request('GET', '/api/v1/me/notifications');
    expect(res.status).toBe(401);
  });
});
