import type { ApiError as ApiErrorBody } from '@dangjian/shared';
import { CommonErrorCode } from '@dangjian/shared';

/** Client-side codes for failures that never reached the server's error filter. */
export const ClientErrorCode = {
  NETWORK: 'NETWORK',
  BAD_RESPONSE: 'BAD_RESPONSE',
} as const;

/** Every failed call rejects with this: the server's `{ code, message, details }` plus the HTTP status. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
  }

  get isForbidden(): boolean {
    return this.code === CommonErrorCode.FORBIDDEN;
  }
}

const FALLBACK_MESSAGE: Record<number, string> = {
  400: '请求有误，请检查后重试',
  401: '登录已失效，请重新登录',
  403: '没有权限进行此操作',
  404: '要找的内容不存在',
  413: '提交的内容过大',
  429: '操作太频繁，请稍后再试',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Checked by hand: a proxy or a crashed server can answer with HTML or nothing at all. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiError(status, {
      code: body.code,
      message: body.message,
      details: body.details,
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
    });
  }
  const code = status >= 500 ? CommonErrorCode.INTERNAL : ClientErrorCode.BAD_RESPONSE;
  const message = FALLBACK_MESSAGE[status] ?? '服务暂时不可用，请稍后重试';
  return new ApiError(status, { code, message });
}

export const networkError = () => new ApiError(0, { code: ClientErrorCode.NETWORK, message: '网络连接失败，请检查网络后重试' });

export const errorMessage = (e: unknown): string => (e instanceof ApiError ? e.message : '出了点问题，请稍后重试');
