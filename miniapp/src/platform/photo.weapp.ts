import Taro from '@tarojs/taro';
import type { MeetingPhoto } from '@dangjian/shared';
import { CommonErrorCode } from '@dangjian/shared';
import { refreshSession } from '@/api/client';
import { networkError, toApiError } from '@/api/errors';
import { apiUrl } from '@/api/links';
import { getAccessToken } from '@/api/session';

const parse = (data: string): unknown => {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
};

async function upload(meetingId: string, filePath: string): Promise<{ statusCode: number; body: unknown }> {
  try {
    const res = await Taro.uploadFile({
      url: apiUrl(`/meetings/${encodeURIComponent(meetingId)}/photos`),
      filePath,
      name: 'file',
      header: { Authorization: `Bearer ${getAccessToken() ?? ''}` },
    });
    return { statusCode: res.statusCode, body: parse(res.data) };
  } catch {
    throw networkError();
  }
}

export async function pickAndUploadPhoto(meetingId: string): Promise<MeetingPhoto | null> {
  let filePath: string | undefined;
  try {
    const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    filePath = picked.tempFilePaths[0];
  } catch {
    return null; // cancelled
  }
  if (!filePath) return null;
  let res = await upload(meetingId, filePath);
  const code = (res.body as { code?: unknown } | null)?.code;
  if (res.statusCode === 401 && code === CommonErrorCode.TOKEN_EXPIRED && (await refreshSession())) res = await upload(meetingId, filePath);
  if (res.statusCode >= 200 && res.statusCode < 300) return res.body as MeetingPhoto;
  throw toApiError(res.statusCode, res.body);
}
