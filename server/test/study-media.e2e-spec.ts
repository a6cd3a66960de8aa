import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { createTestApp, type TestApp } from './utils/app.js';
import { fakeMedia, studyWorld, upload } from './utils/study-fixtures.js';

type Backend = { name: string; env: () => Record<string, string>; start?: () => Promise<void>; stop?: () => Promise<void> };

let s3: S3rver | null = null;
let s3Dir = '';
let s3Port = 0;
const backends: Backend[] = [
  { name: 'local disk', env: () => ({}) },
  {
    name: 'S3 (s3rver)',
    start: async () => {
      s3Dir = await mkdtemp(path.join(tmpdir(), 's3rver-'));
      s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: 'dangjian-test', configs: [] }] });
      const addr = (await s3.run()) as { port: number };
      s3Port = addr.port;
    },
    stop: async () => {
      await s3?.close();
      await rm(s3Dir, { recursive: true, force: true });
    },
    env: () => ({
      STORAGE_BACKEND: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_BUCKET: 'dangjian-test',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    }),
  },
];

describe.each(backends)('study media on $name: uploads and range requests', (backend) => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof studyWorld>>;
  let storageDir: string;
  beforeAll(async () => {
    await backend.start?.();
    storageDir = await mkdtemp(path.join(tmpdir(), 'study-files-'));
    t = await createTestApp({ STORAGE_DIR: storageDir, STUDY_MAX_IMAGE_MB: '1', ...backend.env() });
    w = await studyWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await backend.stop?.();
    await rm(storageDir, { recursive: true, force: true });
  });

  const storedCount = async () => Number((await t.ds.query(`SELECT count(*) AS n FROM stored_file`))[0].n);

  it('checks the type from the bytes, not the name; refuses oversize files; stores nothing on refusal', async () => {
    const before = await storedCount();
    const notVideo = await upload(t, w.secA.token, 'video', Buffer.from('just text pretending to be video.mp4 '.repeat(20)));
    expect([notVideo.status, notVideo.body.code]).toEqual([415, 'STUDY_UPLOAD_TYPE']);
    const pdfAsVideo = await upload(t, w.secA.token, 'video', fakeMedia.pdf());
    expect(pdfAsVideo.status).toBe(415);
    const tooBig = await upload(t, w.secA.token, 'image', Buffer.concat([fakeMedia.png(), Buffer.alloc(1024 * 1024 + 10)]));
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'STUDY_UPLOAD_TOO_LARGE']);
    expect((await upload(t, w.members[0]!.token, 'document', fakeMedia.pdf())).status).toBe(403);
    expect(await storedCount()).toBe(before);
    if (backend.name === 'local disk') expect(await readdir(storageDir).catch(() => [])).toEqual(['study-video']);
    const pdf = await upload(t, w.secA.token, 'document', fakeMedia.pdf());
    expect(pdf.body).toMatchObject({ contentType: 'application/pdf', sizeBytes: 2048 });
    const mp4 = await upload(t, w.secA.token, 'video', fakeMedia.mp4());
    expect(mp4.body.contentType).toBe('video/mp4');
  });

  it('serves the media by signed URL with range requests: 200 whole, 206 a range, seek in the middle, 416 unsatisfiable', async () => {
    const lesson = await t.call('GET', `/study/lessons/${w.video.id}`, { token: w.members[0]!.token });
    const url: string = lesson.body.mediaUrl;
    expect(url).toMatch(/^\/api\/v1\/study\/media\/[0-9a-f-]{36}\?exp=\d+&sig=/);
    const whole = await t.call('GET', url);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.raw.length).toBe(4096);
    expect(whole.headers['content-type']).toBe('video/webm');
    const first = await t.call('GET', url, { headers: { range: 'bytes=0-99' } });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe('bytes 0-99/4096');
    expect(first.raw.equals(whole.raw.subarray(0, 100))).toBe(true);
    const middle = await t.call('GET', url, { headers: { range: 'bytes=2000-2999' } });
    expect([middle.status, middle.headers['content-range'], middle.raw.length]).toEqual([206, 'bytes 2000-2999/4096', 1000]);
    expect(middle.raw.equals(whole.raw.subarray(2000, 3000))).toBe(true);
    const open = await t.call('GET', url, { headers: { range: 'bytes=4000-' } });
    expect([open.status, open.headers['content-range'], open.raw.length]).toEqual([206, 'bytes 4000-4095/4096', 96]);
    const suffix = await t.call('GET', url, { headers: { range: 'bytes=-10' } });
    expect(suffix.raw.equals(whole.raw.subarray(4086))).toBe(true);
    const beyond = await t.call('GET', url, { headers: { range: 'bytes=5000-6000' } });
    expect([beyond.status, beyond.headers['content-range']]).toEqual([416, 'bytes */4096']);
    // A tampered or expired link is refused. The signature's first character is changed (it was 'A'
    // in one run of 64, which left the link as it was).
    const tampered = url.replace(/sig=(.)/, (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect((await t.call('GET', tampered)).status).toBe(403);
    w.clock.advance(5 * 3600_000);
    expect((await t.call('GET', url)).status).toBe(403);
    w.clock.advance(-5 * 3600_000);
  });

  it('sanitises article HTML with an allow-list and signs its platform images', async () => {
    const img = await upload(t, w.secA.token, 'image', fakeMedia.png());
    const html = `<p onclick="x()">正文<script>alert(1)</script></p><img src="${img.body.url}"><img src="https://evil.example/x.png"><a href="javascript:alert(1)">x</a><iframe src="https://x"></iframe>`;
    const lesson = await t.call('POST', `/study/courses/${w.course.id}/lessons`, {
      token: w.secA.token,
      body: { title: '图文', kind: 'article', bodyHtml: html },
    });
    expect(lesson.status).toBe(201);
    const body: string = lesson.body.bodyHtml;
    expect(body).not.toMatch(/script|onclick|javascript|iframe|evil/);
    expect(body).toContain(`/api/v1/study/media/${img.body.id}?exp=`);
    expect(body).toContain('<p>正文');
    // A cover must be an image: its signed URL comes with the course.
    const pdf = await upload(t, w.secA.token, 'document', fakeMedia.pdf());
    const bad = await t.call('PATCH', `/study/courses/${w.course.id}`, { token: w.secA.token, body: { coverFileId: pdf.body.id } });
    expect([bad.status, bad.body.code]).toEqual([400, 'STUDY_FILE_KIND']);
    const good = await t.call('PATCH', `/study/courses/${w.course.id}`, { token: w.secA.token, body: { coverFileId: img.body.id } });
    expect(good.body.coverUrl).toContain(`/api/v1/study/media/${img.body.id}?exp=`);
    expect((await t.call('GET', good.body.coverUrl)).headers['content-type']).toBe('image/png');
  });
});

describe('e2e test clock', () => {
  it('POST /api/v1/test/clock is absent by default', async () => {
    const t = await createTestApp();
    try {
      expect((await t.call('POST', '/api/v1/test/clock', { body: { advanceMs: 1000 } })).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('with DANGJIAN_TEST_CLOCK=1 it drives the server clock', async () => {
    const t = await createTestApp({ DANGJIAN_TEST_CLOCK: '1' });
    try {
      const set = await t.call('POST', '/api/v1/test/clock', { body: { set: '2025-06-10T04:00:00.000Z' } });
      expect(set.body.now).toBe('2025-06-10T04:00:00.000Z');
      expect((await t.call('POST', '/api/v1/test/clock', { body: { advanceMs: 60_000 } })).body.now).toBe('2025-06-10T04:01:00.000Z');
    } finally {
      await t.close();
    }
  });
});
