import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@boiduong/api-identity';
import { createCourse, createPeople, createProgram, createTestApp, enroll, orgUnitIds, signIn, signInAll, userIds, type TestApp } from '@boiduong/api-testing';
import { CatalogModule } from '../catalog.module';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('discussion per lesson against PostgreSQL', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const units: Record<string, string> = {};
  const users: Record<string, string> = {};
  let programId: string;
  let lessonId: string;
  let otherLessonId: string;
  let foreignLessonId: string;

  const login = (username: string, password = DEMO_PASSWORD) => signIn(t, username, password);
  const req = (method: string, url: string, who: string, body?: unknown) => t.request<Body>(method, url, { token: tokens[who], body });

  /** People created directly with the demo learner's password hash, signed in under their username. */
  async function makePeople(n: number, unitCode: string, prefix: string, role: 'learner' | 'lecturer' = 'learner'): Promise<string[]> {
    const made = await createPeople(t, { count: n, orgUnitId: units[unitCode], prefix, role });
    Object.assign(users, made);
    Object.assign(tokens, await signInAll(t, Object.keys(made), DEMO_PASSWORD));
    return Object.keys(made);
  }

  /** An open course of the Hà Nội program with `learners` enrolled and giangvien as its lecturer. */
  async function course(learners: string[], extra: Body = {}): Promise<string> {
    const { id } = await createCourse(t, tokens['admin.hanoi'], { programId, orgUnitId: units['HNI'], name: 'Lớp hỏi đáp', startsOn: '2026-12-01', endsOn: '2026-12-10', status: 'open', ...extra });
    await req('POST', `/api/v1/courses/${id}/lecturers`, 'admin.hanoi', { userIds: [users['giangvien']] });
    if (learners.length) await enroll(t, tokens['admin.hanoi'], id, learners.map((u) => users[u]));
    return id;
  }

  const questionsUrl = (courseId: string, lesson = lessonId) => `/api/v1/courses/${courseId}/lessons/${lesson}/questions`;
  const ask = async (courseId: string, who: string, title = 'Đoàn viên sinh hoạt mấy lần một tháng?', bodyHtml = '<p>Theo Điều lệ Đoàn hiện hành.</p>', lesson = lessonId) => {
    const res = await req('POST', questionsUrl(courseId, lesson), who, { title, bodyHtml });
    expect(res.status).toBe(201);
    return res.body;
  };
  const answer = async (questionId: string, who: string, bodyHtml = '<p>Mỗi tháng một lần.</p>') => {
    const res = await req('POST', `/api/v1/discussion/questions/${questionId}/answers`, who, { bodyHtml });
    expect(res.status).toBe(201);
    return res.body;
  };
  const thread = (questionId: string, who: string) => req('GET', `/api/v1/discussion/questions/${questionId}`, who);
  const list = (courseId: string, who: string, query = '') => req('GET', `${questionsUrl(courseId)}${query}`, who);

  beforeAll(async () => {
    t = await createTestApp([IdentityModule, CatalogModule], {
      DEMO_DATA: 'true',
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
      DATABASE_POOL_SIZE: '8',
    });
    await t.app.get(BootstrapService).run();
    Object.assign(units, await orgUnitIds(t));
    Object.assign(users, await userIds(t));
    tokens['root'] = await login('root.admin', 'Root-admin-password-1');
    Object.assign(tokens, await signInAll(t, ['admin.hanoi', 'admin.danang', 'giangvien', 'hocvien'], DEMO_PASSWORD));
    programId = (await createProgram(t, tokens['admin.hanoi'], { code: 'HN-HD-01', name: 'Kỹ năng công tác Đoàn cơ sở', ownerOrgUnitId: units['HNI'] })).id;
    const mod = (await req('POST', `/api/v1/programs/${programId}/modules`, 'admin.hanoi', { title: 'Chuyên đề 1: Sinh hoạt chi đoàn' })).body.id;
    lessonId = (await req('POST', `/api/v1/modules/${mod}/lessons`, 'admin.hanoi', { title: 'Bài 1: Nội dung sinh hoạt', kind: 'text', bodyHtml: '<p>Nội dung</p>' })).body.id;
    otherLessonId = (await req('POST', `/api/v1/modules/${mod}/lessons`, 'admin.hanoi', { title: 'Bài 2: Hình thức sinh hoạt', kind: 'text', bodyHtml: '<p>Nội dung</p>' })).body.id;
    const other = await createProgram(t, tokens['admin.hanoi'], { code: 'HN-HD-02', name: 'Khác', ownerOrgUnitId: units['HNI'], requiredHours: 4 });
    const otherMod = (await req('POST', `/api/v1/programs/${other.id}/modules`, 'admin.hanoi', { title: 'Chuyên đề khác' })).body.id;
    foreignLessonId = (await req('POST', `/api/v1/modules/${otherMod}/lessons`, 'admin.hanoi', { title: 'Bài khác', kind: 'text', bodyHtml: '<p>x</p>' })).body.id;
  }, 120_000);
  afterAll(() => t.close());

  it('lets enrolled learners, the lecturers and the organisers take part, and refuses everyone else as the catalog does', async () => {
    const [member, outsider, queued] = await makePeople(3, 'HNI-HOANKIEM', 'part');
    const [otherLecturer] = await makePeople(1, 'HNI', 'lect', 'lecturer');
    const id = await course([member]);
    // A full course puts the next learner on the waitlist: not a member of the class yet.
    await t.db.query(`INSERT INTO enrollments (course_id, user_id, status, status_changed_at) VALUES ($1, $2, 'waitlisted', now())`, [id, users[queued]]);

    const q = await ask(id, member);
    expect(q).toMatchObject({ kind: 'question', author: { id: users[member], role: 'learner' }, answerCount: 0, mine: true, canEdit: true, canDelete: true, hidden: null });
    expect((await answer(q.id, 'giangvien')).author.role).toBe('lecturer');
    expect((await answer(q.id, 'admin.hanoi')).author.role).toBe('organiser');
    expect((await ask(id, 'root', 'Câu hỏi của Trung ương')).author.role).toBe('organiser');
    const page = await list(id, member);
    expect(page.status).toBe(200);
    expect(page.body.viewer).toEqual({ canWrite: true, canModerate: false, courseClosed: false });
    expect((await list(id, 'giangvien')).body.viewer.canModerate).toBe(true);

    // Seen but not taken part in: 403 (NOT_ENROLLED for people who study), like lessons.
    for (const who of [outsider, queued]) {
      const refused = await list(id, who);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('NOT_ENROLLED');
      expect((await req('POST', questionsUrl(id), who, { title: 'x', bodyHtml: 'y' })).status).toBe(403);
      expect((await thread(q.id, who)).status).toBe(403);
      expect((await req('POST', `/api/v1/discussion/questions/${q.id}/answers`, who, { bodyHtml: 'y' })).status).toBe(403);
      expect((await req('POST', `/api/v1/discussion/posts/${q.id}/reports`, who, {})).status).toBe(403);
    }
    // A lecturer who does not teach this course, outside it as a learner too.
    expect((await list(id, otherLecturer)).status).toBe(403);
    expect((await req('POST', `/api/v1/discussion/posts/${q.id}/hide`, otherLecturer, { reason: 'x' })).status).toBe(403);
    // Another province's organiser does not see the course at all: 404, whatever the route.
    const foreign = await list(id, 'admin.danang');
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('COURSE_NOT_FOUND');
    expect((await thread(q.id, 'admin.danang')).body.code).toBe('DISCUSSION_POST_NOT_FOUND');
    expect((await req('GET', `/api/v1/courses/${id}/discussion/moderation`, 'admin.danang')).status).toBe(404);
    expect((await req('POST', `/api/v1/discussion/posts/${q.id}/hide`, 'admin.danang', { reason: 'x' })).status).toBe(404);
    // Learners never moderate.
    expect((await req('GET', `/api/v1/courses/${id}/discussion/moderation`, member)).status).toBe(403);
    expect((await req('GET', `/api/v1/courses/${id}/discussion/lessons`, member)).status).toBe(403);
    expect((await req('POST', `/api/v1/discussion/posts/${q.id}/hide`, member, { reason: 'x' })).status).toBe(403);
    // A lesson of another program is not part of this course.
    const wrongLesson = await req('GET', questionsUrl(id, foreignLessonId), member);
    expect(wrongLesson.status).toBe(404);
    expect(wrongLesson.body.code).toBe('LESSON_NOT_FOUND');
    expect((await req('GET', `/api/v1/discussion/questions/00000000-0000-4000-8000-000000000000`, member)).body.code).toBe('DISCUSSION_POST_NOT_FOUND');
  });

  it('stores only sanitized bodies, refuses empty or overlong text and blank titles', async () => {
    const [writer] = await makePeople(1, 'HNI-HOANKIEM', 'san');
    const id = await course([writer]);
    const post = (body: Body) => req('POST', questionsUrl(id), writer, { title: 'Hỏi về sinh hoạt chi đoàn', bodyHtml: '<p>Nội dung</p>', ...body });
    const created = await post({ bodyHtml: '<p onclick="steal()">Xin hỏi<script>alert(document.cookie)</script> <a href="javascript:alert(1)">đây</a><img src=x onerror=alert(1)></p>' });
    expect(created.status).toBe(201);
    expect(created.body.bodyHtml).toBe('<p>Xin hỏi <a rel="noopener noreferrer nofollow">đây</a></p>');
    const [stored] = await t.db.query(`SELECT body_html FROM discussion_posts WHERE id = $1`, [created.body.id]);
    expect(stored.body_html).not.toMatch(/script|onclick|onerror|javascript:|<img/i);

    for (const bodyHtml of ['', '   ', '<p> &nbsp; </p>', '<script>alert(1)</script>', '<img src="https://example.org/a.png">']) {
      const empty = await post({ bodyHtml });
      expect(empty.status).toBe(422);
      expect(empty.body.code).toBe('DISCUSSION_BODY_EMPTY');
    }
    const blank = await post({ title: '  \t ' });
    expect(blank.status).toBe(422);
    expect(blank.body.code).toBe('DISCUSSION_TITLE_EMPTY');
    expect((await post({ title: 'x'.repeat(201) })).status).toBe(400);
    expect((await post({ bodyHtml: `<p>${'đ'.repeat(10_000)}</p>` })).status).toBe(201);
    const long = await post({ bodyHtml: `<p>${'đ'.repeat(10_001)}</p>` });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({ code: 'DISCUSSION_BODY_TOO_LONG', details: { maxChars: 10_000 } });
    expect((await post({ bodyHtml: 'a'.repeat(50_001) })).status).toBe(400);
    expect((await post({ bodyHtml: '<p>x</p>', extra: 1 })).status).toBe(400);

    const reply = await req('POST', `/api/v1/discussion/questions/${created.body.id}/answers`, 'giangvien', { bodyHtml: '<p>Trả lời<iframe src="https://evil.example"></iframe></p>' });
    expect(reply.body.bodyHtml).toBe('<p>Trả lời</p>');
    expect((await req('POST', `/api/v1/discussion/questions/${created.body.id}/answers`, 'giangvien', { bodyHtml: '<br><br>' })).body.code).toBe('DISCUSSION_BODY_EMPTY');
    const edited = await req('PATCH', `/api/v1/discussion/posts/${created.body.id}`, writer, { title: 'Tiêu đề mới', bodyHtml: '<p>Sửa<script>x()</script></p>' });
    expect(edited.body).toMatchObject({ title: 'Tiêu đề mới', bodyHtml: '<p>Sửa</p>' });
    expect(edited.body.editedAt).not.toBeNull();
    expect((await req('PATCH', `/api/v1/discussion/posts/${created.body.id}`, writer, { bodyHtml: '<p></p>' })).body.code).toBe('DISCUSSION_BODY_EMPTY');
  });

  it('lets only the course lecturers and organisers mark one accepted answer, replaced by a new mark, and unmark it', async () => {
    const [asker, helper] = await makePeople(2, 'HNI-HOANKIEM', 'acc');
    const id = await course([asker, helper]);
    const q = await ask(id, asker);
    const a1 = await answer(q.id, helper, '<p>Một lần mỗi tháng.</p>');
    const a2 = await answer(q.id, 'giangvien', '<p>Điều lệ quy định mỗi tháng một lần; có thể họp bất thường.</p>');
    const other = await ask(id, helper, 'Câu khác');
    const foreignAnswer = await answer(other.id, asker);
    const mark = (who: string, answerId: string, questionId = q.id) => req('PUT', `/api/v1/discussion/questions/${questionId}/accepted-answer`, who, { answerId });

    // The asker is a learner: accepting is for teachers.
    expect((await mark(asker, a1.id)).status).toBe(403);
    const first = await mark('giangvien', a1.id);
    expect(first.status).toBe(200);
    expect(first.body.acceptedAnswerId).toBe(a1.id);
    const seen = (await thread(q.id, asker)).body;
    expect(seen.accepted).toMatchObject({ id: a1.id, accepted: true, acceptedBy: { id: users['giangvien'] } });
    expect(seen.answers.map((a: Body) => [a.id, a.accepted])).toEqual([
      [a1.id, true],
      [a2.id, false],
    ]);
    // An accepted answer stays as it was accepted.
    const frozen = await req('PATCH', `/api/v1/discussion/posts/${a1.id}`, helper, { bodyHtml: '<p>Sửa lại</p>' });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('DISCUSSION_ANSWER_ACCEPTED');
    expect((await req('DELETE', `/api/v1/discussion/posts/${a1.id}`, helper)).body.code).toBe('DISCUSSION_ANSWER_ACCEPTED');
    expect(seen.answers[0]).toMatchObject({ canEdit: false, canDelete: false });

    // A new mark replaces the old one (an organiser this time).
    expect((await mark('admin.hanoi', a2.id)).body.acceptedAnswerId).toBe(a2.id);
    const after = (await thread(q.id, asker)).body;
    expect(after.accepted.id).toBe(a2.id);
    expect(after.answers.filter((a: Body) => a.accepted).map((a: Body) => a.id)).toEqual([a2.id]);
    expect((await req('GET', questionsUrl(id), asker)).body.items.find((x: Body) => x.id === q.id).acceptedAnswerId).toBe(a2.id);

    const wrong = await mark('giangvien', foreignAnswer.id);
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('DISCUSSION_ANSWER_INVALID');
    expect((await mark('giangvien', a1.id, a1.id)).body.code).toBe('DISCUSSION_POST_NOT_FOUND');

    const cleared = await req('DELETE', `/api/v1/discussion/questions/${q.id}/accepted-answer`, 'giangvien');
    expect(cleared.status).toBe(200);
    expect(cleared.body.acceptedAnswerId).toBeNull();
    expect((await thread(q.id, asker)).body.accepted).toBeNull();
    expect((await req('DELETE', `/api/v1/discussion/questions/${q.id}/accepted-answer`, asker)).status).toBe(403);
  });

  it('leaves exactly one accepted answer when two teachers mark different answers at the same moment', async () => {
    const [asker] = await makePeople(1, 'HNI-HOANKIEM', 'race');
    const id = await course([asker]);
    for (let round = 0; round < 5; round++) {
      const q = await ask(id, asker, `Câu hỏi ${round}`);
      const a1 = await answer(q.id, 'giangvien', '<p>Cách thứ nhất</p>');
      const a2 = await answer(q.id, 'admin.hanoi', '<p>Cách thứ hai</p>');
      const results = await Promise.all([
        req('PUT', `/api/v1/discussion/questions/${q.id}/accepted-answer`, 'giangvien', { answerId: a1.id }),
        req('PUT', `/api/v1/discussion/questions/${q.id}/accepted-answer`, 'admin.hanoi', { answerId: a2.id }),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const [row] = await t.db.query(`SELECT accepted_answer_id, accepted_by FROM discussion_posts WHERE id = $1`, [q.id]);
      expect([a1.id, a2.id]).toContain(row.accepted_answer_id);
      // Who marked it is the teacher whose mark won, never a mix of the two.
      expect(row.accepted_by).toBe(row.accepted_answer_id === a1.id ? users['giangvien'] : users['admin.hanoi']);
      const view = (await thread(q.id, asker)).body;
      expect(view.answers.filter((a: Body) => a.accepted)).toHaveLength(1);
      expect(view.accepted.id).toBe(row.accepted_answer_id);
    }
  });

  it('takes one report per person, queues reported posts for moderators, hides them from learners and restores them', async () => {
    const [asker, reporter, bystander] = await makePeople(3, 'HNI-HOANKIEM', 'mod');
    const id = await course([asker, reporter, bystander]);
    const q = await ask(id, asker, 'Câu hỏi có nội dung không phù hợp');
    const a = await answer(q.id, bystander, '<p>Trả lời lạc đề, quảng cáo</p>');
    const good = await answer(q.id, 'giangvien');
    const report = (who: string, postId: string, reason?: string) => req('POST', `/api/v1/discussion/posts/${postId}/reports`, who, reason === undefined ? {} : { reason });
    const queue = (who: string, filter = 'reported') => req('GET', `/api/v1/courses/${id}/discussion/moderation?filter=${filter}`, who);

    expect((await report(bystander, a.id)).body.code).toBe('DISCUSSION_REPORT_OWN');
    // Twice at once by the same person: one report.
    const both = await Promise.all([report(reporter, a.id, 'Quảng cáo'), report(reporter, a.id, 'Quảng cáo')]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)?.body.code).toBe('DISCUSSION_ALREADY_REPORTED');
    expect((await report(reporter, a.id)).body.code).toBe('DISCUSSION_ALREADY_REPORTED');
    expect((await report(asker, a.id, '  ')).status).toBe(201);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM discussion_reports WHERE post_id = $1`, [a.id]))[0].n).toBe(2);
    expect((await thread(q.id, reporter)).body.answers.find((x: Body) => x.id === a.id)).toMatchObject({ reportedByMe: true, openReports: 0 });

    const reported = await queue('giangvien');
    expect(reported.status).toBe(200);
    expect(reported.body.counts).toEqual({ reported: 1, hidden: 0 });
    expect(reported.body.items).toHaveLength(1);
    expect(reported.body.items[0]).toMatchObject({
      post: { id: a.id, kind: 'answer', openReports: 2, hidden: null },
      lessonTitle: 'Bài 1: Nội dung sinh hoạt',
      questionId: q.id,
      questionTitle: 'Câu hỏi có nội dung không phù hợp',
    });
    expect(reported.body.items[0].reports.map((r: Body) => [r.reporter.id, r.reason])).toEqual(
      expect.arrayContaining([
        [users[reporter], 'Quảng cáo'],
        [users[asker], null],
      ]),
    );

    // Hidden: gone for learners (also from the answer count), kept and marked for moderators.
    expect((await req('POST', `/api/v1/discussion/posts/${a.id}/hide`, 'giangvien', { reason: ' ' })).status).toBe(400);
    const hidden = await req('POST', `/api/v1/discussion/posts/${a.id}/hide`, 'giangvien', { reason: 'Quảng cáo, lạc đề' });
    expect(hidden.status).toBe(200);
    expect(hidden.body.hidden).toMatchObject({ by: { id: users['giangvien'], fullName: 'Lê Minh Đức' }, reason: 'Quảng cáo, lạc đề' });
    expect((await req('POST', `/api/v1/discussion/posts/${a.id}/hide`, 'admin.hanoi', { reason: 'x' })).body.code).toBe('DISCUSSION_ALREADY_HIDDEN');
    const learnerView = (await thread(q.id, reporter)).body;
    expect(learnerView.answers.map((x: Body) => x.id)).toEqual([good.id]);
    expect(learnerView.question.answerCount).toBe(1);
    expect((await thread(a.id, reporter)).status).toBe(404);
    expect((await report(bystander, a.id)).status).toBe(404);
    // Its own author no longer sees it either, and cannot edit it away.
    expect((await req('PATCH', `/api/v1/discussion/posts/${a.id}`, bystander, { bodyHtml: '<p>sửa</p>' })).status).toBe(404);
    const moderatorView = (await thread(q.id, 'admin.hanoi')).body;
    expect(moderatorView.answers.find((x: Body) => x.id === a.id).hidden).toMatchObject({ reason: 'Quảng cáo, lạc đề', by: { id: users['giangvien'] } });
    expect((await queue('admin.hanoi')).body).toMatchObject({ items: [], counts: { reported: 0, hidden: 1 } });
    const hiddenQueue = (await queue('giangvien', 'hidden')).body;
    expect(hiddenQueue.items.map((x: Body) => x.post.id)).toEqual([a.id]);
    expect(hiddenQueue.items[0].reports.every((r: Body) => r.resolvedAt !== null)).toBe(true);

    const restored = await req('POST', `/api/v1/discussion/posts/${a.id}/restore`, 'admin.hanoi');
    expect(restored.status).toBe(200);
    expect(restored.body.hidden).toBeNull();
    expect((await thread(q.id, reporter)).body.answers.map((x: Body) => x.id)).toEqual([a.id, good.id]);
    expect((await thread(q.id, reporter)).body.question.answerCount).toBe(2);
    expect((await req('POST', `/api/v1/discussion/posts/${a.id}/restore`, 'admin.hanoi')).body.code).toBe('DISCUSSION_NOTHING_TO_RESTORE');
    // A person reports a post once, even after a decision.
    expect((await report(reporter, a.id)).body.code).toBe('DISCUSSION_ALREADY_REPORTED');

    // A reported post the moderator keeps leaves the queue and stays visible.
    await report(bystander, good.id, 'Sai');
    expect((await queue('giangvien')).body.counts.reported).toBe(1);
    expect((await req('POST', `/api/v1/discussion/posts/${good.id}/restore`, 'giangvien')).status).toBe(200);
    expect((await queue('giangvien')).body.counts).toEqual({ reported: 0, hidden: 0 });

    // A hidden question takes its answers with it, for learners.
    await req('POST', `/api/v1/discussion/posts/${q.id}/hide`, 'giangvien', { reason: 'Không phù hợp' });
    expect((await list(id, reporter)).body.items.map((x: Body) => x.id)).not.toContain(q.id);
    expect((await list(id, 'giangvien')).body.items.find((x: Body) => x.id === q.id).hidden.reason).toBe('Không phù hợp');
    expect((await thread(q.id, asker)).status).toBe(404);
    expect((await report(reporter, good.id)).status).toBe(404);
    expect((await req('POST', `/api/v1/discussion/questions/${q.id}/answers`, reporter, { bodyHtml: '<p>x</p>' })).status).toBe(404);
  });

  it('keeps a closed course readable and refuses every write but reports and moderation', async () => {
    const [learner, other] = await makePeople(2, 'HNI-HOANKIEM', 'closed');
    const id = await course([learner, other]);
    const q = await ask(id, learner);
    const a = await answer(q.id, other);
    const mine = await answer(q.id, learner, '<p>Bổ sung</p>');
    expect((await req('POST', `/api/v1/courses/${id}/status`, 'admin.hanoi', { status: 'closed' })).status).toBe(200);

    const page = await list(id, learner);
    expect(page.status).toBe(200);
    expect(page.body.viewer).toEqual({ canWrite: false, canModerate: false, courseClosed: true });
    expect(page.body.items[0]).toMatchObject({ id: q.id, canEdit: false, canDelete: false });
    expect((await thread(q.id, learner)).body.answers).toHaveLength(2);
    const refused = [
      await req('POST', questionsUrl(id), learner, { title: 'Muộn', bodyHtml: '<p>x</p>' }),
      await req('POST', `/api/v1/discussion/questions/${q.id}/answers`, 'giangvien', { bodyHtml: '<p>x</p>' }),
      await req('PATCH', `/api/v1/discussion/posts/${mine.id}`, learner, { bodyHtml: '<p>x</p>' }),
      await req('DELETE', `/api/v1/discussion/posts/${mine.id}`, learner),
      await req('PUT', `/api/v1/discussion/questions/${q.id}/accepted-answer`, 'giangvien', { answerId: a.id }),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(5).fill([409, 'DISCUSSION_READ_ONLY']));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM discussion_posts WHERE course_id = $1`, [id]))[0].n).toBe(3);
    expect((await req('POST', `/api/v1/discussion/posts/${a.id}/reports`, learner, { reason: 'Sai sự thật' })).status).toBe(201);
    expect((await req('POST', `/api/v1/discussion/posts/${a.id}/hide`, 'giangvien', { reason: 'Sai sự thật' })).status).toBe(200);
  });

  it('lets authors edit and delete their own posts within reason, and nobody else', async () => {
    const [author, other] = await makePeople(2, 'HNI-HOANKIEM', 'own');
    const id = await course([author, other]);
    const lonely = await ask(id, author, 'Câu hỏi sẽ xóa');
    const q = await ask(id, author, 'Câu hỏi có trả lời');
    const a = await answer(q.id, other);
    const b = await answer(q.id, author, '<p>Tự bổ sung</p>');

    expect((await req('PATCH', `/api/v1/discussion/posts/${q.id}`, other, { bodyHtml: '<p>x</p>' })).body.code).toBe('DISCUSSION_NOT_AUTHOR');
    expect((await req('PATCH', `/api/v1/discussion/posts/${q.id}`, 'giangvien', { bodyHtml: '<p>x</p>' })).status).toBe(403);
    expect((await req('DELETE', `/api/v1/discussion/posts/${a.id}`, author)).status).toBe(403);
    expect((await req('PATCH', `/api/v1/discussion/posts/${a.id}`, other, { title: 'Không có tiêu đề', bodyHtml: '<p>x</p>' })).status).toBe(400);
    expect((await req('PATCH', `/api/v1/discussion/posts/${a.id}`, other, { bodyHtml: '<p>Đã sửa</p>' })).body).toMatchObject({ bodyHtml: '<p>Đã sửa</p>', kind: 'answer' });

    // A question with answers would take other people's answers with it.
    const answered = await req('DELETE', `/api/v1/discussion/posts/${q.id}`, author);
    expect(answered.status).toBe(409);
    expect(answered.body.code).toBe('DISCUSSION_QUESTION_ANSWERED');
    expect((await list(id, author)).body.items.find((x: Body) => x.id === q.id)).toMatchObject({ canDelete: false, canEdit: true, answerCount: 2 });
    expect((await req('DELETE', `/api/v1/discussion/posts/${b.id}`, author)).body).toEqual({ deleted: b.id });
    expect((await thread(q.id, other)).body.question.answerCount).toBe(1);
    expect((await req('DELETE', `/api/v1/discussion/posts/${lonely.id}`, author)).status).toBe(200);
    expect((await list(id, other)).body.items.map((x: Body) => x.id)).toEqual([q.id]);
  });

  it('pages a lesson by newest activity with answer counts, over an index, and refuses forged cursors', async () => {
    const [learner] = await makePeople(1, 'HNI-HOANKIEM', 'page');
    const id = await course([learner]);
    const asked: string[] = [];
    for (let i = 1; i <= 25; i++) asked.push((await ask(id, learner, `Câu hỏi số ${i}`)).id);
    await ask(id, learner, 'Câu hỏi của bài khác', '<p>x</p>', otherLessonId);

    const seen: Body[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(id, learner, `?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((x) => x.id)).toEqual([...asked].reverse());
    expect((await list(id, learner)).body.items).toHaveLength(20);

    // An answer is activity: the oldest question comes back to the top, with its count.
    await answer(asked[0], 'giangvien');
    await answer(asked[0], learner, '<p>Cảm ơn thầy</p>');
    const top = (await list(id, learner, '?limit=2')).body.items;
    expect(top.map((x: Body) => [x.id, x.answerCount])).toEqual([
      [asked[0], 2],
      [asked[24], 0],
    ]);

    // Answers page oldest first.
    for (let i = 0; i < 3; i++) await answer(asked[1], learner, `<p>Ý ${i}</p>`);
    const firstAnswers = await req('GET', `/api/v1/discussion/questions/${asked[1]}?limit=2`, learner);
    expect(firstAnswers.body.answers.map((x: Body) => x.bodyHtml)).toEqual(['<p>Ý 0</p>', '<p>Ý 1</p>']);
    const rest = await req('GET', `/api/v1/discussion/questions/${asked[1]}?limit=2&cursor=${firstAnswers.body.nextCursor}`, learner);
    expect(rest.body.answers.map((x: Body) => x.bodyHtml)).toEqual(['<p>Ý 2</p>']);
    expect(rest.body.nextCursor).toBeNull();

    const forged = await list(id, learner, '?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('DISCUSSION_CURSOR_INVALID');
    expect((await list(id, learner, '?limit=51')).status).toBe(400);

    // The teachers' overview counts per lesson.
    const lessons = (await req('GET', `/api/v1/courses/${id}/discussion/lessons`, 'giangvien')).body;
    expect(lessons.map((l: Body) => [l.lessonTitle, l.questions, l.unanswered])).toEqual([
      ['Bài 1: Nội dung sinh hoạt', 25, 23],
      ['Bài 2: Hình thức sinh hoạt', 1, 1],
    ]);

    // The list query reads the partial activity index (forced past the planner's small-table shortcut).
    const plan = await t.db.transaction(async (m) => {
      await m.query(`SET LOCAL enable_seqscan = off`);
      const rows: Array<{ 'QUERY PLAN': string }> = await m.query(
        `EXPLAIN SELECT id FROM discussion_posts p WHERE p.course_id = $1 AND p.lesson_id = $2 AND p.question_id IS NULL AND p.hidden_at IS NULL
           AND (p.last_activity_at, p.id) < (now(), '00000000-0000-4000-8000-000000000000'::uuid) ORDER BY p.last_activity_at DESC, p.id DESC LIMIT 21`,
        [id, lessonId],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('ix_discussion_questions_activity');
    expect(plan).not.toMatch(/\bSort\b/);
  });
});
