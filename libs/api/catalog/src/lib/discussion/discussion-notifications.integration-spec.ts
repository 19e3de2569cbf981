import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createCourse, createPeople, createProgram, createTestApp, enroll, orgUnitIds, signInAll, userIds, type TestApp } from '@boiduong/api-testing';
import type { NotificationPage } from '@boiduong/shared-contracts';
import { CatalogModule } from '../catalog.module';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An answer tells the asker, in the answer's own transaction (identity's "my notifications"). */
describe('discussion answers notify the asker', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  const users: Record<string, string> = {};
  let programId: string;
  let lessonId: string;

  const req = (method: string, url: string, who: string, body?: unknown) =>
    t.request<Body>(method, url, { token: tokens[who], body });
  const inbox = async (who: string) =>
    (await t.request<NotificationPage>('GET', '/api/v1/me/notifications', { token: tokens[who] })).body;
  const stored = async (questionId: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE params->>'questionId' = $1`, [questionId]))[0]
      .n;

  async function learners(n: number, prefix: string): Promise<string[]> {
    const made = await createPeople(t, { count: n, orgUnitId: units['HNI-HOANKIEM'], prefix });
    Object.assign(users, made);
    Object.assign(tokens, await signInAll(t, Object.keys(made), DEMO_PASSWORD));
    return Object.keys(made);
  }

  async function course(members: string[]): Promise<string> {
    const { id } = await createCourse(t, tokens['admin.hanoi'], {
      programId,
      orgUnitId: units['HNI'],
      name: 'Lớp hỏi đáp',
      startsOn: '2026-12-01',
      endsOn: '2026-12-10',
      status: 'open',
    });
    await req('POST', `/api/v1/courses/${id}/lecturers`, 'admin.hanoi', { userIds: [users['giangvien']] });
    await enroll(
      t,
      tokens['admin.hanoi'],
      id,
      members.map((u) => users[u]),
    );
    return id;
  }

  async function ask(courseId: string, who: string, title: string): Promise<string> {
    const res = await req('POST', `/api/v1/courses/${courseId}/lessons/${lessonId}/questions`, who, {
      title,
      bodyHtml: '<p>Theo Điều lệ Đoàn.</p>',
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const answer = (questionId: string, who: string) =>
    req('POST', `/api/v1/discussion/questions/${questionId}/answers`, who, { bodyHtml: '<p>Mỗi tháng một lần.</p>' });

  beforeAll(async () => {
    t = await createTestApp([IdentityModule, CatalogModule], {
      DEMO_DATA: 'true',
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
    });
    await t.app.get(BootstrapService).run();
    Object.assign(units, await orgUnitIds(t));
    Object.assign(users, await userIds(t));
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'giangvien', 'hocvien'], DEMO_PASSWORD));
    programId = (
      await createProgram(t, tokens['admin.hanoi'], {
        code: 'HN-TB-01',
        name: 'Kỹ năng công tác Đoàn cơ sở',
        ownerOrgUnitId: units['HNI'],
      })
    ).id;
    const mod = (await req('POST', `/api/v1/programs/${programId}/modules`, 'admin.hanoi', { title: 'Chuyên đề 1' }))
      .body.id;
    lessonId = (
      await req('POST', `/api/v1/modules/${mod}/lessons`, 'admin.hanoi', {
        title: 'Bài 1',
        kind: 'text',
        bodyHtml: '<p>Nội dung</p>',
      })
    ).body.id;
  }, 120_000);
  afterAll(() => t.close());

  it("tells the question's author once per answer by someone else, with what the client needs to link and name", async () => {
    const [asker, classmate, bystander] = await learners(3, 'tb');
    const courseId = await course([asker, classmate, bystander]);
    const questionId = await ask(courseId, asker, 'Đoàn viên sinh hoạt mấy lần một tháng?');

    expect((await answer(questionId, 'giangvien')).status).toBe(201);
    const told = await inbox(asker);
    expect(told.unreadCount).toBe(1);
    expect(told.items).toEqual([
      {
        id: expect.any(String),
        kind: 'discussion.answered',
        params: {
          courseId,
          lessonId,
          questionId,
          questionTitle: 'Đoàn viên sinh hoạt mấy lần một tháng?',
          answererName: 'Lê Minh Đức',
        },
        createdAt: expect.any(String),
        readAt: null,
      },
    ]);

    // The asker answering their own question tells nobody.
    expect((await answer(questionId, asker)).status).toBe(201);
    expect(await stored(questionId)).toBe(1);

    // A classmate's answer is one more, for the asker only; the answerers and the others hear nothing.
    expect((await answer(questionId, classmate)).status).toBe(201);
    const again = await inbox(asker);
    expect(again.unreadCount).toBe(2);
    expect(again.items[0]).toMatchObject({ params: { questionId, answererName: 'Học viên 2' } });
    for (const who of [classmate, bystander, 'giangvien']) expect((await inbox(who)).items).toEqual([]);
    expect(await stored(questionId)).toBe(2);
  });

  it('writes nothing when the answer is refused (closed course)', async () => {
    const [asker, classmate] = await learners(2, 'dong');
    const courseId = await course([asker, classmate]);
    const questionId = await ask(courseId, asker, 'Câu hỏi muộn');
    expect((await req('POST', `/api/v1/courses/${courseId}/status`, 'admin.hanoi', { status: 'closed' })).status).toBe(
      200,
    );

    const refused = await answer(questionId, classmate);
    expect([refused.status, refused.body.code]).toEqual([409, 'DISCUSSION_READ_ONLY']);
    expect(await stored(questionId)).toBe(0);
    expect((await inbox(asker)).unreadCount).toBe(0);
  });

  it('keeps no answer when the notification cannot be written: one transaction', async () => {
    const [asker, classmate] = await learners(2, 'gd');
    const courseId = await course([asker, classmate]);
    const questionId = await ask(courseId, asker, 'Câu hỏi bị lỗi');
    // This database only: refuse new rows of this kind (earlier ones stay), so the insert fails inside the answer's transaction.
    await t.db.query(
      `ALTER TABLE notifications ADD CONSTRAINT ck_test_refuse_answered CHECK (kind <> 'discussion.answered') NOT VALID`,
    );
    try {
      expect((await answer(questionId, classmate)).status).toBe(500);
    } finally {
      await t.db.query(`ALTER TABLE notifications DROP CONSTRAINT ck_test_refuse_answered`);
    }
    const [question] = await t.db.query(`SELECT answer_count FROM discussion_posts WHERE id = $1`, [questionId]);
    expect(question.answer_count).toBe(0);
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM discussion_posts WHERE question_id = $1`, [questionId]))[0].n,
    ).toBe(0);
    expect(await stored(questionId)).toBe(0);
  });
});
