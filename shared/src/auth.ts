import { z } from 'zod';
import { PageQuerySchema, UuidSchema, pageOf } from './common.js';
import { Role, RoleGrantSchema } from './access.js';
import { MobilePhoneSchema } from './member.js';

export const TokenPairSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    /** Seconds until the access token expires. */
    expiresIn: z.number().int(),
  })
  .meta({ id: 'TokenPair' });
export type TokenPair = z.infer<typeof TokenPairSchema>;

export const MeSchema = z
  .object({
    userId: UuidSchema,
    displayName: z.string(),
    memberId: UuidSchema.nullable(),
    orgId: UuidSchema.nullable(),
    orgName: z.string().nullable(),
    roles: z.array(RoleGrantSchema),
    isDemo: z.boolean(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const SignInResultSchema = TokenPairSchema.extend({ me: MeSchema }).meta({ id: 'SignInResult' });
export type SignInResult = z.infer<typeof SignInResultSchema>;

export const PasswordSignInSchema = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) })
  .meta({ id: 'PasswordSignIn' });
export type PasswordSignInDto = z.infer<typeof PasswordSignInSchema>;

/** wx.login gives a one-time `code`; the server trades it for the openid through code2session. */
export const WechatSignInSchema = z.object({ code: z.string().trim().min(1).max(128) }).meta({ id: 'WechatSignIn' });
export type WechatSignInDto = z.infer<typeof WechatSignInSchema>;

/**
 * A WeChat identity not yet bound to a member gets a short-lived `bindTicket` instead of tokens;
 * with the member's phone and the branch's one-time binding code it becomes a signed-in member.
 */
export const WechatSignInResultSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('signed_in'), session: SignInResultSchema }),
    z.object({ status: z.literal('needs_binding'), bindTicket: z.string() }),
  ])
  .meta({ id: 'WechatSignInResult' });
export type WechatSignInResult = z.infer<typeof WechatSignInResultSchema>;

export const WechatBindSchema = z
  .object({
    bindTicket: z.string().min(1),
    phone: MobilePhoneSchema,
    bindingCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { message: '绑定码为 6 位数字' }),
  })
  .meta({ id: 'WechatBind' });
export type WechatBindDto = z.infer<typeof WechatBindSchema>;

export const RefreshSchema = z.object({ refreshToken: z.string().min(1) }).meta({ id: 'Refresh' });
export type RefreshDto = z.infer<typeof RefreshSchema>;

export const DemoUserSchema = z.object({ key: z.string(), displayName: z.string(), description: z.string(), username: z.string() }).meta({ id: 'DemoUser' });
export type DemoUser = z.infer<typeof DemoUserSchema>;
export const DemoSignInSchema = z.object({ key: z.string().trim().min(1).max(50) }).meta({ id: 'DemoSignIn' });
export type DemoSignInDto = z.infer<typeof DemoSignInSchema>;

export const BindingCodeSchema = z.object({ memberId: UuidSchema, code: z.string(), expiresAt: z.iso.datetime() }).meta({ id: 'BindingCode' });
export type BindingCode = z.infer<typeof BindingCodeSchema>;

/** Sign-out revokes the caller's session; with an expired access token the refresh token names the session instead. */
export const SignOutSchema = z.object({ refreshToken: z.string().optional() }).default({}).meta({ id: 'SignOut' });
export type SignOutDto = z.infer<typeof SignOutSchema>;

/** Stable codes of the identity module, beside CommonErrorCode. Statuses in docs/modules/auth.md. */
export const AuthErrorCode = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  CURRENT_PASSWORD_WRONG: 'CURRENT_PASSWORD_WRONG',
  REFRESH_INVALID: 'REFRESH_INVALID',
  /** A refresh token that was already rotated came back: the whole session (token family) is revoked. */
  REFRESH_REUSED: 'REFRESH_REUSED',
  DEMO_DISABLED_IN_PRODUCTION: 'DEMO_DISABLED_IN_PRODUCTION',
  WECHAT_CODE_INVALID: 'WECHAT_CODE_INVALID',
  WECHAT_RATE_LIMITED: 'WECHAT_RATE_LIMITED',
  WECHAT_USER_BLOCKED: 'WECHAT_USER_BLOCKED',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  BIND_TICKET_INVALID: 'BIND_TICKET_INVALID',
  BINDING_CODE_INVALID: 'BINDING_CODE_INVALID',
  WECHAT_ALREADY_BOUND: 'WECHAT_ALREADY_BOUND',
  MEMBER_PHONE_MISSING: 'MEMBER_PHONE_MISSING',
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  MEMBER_HAS_ACCOUNT: 'MEMBER_HAS_ACCOUNT',
  NO_USERNAME: 'NO_USERNAME',
  ROLE_NOT_ASSIGNABLE: 'ROLE_NOT_ASSIGNABLE',
  ROLE_ALREADY_GRANTED: 'ROLE_ALREADY_GRANTED',
  CANNOT_CHANGE_SELF: 'CANNOT_CHANGE_SELF',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

