import type { StoredStudyFile, StudyUploadKind } from '@dangjian/shared';
import { STUDY_UPLOAD } from '@dangjian/shared';
import { toApiError } from '@/api/errors';
import { pickAndUpload, type PickSpec } from '@/platform/file-upload';

const EXTENSIONS: Record<StudyUploadKind, string[]> = {
  image: ['png', 'jpg', 'jpeg', 'webp'],
  video: ['mp4', 'webm'],
  audio: ['mp3', 'm4a', 'webm'],
  document: ['pdf'],
};
const SOURCE: Record<StudyUploadKind, PickSpec['source']> = { image: 'media-image', video: 'media-video', audio: 'chat-file', document: 'chat-file' };

export const uploadLimitText = (kind: StudyUploadKind) => `${EXTENSIONS[kind].join('/')}，不超过 ${Math.round(STUDY_UPLOAD[kind].maxBytes / 1024 / 1024)} MB`;

/**
 * Picks one file of `kind` and uploads it to POST /study/files for the course's organisation (`orgId`;
 * null: the server's default). Null when the person cancels; a refusal (wrong type, too large …) rejects
 * with the server's ApiError so the form shows its Chinese message.
 */
export async function pickStudyFile(kind: StudyUploadKind, orgId: string | null): Promise<StoredStudyFile | null> {
  const res = await pickAndUpload(`/study/files?kind=${kind}${orgId ? `&orgId=${encodeURIComponent(orgId)}` : ''}`, {
    contentTypes: STUDY_UPLOAD[kind].contentTypes,
    extensions: EXTENSIONS[kind],
    source: SOURCE[kind],
  });
  if (!res) return null;
  if (res.status >= 200 && res.status < 300) return res.body as StoredStudyFile;
  throw toApiError(res.status, res.body);
}
