import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '@dangjian/shared';
import { DomainError } from './domain-error.js';

const HTTP_CODES: Partial<Record<number, [string, string]>> = {
  400: ['BAD_REQUEST', '请求格式不正确'],
  401: ['UNAUTHENTICATED', '请先登录'],
  403: ['FORBIDDEN', '无权执行该操作'],
  404: ['NOT_FOUND', '请求的资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方法'],
  409: ['CONFLICT', '操作冲突，请刷新后重试'],
  413: ['PAYLOAD_TOO_LARGE', '上传内容过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  429: ['RATE_LIMITED', '操作过于频繁，请稍后再试'],
};

/** One error shape for every failure; unknown errors are logged and answered 500 without internals. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const [status, body] = this.toBody(exception);
    if (status >= 500) {
      this.logger.error({ err: exception, reqId: request.id, url: request.url }, 'unhandled error');
    }
    void reply.status(status).header('x-request-id', request.id).send({ ...body, requestId: request.id });
  }

  toBody(exception: unknown): [number, ApiError] {
    if (exception instanceof DomainError) {
      return [exception.status, { code: exception.code, message: exception.message, details: exception.details }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, message] = HTTP_CODES[status] ?? ['HTTP_ERROR', '请求失败'];
      return [status, { code, message }];
    }
    // Fastify's own errors (body too large, bad JSON) carry a statusCode.
    const fst = exception as { statusCode?: number; code?: string; message?: string };
    if (fst?.statusCode === 429 && fst.code === 'RATE_LIMITED') {
      return [429, { code: 'RATE_LIMITED', message: fst.message ?? HTTP_CODES[429]![1] }];
    }
    if (typeof fst?.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
      const [code, message] = HTTP_CODES[fst.statusCode] ?? ['BAD_REQUEST', '请求格式不正确'];
      return [fst.statusCode, { code, message, details: fst.code ? { reason: fst.code } : undefined }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' }];
  }
}
