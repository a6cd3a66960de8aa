import Taro from '@tarojs/taro';
import { CommonErrorCode } from '@dangjian/shared';
import { refreshSession } from '@/api/client';
import { networkError } from '@/api/errors';
import { apiUrl } from '@/api/links';
import { getAccessToken } from '@/api/session';
import { XLSX_PICK, type PickSpec, type UploadResult } from './file-upload.types';

export type { PickSpec, UploadResult };

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

/** The picked file's temporary path; undefined when the person cancels. */
async function pick(spec: PickSpec): Promise<string | undefined> {
  try {
    if (spec.source === 'chat-file') {
      const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...spec.extensions] });
      return picked.tempFiles[0]?.path;
    }
    const picked = await Taro.chooseMedia({ count: 1, mediaType: [spec.source === 'media-image' ? 'image' : 'video'], sourceType: ['album', 'camera'] });
    return picked.tempFiles[0]?.tempFilePath;
  } catch {
    return undefined; // cancelled
  }
}

export async function pickAndUpload(path: string, spec: PickSpec): Promise<UploadResult | null> {
  const filePath = await pick(spec);
  if (!filePath) return null;
  let res = await upload(path, filePath);
  const code = (res.body as { code?: unknown } | null)?.code;
  if (res.status === 401 && code === CommonErrorCode.TOKEN_EXPIRED && (await refreshSession())) res = await upload(path, filePath);
  return res;
}

export const pickAndUploadXlsx = (path: string) => pickAndUpload(path, XLSX_PICK);
