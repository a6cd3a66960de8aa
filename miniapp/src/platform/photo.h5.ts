import type { MeetingPhoto } from '@dangjian/shared';
import { CommonErrorCode, MEETING_PHOTO_LIMITS } from '@dangjian/shared';
import { refreshSession } from '@/api/client';
import { networkError, toApiError } from '@/api/errors';
import { apiUrl } from '@/api/links';
import { getAccessToken } from '@/api/session';

/** Opens the browser's file chooser; null when the person closes it without a file. */
function chooseFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = MEETING_PHOTO_LIMITS.contentTypes.join(',');
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

async function upload(meetingId: string, file: File): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const res = await fetch(apiUrl(`/meetings/${encodeURIComponent(meetingId)}/photos`), {
      method: 'POST',
      headers: { Authorization: `Bearer ${getAccessToken() ?? ''}`, Accept: 'application/json' },
      body: form,
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  } catch {
    throw networkError();
  }
}

export async function pickAndUploadPhoto(meetingId: string): Promise<MeetingPhoto | null> {
  const file = await chooseFile();
  if (!file) return null;
  let res = await upload(meetingId, file);
  const code = (res.body as { code?: unknown } | null)?.code;
  if (res.status === 401 && code === CommonErrorCode.TOKEN_EXPIRED && (await refreshSession())) res = await upload(meetingId, file);
  if (res.status >= 200 && res.status < 300) return res.body as MeetingPhoto;
  throw toApiError(res.status, res.body);
}
