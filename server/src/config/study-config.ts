import { z } from 'zod';
import { envBool as bool } from './env-bool.js';

const mb = (def: number) => z.coerce.number().int().min(1).max(4096).default(def);

/**
 * Settings of file storage (local disk or S3) and of the study module, spread into the server's
 * EnvSchema (config.ts). docs/operations.md lists them.
 */
export const STUDY_ENV_FIELDS = {
  /** Where uploaded files live: 'local' (STORAGE_DIR, default) or 's3' (an S3-compatible bucket). */
  STORAGE_BACKEND: z.enum(['local', 's3']).default('local'),
  /** The S3 endpoint (MinIO, OSS, COS …); empty = AWS S3 of S3_REGION. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style addressing (http://host/bucket/key), needed by most self-hosted stores. */
  S3_FORCE_PATH_STYLE: bool.default(true),
  /** Upload limits per kind, in MB (the type is checked from the file's first bytes). */
  STUDY_MAX_IMAGE_MB: mb(8),
  STUDY_MAX_VIDEO_MB: mb(500),
  STUDY_MAX_AUDIO_MB: mb(100),
  STUDY_MAX_DOCUMENT_MB: mb(50),
  /** Lifetime of a signed media URL (<video src> cannot send the Authorization header). */
  STUDY_MEDIA_URL_TTL_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(4 * 3600),
  /** End-to-end tests only: POST /api/v1/test/clock drives the server clock. Refused in production. */
  DANGJIAN_TEST_CLOCK: bool.default(false),
};

type StudyEnv = z.infer<z.ZodObject<typeof STUDY_ENV_FIELDS>> & { NODE_ENV: string };
type Ctx = { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void };

export function checkStudyEnv(env: StudyEnv, ctx: Ctx): void {
  if (env.STORAGE_BACKEND === 's3' && !env.S3_BUCKET) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when STORAGE_BACKEND=s3' });
  if (env.DANGJIAN_TEST_CLOCK && env.NODE_ENV === 'production') {
    ctx.addIssue({ code: 'custom', path: ['DANGJIAN_TEST_CLOCK'], message: 'must not be set in production' });
  }
}
