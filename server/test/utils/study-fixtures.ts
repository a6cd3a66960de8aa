import { randomBytes } from 'node:crypto';
import type { TestApp } from './app.js';
import { meetingWorld, MIN } from './meeting-fixtures.js';

/** A multipart/form-data body with one file part, as wx.uploadFile and FormData send it. */
export function multipart(data: Buffer, filename = 'file.bin', contentType = 'application/octet-stream') {
  const boundary = `----dangjian${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Bytes that sniff as the given type (magic number + filler). */
export const fakeMedia = {
  webm: (size = 4096) => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(size - 4)]),
  mp4: (size = 4096) => Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), randomBytes(size - 12)]),
  pdf: (size = 2048) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 9)]),
  png: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]),
};

export async function upload(t: TestApp, token: string, kind: 'image' | 'video' | 'audio' | 'document', data: Buffer) {
  const mp = multipart(data);
  return t.call('POST', `/study/files?kind=${kind}`, { token, payload: mp.payload, headers: mp.headers });
}

/**
 * The meeting world (committee, branches A and B, secretaries, members; clock stopped at T0) plus a
 * published course of branch A with a 100 s video (threshold 0.9) and an article (120 s minimum).
 */
export async function studyWorld(t: TestApp) {
  const w = await meetingWorld(t);
  const sec = w.secA.token;
  const file = await upload(t, sec, 'video', fakeMedia.webm());
  if (file.status !== 201) throw new Error(`upload failed: ${JSON.stringify(file.body)}`);
  const course = await t.call('POST', '/study/courses', { token: sec, body: { title: '学习党章', summary: '逐章学习', orgId: w.branchA.id } });
  if (course.status !== 201) throw new Error(`course failed: ${JSON.stringify(course.body)}`);
  const video = await t.call('POST', `/study/courses/${course.body.id}/lessons`, {
    token: sec,
    body: { title: '第一章 视频', kind: 'video', fileId: file.body.id, durationS: 100 },
  });
  const article = await t.call('POST', `/study/courses/${course.body.id}/lessons`, {
    token: sec,
    body: { title: '第二章 图文', kind: 'article', bodyHtml: '<p>党员必须……</p>', minSeconds: 120 },
  });
  if (video.status !== 201 || article.status !== 201) throw new Error(`lessons failed: ${JSON.stringify([video.body, article.body])}`);
  await t.call('PATCH', `/study/courses/${course.body.id}`, { token: sec, body: { status: 'published' } });
  return {
    ...w,
    course: course.body as { id: string },
    video: video.body as { id: string },
    article: article.body as { id: string },
    videoFile: file.body as { id: string; url: string },
  };
}

/** Heartbeats of one member, each after `stepMs` of the test clock. */
export function beater(t: TestApp, w: { clock: { advance: (ms: number) => void } }, token: string, deviceId = 'phone') {
  let seq = 0;
  return {
    beat: (lessonId: string, position: number, o: { seq?: number; device?: string } = {}) =>
      t.call('POST', '/study/heartbeats', { token, body: { lessonId, position, deviceId: o.device ?? deviceId, seq: o.seq ?? ++seq } }),
    wait: (ms: number) => w.clock.advance(ms),
  };
}

export { MIN };
