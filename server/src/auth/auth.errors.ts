import { HttpStatus } from '@nestjs/common';
import { AuthErrorCode, assertUnreachable } from '@dangjian/shared';
import { DomainError } from '../common/domain-error.js';
import { errorTable } from '../common/error-table.js';

export { AuthErrorCode };

/** HTTP status of each identity error code, in one exhaustive switch. */
export function authErrorStatus(code: AuthErrorCode): HttpStatus {
  switch (code) {
    case AuthErrorCode.CURRENT_PASSWORD_WRONG:
    case AuthErrorCode.WECHAT_CODE_INVALID:
    case AuthErrorCode.BIND_TICKET_INVALID:
    case AuthErrorCode.BINDING_CODE_INVALID:
      return HttpStatus.BAD_REQUEST;
    case AuthErrorCode.INVALID_CREDENTIALS:
    case AuthErrorCode.REFRESH_INVALID:
    case AuthErrorCode.REFRESH_REUSED:
      return HttpStatus.UNAUTHORIZED;
    case AuthErrorCode.ACCOUNT_DISABLED:
    case AuthErrorCode.WECHAT_USER_BLOCKED:
    case AuthErrorCode.DEMO_DISABLED_IN_PRODUCTION:
      return HttpStatus.FORBIDDEN;
    case AuthErrorCode.WECHAT_ALREADY_BOUND:
    case AuthErrorCode.USERNAME_TAKEN:
    case AuthErrorCode.MEMBER_HAS_ACCOUNT:
    case AuthErrorCode.ROLE_ALREADY_GRANTED:
      return HttpStatus.CONFLICT;
    case AuthErrorCode.MEMBER_PHONE_MISSING:
    case AuthErrorCode.NO_USERNAME:
    case AuthErrorCode.ROLE_NOT_ASSIGNABLE:
    case AuthErrorCode.CANNOT_CHANGE_SELF:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    // 423 Locked, not 429: the account is locked, whatever the client or its address.
    case AuthErrorCode.ACCOUNT_LOCKED:
      return HttpStatus.LOCKED;
    case AuthErrorCode.WECHAT_RATE_LIMITED:
      return HttpStatus.TOO_MANY_REQUESTS;
    // 502 when WeChat failed or answered nonsense; `wechatUnavailable` answers 503 when it says it is busy.
    case AuthErrorCode.WECHAT_UNAVAILABLE:
      return HttpStatus.BAD_GATEWAY;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(authErrorStatus);

/** The identity module's failures; the codes are shared with the mini-program (shared/src/auth.ts). */
export const AuthErrors = {
  /** One answer for an unknown user and a wrong password: sign-in must not reveal which names exist. */
  invalidCredentials: () => err(AuthErrorCode.INVALID_CREDENTIALS, '用户名或密码不正确'),
  accountLocked: (until: Date) => {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return err(AuthErrorCode.ACCOUNT_LOCKED, `密码连续错误次数过多，账号已锁定，请 ${Math.ceil(seconds / 60)} 分钟后再试`, {
      lockedUntil: until.toISOString(),
      retryAfterSeconds: seconds,
    });
  },
  accountDisabled: () => err(AuthErrorCode.ACCOUNT_DISABLED, '账号已停用，请联系所在组织的管理员'),
  currentPasswordWrong: () => err(AuthErrorCode.CURRENT_PASSWORD_WRONG, '当前密码不正确'),

  wechatCodeInvalid: () => err(AuthErrorCode.WECHAT_CODE_INVALID, '微信登录凭证无效或已使用，请重新登录'),
  wechatRateLimited: () => err(AuthErrorCode.WECHAT_RATE_LIMITED, '微信登录过于频繁，请稍后再试'),
  wechatUserBlocked: () => err(AuthErrorCode.WECHAT_USER_BLOCKED, '该微信账号存在安全风险，暂时无法登录'),
  /** 503 when WeChat says it is busy (retry helps), 502 when it failed or answered nonsense. */
  wechatUnavailable: (status: HttpStatus.BAD_GATEWAY | HttpStatus.SERVICE_UNAVAILABLE = HttpStatus.BAD_GATEWAY) =>
    // The one code whose status depends on the upstream answer, so it overrides the table's 502.
    new DomainError(AuthErrorCode.WECHAT_UNAVAILABLE, status, '微信服务暂时不可用，请稍后再试'),

  bindTicketInvalid: () => err(AuthErrorCode.BIND_TICKET_INVALID, '绑定已超时，请重新进行微信登录'),
  /** Same answer for an unknown phone, a wrong code, and a used, expired or void code. */
  bindingCodeInvalid: () => err(AuthErrorCode.BINDING_CODE_INVALID, '手机号或绑定码不正确，或绑定码已失效'),
  wechatAlreadyBound: () => err(AuthErrorCode.WECHAT_ALREADY_BOUND, '该微信账号已绑定其他党员'),
  memberPhoneMissing: () => err(AuthErrorCode.MEMBER_PHONE_MISSING, '该党员未登记手机号，请先补充手机号再生成绑定码'),

  demoDisabledInProduction: () => err(AuthErrorCode.DEMO_DISABLED_IN_PRODUCTION, '生产环境（NODE_ENV=production）不允许使用演示账号登录'),
  refreshReused: () => err(AuthErrorCode.REFRESH_REUSED, '登录凭证已被使用过，为安全起见该登录已失效，请重新登录'),

  usernameTaken: () => err(AuthErrorCode.USERNAME_TAKEN, '用户名已被使用'),
  memberHasAccount: (userId?: string) => err(AuthErrorCode.MEMBER_HAS_ACCOUNT, '该党员已有登录账号', userId ? { userId } : undefined),
  noUsername: () => err(AuthErrorCode.NO_USERNAME, '该账号没有用户名，不能设置密码'),
  roleNotAssignable: (message: string) => err(AuthErrorCode.ROLE_NOT_ASSIGNABLE, message),
  roleAlreadyGranted: () => err(AuthErrorCode.ROLE_ALREADY_GRANTED, '该用户已拥有此角色'),
  cannotChangeSelf: (message: string) => err(AuthErrorCode.CANNOT_CHANGE_SELF, message),
};

/** What an absent route answers: demo endpoints look exactly like this when demo mode is off. */
export const routeNotFound = () => new DomainError('NOT_FOUND', HttpStatus.NOT_FOUND, '请求的资源不存在');
