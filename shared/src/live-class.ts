import { z } from 'zod';
import { UuidSchema } from './common.js';
import { NewsCommentSchema } from './news.js';
import { HeartbeatSchema } from './study.js';

/*
 * 红色直播间 (issue 17): a scheduled online Party class with a host from the rota (红色主播), a topic and
 * a stream — a live HLS URL, or an uploaded video premiered at the set time. Attendance is credited by
 * the study heartbeat rules (L2) on the class's lesson and counts toward study hours (L1); the recording
 * stays as a lesson of the class's course. Comments are moderated like news comments.
 */

const Instant = z.iso.datetime({ offset: true });
export const LIVE_LIMITS = { topicMax: 100, summaryMax: 2000 } as const;

export const LiveStreamKind = z.enum(['hls', 'premiere']);
export type LiveStreamKind = z.infer<typeof LiveStreamKind>;
export const LIVE_STREAM_KIND_LABEL: Record<LiveStreamKind, string> = { hls: '直播', premiere: '视频首映' };

export const CreateLiveClassSchema = z
  .object({
    orgId: UuidSchema,
    topic: z.string().trim().min(1, '请填写主题').max(LIVE_LIMITS.topicMax),
    summary: z.string().trim().max(LIVE_LIMITS.summaryMax).default(''),
    startsAt: Instant,
    endsAt: Instant,
    /** Null: the next member of the organisation's rota. */
    hostMemberId: UuidSchema.nullable().default(null),
    streamKind: LiveStreamKind,
    /** hls: the .m3u8 address of the live stream (https). */
    streamUrl: z
      .url({ protocol: /^https?$/, error: '请填写 http(s) 开头的直播地址' })
      .max(500)
      .nullable()
      .default(null),
    /** premiere: a video uploaded through POST /study/files?kind=video, with its length. */
    videoFileId: UuidSchema.nullable().default(null),
    videoDurationS: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .nullable()
      .default(null),
  })
  .refine((d) => Date.parse(d.endsAt) > Date.parse(d.startsAt), { message: '结束时间须晚于开始时间', path: ['endsAt'] })
  .refine((d) => (d.streamKind === 'hls' ? d.streamUrl !== null : d.videoFileId !== null && d.videoDurationS !== null), {
    message: '直播须填写直播地址；首映须上传视频并填写时长',
    path: ['streamKind'],
  })
  .meta({ id: 'CreateLiveClass' });
export type CreateLiveClassDto = z.output<typeof CreateLiveClassSchema>;

/** After a live stream: the recording, uploaded through POST /study/files?kind=video. */
export const LiveRecordingSchema = z
  .object({
    videoFileId: UuidSchema,
    durationS: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600),
  })
  .meta({ id: 'LiveRecording' });
export type LiveRecordingDto = z.output<typeof LiveRecordingSchema>;

/** After the class: keep the recording (a live stream's; a premiere's video is kept already) and credit the host. */
export const CloseLiveClassSchema = z.object({ recording: LiveRecordingSchema.nullable().default(null) }).meta({ id: 'CloseLiveClass' });
export type CloseLiveClassDto = z.output<typeof CloseLiveClassSchema>;

export const LiveClassSchema = z
  .object({
    id: UuidSchema,
    orgId: UuidSchema,
    orgName: z.string(),
    topic: z.string(),
    summary: z.string(),
    startsAt: Instant,
    endsAt: Instant,
    host: z.object({ memberId: UuidSchema, name: z.string() }),
    streamKind: LiveStreamKind,
    phase: z.enum(['upcoming', 'live', 'ended']),
    /** hls: the stream; premiere: a signed URL of the video; null before the room opens. */
    playUrl: z.string().nullable(),
    /** premiere: where everyone is in the video now (seconds). */
    premierePositionS: z.number().int().nullable(),
    courseId: UuidSchema,
    /** The lesson the room's heartbeats credit (L2). */
    lessonId: UuidSchema,
    /** The recording's lesson, once kept. */
    recordingLessonId: UuidSchema.nullable(),
    /** The caller's credited seconds in the room, and whether that counts as attended. */
    myCreditedS: z.number().int(),
    attended: z.boolean(),
    attendanceSeconds: z.number().int(),
    attendeeCount: z.number().int(),
    hostPointsAwarded: z.boolean(),
    canManage: z.boolean(),
  })
  .meta({ id: 'LiveClass' });
export type LiveClass = z.infer<typeof LiveClassSchema>;
export const LiveClassListSchema = z.object({ items: z.array(LiveClassSchema) }).meta({ id: 'LiveClassList' });
export type LiveClassList = z.infer<typeof LiveClassListSchema>;

/** A heartbeat from the room: the study module's heartbeat (L2) without the lesson (the class names it). */
export const LiveHeartbeatSchema = HeartbeatSchema.omit({ lessonId: true }).meta({ id: 'LiveHeartbeat' });
export type LiveHeartbeatDto = z.output<typeof LiveHeartbeatSchema>;

export const LiveRotaSchema = z
  .object({
    orgId: UuidSchema,
    members: z.array(z.object({ memberId: UuidSchema, name: z.string(), hostedCount: z.number().int() })),
    /** Who hosts the next class scheduled without a host. */
    nextMemberId: UuidSchema.nullable(),
    canManage: z.boolean(),
  })
  .meta({ id: 'LiveRota' });
export type LiveRota = z.infer<typeof LiveRotaSchema>;
export const SetLiveRotaSchema = z
  .object({
    memberIds: z
      .array(UuidSchema)
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, '名单中有重复的党员'),
  })
  .meta({ id: 'SetLiveRota' });
export type SetLiveRotaDto = z.output<typeof SetLiveRotaSchema>;

export const LiveOrgQuerySchema = z.object({ orgId: UuidSchema.optional() });
export type LiveOrgQuery = z.output<typeof LiveOrgQuerySchema>;

/** Comments have the shape of news comments (one moderation pattern). */
export const LiveCommentsSchema = z
  .object({ items: z.array(NewsCommentSchema), canModerate: z.boolean(), pendingCount: z.number().int() })
  .meta({ id: 'LiveComments' });
export type LiveComments = z.infer<typeof LiveCommentsSchema>;
