import { StorageService } from '../src/storage/storage.service.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { fakeMedia, multipart, studyWorld, upload } from './utils/study-fixtures.js';

/** Study uploads belong to the uploader's organisation; managers may only put files of organisations they manage into courses. */
describe('study files: an upload belongs to an organisation, and only its managers may use it', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof studyWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await studyWorld(t);
  });
  afterAll(() => t.close());

  const lessonCount = async () => Number((await t.ds.query(`SELECT count(*) AS n FROM study_lesson WHERE course_id = $1`, [w.course.id]))[0].n);
  const refused = (res: { status: number; body: { code?: string; message?: string } }) => {
    expect([res.status, res.body.code]).toEqual([403, 'STUDY_FILE_OUTSIDE']);
    expect(res.body.message).toMatch(/不能使用/);
  };

  it("records the uploader's organisation (default: the widest scope; orgId only where the uploader manages)", async () => {
    const rows = await t.ds.query(`SELECT organisation_id FROM study_file WHERE file_id = $1`, [w.videoFile.id]);
    expect(rows).toEqual([{ organisation_id: w.branchA.id }]);
    expect((await t.call('POST', `/study/files?kind=image&orgId=${w.branchB.id}`, { token: w.secA.token, ...multipart(fakeMedia.png()) })).status).toBe(403);
    const own = await t.call('POST', `/study/files?kind=image&orgId=${w.branchA.id}`, { token: w.secA.token, ...multipart(fakeMedia.png()) });
    expect(own.status).toBe(201);
  });

  it("refuses another branch's file as cover, lesson file or article image on create and update; nothing changes", async () => {
    const bImage = (await upload(t, w.secB.token, 'image', fakeMedia.png())).body.id as string;
    const bVideo = (await upload(t, w.secB.token, 'video', fakeMedia.webm())).body.id as string;
    const before = await lessonCount();
    refused(await t.call('POST', '/study/courses', { token: w.secA.token, body: { title: '借用封面', orgId: w.branchA.id, coverFileId: bImage } }));
    refused(await t.call('PATCH', `/study/courses/${w.course.id}`, { token: w.secA.token, body: { coverFileId: bImage } }));
    refused(
      await t.call('POST', `/study/courses/${w.course.id}/lessons`, {
        token: w.secA.token,
        body: { title: '借用视频', kind: 'video', fileId: bVideo, durationS: 60 },
      }),
    );
    refused(
      await t.call('POST', `/study/courses/${w.course.id}/lessons`, {
        token: w.secA.token,
        body: { title: '借用图片', kind: 'article', bodyHtml: `<p>x<img src="study-file:${bImage}"></p>` },
      }),
    );
    refused(await t.call('PATCH', `/study/lessons/${w.video.id}`, { token: w.secA.token, body: { fileId: bVideo } }));
    refused(
      await t.call('PATCH', `/study/lessons/${w.article.id}`, {
        token: w.secA.token,
        body: { bodyHtml: `<p>x<img src="/api/v1/study/media/${bImage}?exp=1&sig=x"></p>` },
      }),
    );
    expect(await lessonCount()).toBe(before);
    const course = await t.ds.query(`SELECT count(*) AS n FROM study_course WHERE title = '借用封面' OR cover_file_id = $1`, [bImage]);
    expect(Number(course[0].n)).toBe(0);
    const lessons = await t.ds.query(`SELECT count(*) AS n FROM study_lesson WHERE file_id = $1 OR body_html LIKE $2`, [bVideo, `%${bImage}%`]);
    expect(Number(lessons[0].n)).toBe(0);
  });

  it('refuses a stored file that is not a study upload (another module’s file), and a committee file for a branch secretary', async () => {
    const other = await t.app
      .get(StorageService)
      .store({ data: fakeMedia.png(), contentType: 'image/png', originalName: 'x.png', createdBy: null, prefix: 'other' });
    refused(await t.call('PATCH', `/study/courses/${w.course.id}`, { token: w.secA.token, body: { coverFileId: other.id } }));
    const upper = await w.fx.user({ displayName: '党委宣传委员', roles: [{ role: 'org_worker', orgId: w.committee.id }] });
    const committeeImage = (await upload(t, upper.token, 'image', fakeMedia.png())).body.id as string;
    refused(await t.call('PATCH', `/study/courses/${w.course.id}`, { token: w.secA.token, body: { coverFileId: committeeImage } }));
    // The committee manages branch A: it may use branch A's files and its own in branch A's course.
    const ok = await t.call('PATCH', `/study/courses/${w.course.id}`, { token: upper.token, body: { coverFileId: committeeImage } });
    expect(ok.status).toBe(200);
    expect(ok.body.coverUrl).toMatch(new RegExp(`/study/media/${committeeImage}\\?exp=`));
  });

  it("accepts the manager's own files; keeps a lesson's existing file on an unrelated edit; signed URLs only for readers of the course", async () => {
    const img = (await upload(t, w.secA.token, 'image', fakeMedia.png())).body.id as string;
    const art = await t.call('POST', `/study/courses/${w.course.id}/lessons`, {
      token: w.secA.token,
      body: { title: '配图', kind: 'article', bodyHtml: `<p>图<img src="study-file:${img}"></p>` },
    });
    expect(art.status).toBe(201);
    expect((await t.call('PATCH', `/study/lessons/${w.video.id}`, { token: w.secA.token, body: { title: '第一章 视频（新）' } })).status).toBe(200);
    const read = await t.call('GET', `/study/lessons/${art.body.id}`, { token: w.members[0]!.token });
    expect(read.body.bodyHtml).toContain(`/api/v1/study/media/${img}?exp=`);
    // Branch B's member and secretary may not see branch A's course: no lesson, no signed URL.
    for (const token of [w.memberB.token, w.secB.token]) {
      const res = await t.call('GET', `/study/lessons/${w.video.id}`, { token });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('/study/media/');
    }
  });
});
