import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '@dangjian/shared';
import { DomainError } from './domain-error.js';
import { DB_RETRY_AFTER_S, isDatabaseUnavailable } from './hardening.js';

/** Fastify's own error codes that deserve a more precise Chinese message than their status's. */
const FASTIFY_CODES: Partial<Record<string, [string, string]>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['MALFORMED_JSON', '请求正文不是有效的 JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['MALFORMED_JSON', '请求正文为空，但声明为 JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', '请求的内容长度与实际不符'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', '请求内容过大'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请以 JSON（application/json）提交'],
  FST_ERR_CTP_INVALID_TYPE: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
};

const HTTP_CODES: Partial<Record<number, [string, string]>> = {
  400: ['BAD_REQUEST', '请求格式不正确'],
  401: ['UNAUTHENTICATED', '请先登录'],
  403: ['FORBIDDEN', '无权执行该操作'],
  404: ['NOT_FOUND', '请求的资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方法'],
  409: ['CONFLICT', '操作冲突，请刷新后重试'],
  413: ['PAYLOAD_TOO_LARGE', '上传内容过大'],
  408: ['REQUEST_TIMEOUT', '请求超时，请重试'],
  411: ['LENGTH_REQUIRED', '请求缺少内容长度'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  431: ['HEADERS_TOO_LARGE', '请求头过大，请清理浏览器 Cookie 后重试'],
  429: ['RATE_LIMITED', '操作过于频繁，请稍后再试'],
};

/** One error shape for every failure; unknown errors are logged and answered 500 without internals. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    this.answer(exception, ctx.getRequest<FastifyRequest>(), ctx.getResponse<FastifyReply>());
  }

  /** Answers a failure in the one shape; hot routes, served outside Nest's pipeline, call this directly. */
  answer(exception: unknown, request: FastifyRequest, reply: FastifyReply) {
    const [status, body] = this.toBody(exception);
    if (status === 503 && body.code === 'DATABASE_UNAVAILABLE') {
      void reply.header('retry-after', String(DB_RETRY_AFTER_S));
      this.logger.warn({ reqId: request.id, url: request.url, err: (exception as Error)?.message }, 'database unavailable');
    } else if (status >= 500) {
      this.logger.error({ err: exception, reqId: request.id, url: request.url }, 'unhandled error');
    }
    void reply
      .status(status)
      .header('x-request-id', request.id)
      .send({ ...body, requestId: request.id });
  }

  toBody(exception: unknown): [number, ApiError] {
    if (exception instanceof DomainError) {
      return [exception.status, { code: exception.code, message: exception.message, details: exception.details }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest wraps Fastify's own errors (bad JSON, wrong content type …) and keeps them as the cause.
      const cause = (exception.cause as { code?: unknown } | undefined)?.code;
      const [code, message] = (typeof cause === 'string' && FASTIFY_CODES[cause]) || HTTP_CODES[status] || ['HTTP_ERROR', '请求失败'];
      return [status, { code, message }];
    }
    // Fastify's own errors (body too large, bad JSON) carry a statusCode.
    const fst = exception as { statusCode?: number; code?: string; message?: string };
    if (fst?.statusCode === 429 && fst.code === 'RATE_LIMITED') {
      return [429, { code: 'RATE_LIMITED', message: fst.message ?? HTTP_CODES[429]![1] }];
    }
    if (isDatabaseUnavailable(exception)) {
      return [HttpStatus.SERVICE_UNAVAILABLE, { code: 'DATABASE_UNAVAILABLE', message: `数据库暂时无法连接，请 ${DB_RETRY_AFTER_S} 秒后重试` }];
    }
    // By name: under jest the parser's SyntaxError comes from another realm.
    if ((exception as Error)?.name === 'SyntaxError' && fst?.statusCode === 400) {
      return [400, { code: 'MALFORMED_JSON', message: '请求正文不是有效的 JSON' }];
    }
    if (typeof fst?.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
      const [code, message] = (fst.code && FASTIFY_CODES[fst.code]) || HTTP_CODES[fst.statusCode] || ['BAD_REQUEST', '请求格式不正确'];
      return [fst.statusCode, { code, message, details: fst.code ? { reason: fst.code } : undefined }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' }];
  }
}
