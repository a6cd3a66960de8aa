import Taro from '@tarojs/taro';
import { CommonErrorCode } from '@dangjian/shared';
import { refreshSession } from '@/api/client';
import { networkError } from '@/api/errors';
import { apiUrl } from '@/api/links';
import { getAccessToken } from '@/api/session';

export type UploadResult = { status: number; body: unknown };

const parse = (data: string): unknown => {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
};

async function upload(path: string, filePath: string): Promise<UploadResult> {
  try {
    const res = await Taro.uploadFile({ url: apiUrl(path), filePath, name: 'file', header: { Authorization: `Bearer ${getAccessToken() ?? ''}` } });
    return { status: res.statusCode, body: parse(res.data) };
  } catch {
    throw networkError();
  }
}

export async function pickAndUploadXlsx(path: string): Promise<UploadResult | null> {
  let filePath: string | undefined;
  try {
    const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    filePath = picked.tempFiles[0]?.path;
  } catch {
    return null; // cancelled
  }
  if (!filePath) return null;
  let res = await upload(path, filePath);
  const code = (res.body as { code?: unknown } | null)?.code;
  if (res.status === 401 && code === CommonErrorCode.TOKEN_EXPIRED && (await refreshSession())) res = await upload(path, filePath);
  return res;
}