/** Passwords set by workers or by their owner: at least 10 characters, letters and digits. */
export const PasswordSchema = z
  .string()
  .min(10, { message: '密码至少 10 位' })
  .max(128, { message: '密码最多 128 位' })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: '密码须同时包含字母和数字' });

/** Lower-case login names; `demo-` is reserved for the demo accounts. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, { message: '用户名为 3–32 位字母、数字或 . _ -，以字母或数字开头' })
  .refine((u) => !u.startsWith('demo-'), { message: '“demo-” 开头的用户名保留给演示账号' });

export const ChangePasswordSchema = z.object({ currentPassword: z.string().min(1).max(128), newPassword: PasswordSchema }).meta({ id: 'ChangePassword' });
export type ChangePasswordDto = z.infer<typeof ChangePasswordSchema>;

/**
 * The roles this module assigns. Committee positions (书记, 委员, 组长) are not here: the organisations
 * module records them with the committee's term.
 */
export const AssignableRole = z.enum(['org_worker', 'platform_admin']);
export type AssignableRole = z.infer<typeof AssignableRole>;

export const GrantRoleSchema = z.object({ role: AssignableRole, orgId: UuidSchema }).meta({ id: 'GrantRole' });
export type GrantRoleDto = z.infer<typeof GrantRoleSchema>;

export const RoleAssignmentSchema = z
  .object({ id: UuidSchema, role: Role, orgId: UuidSchema, orgName: z.string(), grantedAt: z.iso.datetime() })
  .meta({ id: 'RoleAssignment' });
export type RoleAssignment = z.infer<typeof RoleAssignmentSchema>;

export const UserAccountSchema = z
  .object({
    id: UuidSchema,
    username: z.string().nullable(),
    displayName: z.string(),
    memberId: UuidSchema.nullable(),
    memberName: z.string().nullable(),
    /** The member's own organisation (formal relationship). */
    orgId: UuidSchema.nullable(),
    orgName: z.string().nullable(),
    hasPassword: z.boolean(),
    wechatBound: z.boolean(),
    isDemo: z.boolean(),
    disabled: z.boolean(),
    /** Set while sign-in is locked after repeated wrong passwords. */
    lockedUntil: z.iso.datetime().nullable(),
    /** Explicit roles (this module assigns them). */
    roles: z.array(RoleAssignmentSchema),
    /** Current committee positions, read-only here. */
    positions: z.array(RoleGrantSchema),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'UserAccount' });
export type UserAccount = z.infer<typeof UserAccountSchema>;

export const UserPageSchema = pageOf(UserAccountSchema).meta({ id: 'UserPage' });

export const UserQuerySchema = PageQuerySchema.extend({
  /** Subtree to list (default: every subtree the caller manages). */
  orgId: UuidSchema.optional(),
  /** Part of the username or display name. */
  q: z.string().trim().min(1).max(50).optional(),
}).meta({ id: 'UserQuery' });
export type UserQuery = z.infer<typeof UserQuerySchema>;

/**
 * A password account for an organisation worker. It must lie in the creator's subtree: through the
 * member it belongs to, or through the role granted with it.
 */
export const CreateUserSchema = z
  .object({
    username: UsernameSchema,
    displayName: z.string().trim().min(1).max(50),
    password: PasswordSchema,
    memberId: UuidSchema.optional(),
    role: GrantRoleSchema.optional(),
  })
  .refine((v) => v.memberId !== undefined || v.role !== undefined, {
    message: '须指定所属党员或授予一个角色',
    path: ['memberId'],
  })
  .meta({ id: 'CreateUser' });
export type CreateUserDto = z.infer<typeof CreateUserSchema>;

export const ResetPasswordSchema = z.object({ password: PasswordSchema }).meta({ id: 'ResetPassword' });
export type ResetPasswordDto = z.infer<typeof ResetPasswordSchema>;
