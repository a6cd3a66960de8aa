import { CommonErrorCode } from '@dangjian/shared';
import { refreshSession } from '@/api/client';
import { networkError } from '@/api/errors';
import { apiUrl } from '@/api/links';
import { getAccessToken } from '@/api/session';
import { XLSX_PICK, type PickSpec, type UploadResult } from './file-upload.types';

export type { PickSpec, UploadResult };

/** Opens the browser's file chooser; null when the person closes it without a file. */
function chooseFile(spec: PickSpec): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = [...spec.extensions.map((e) => `.${e}`), ...spec.contentTypes].join(',');
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

async function upload(path: string, file: File): Promise<UploadResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const res = await fetch(apiUrl(path), {
      method: 'POST',
      headers: { Authorization: `Bearer ${getAccessToken() ?? ''}`, Accept: 'application/json' },
      body: form,
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  } catch {
    throw networkError();
  }
}

export async function pickAndUpload(path: string, spec: PickSpec): Promise<UploadResult | null> {
  const file = await chooseFile(spec);
  if (!file) return null;
  let res = await upload(path, file);
  const code = (res.body as { code?: unknown } | null)?.code;
  if (res.status === 401 && code === CommonErrorCode.TOKEN_EXPIRED && (await refreshSession())) res = await upload(path, file);
  return res;
}

export const pickAndUploadXlsx = (path: string) => pickAndUpload(path, XLSX_PICK);
