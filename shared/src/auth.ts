import { z } from 'zod';
import { UuidSchema } from './common.js';
import { RoleGrantSchema } from './access.js';
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
export const WechatSignInSchema = z
  .object({ code: z.string().trim().min(1).max(128) })
  .meta({ id: 'WechatSignIn' });
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
    bindingCode: z.string().trim().regex(/^\d{6}$/, { message: '绑定码为 6 位数字' }),
  })
  .meta({ id: 'WechatBind' });
export type WechatBindDto = z.infer<typeof WechatBindSchema>;

export const RefreshSchema = z.object({ refreshToken: z.string().min(1) }).meta({ id: 'Refresh' });
export type RefreshDto = z.infer<typeof RefreshSchema>;

export const DemoUserSchema = z
  .object({ key: z.string(), displayName: z.string(), description: z.string(), username: z.string() })
  .meta({ id: 'DemoUser' });
export type DemoUser = z.infer<typeof DemoUserSchema>;
export const DemoSignInSchema = z.object({ key: z.string().min(1) }).meta({ id: 'DemoSignIn' });

export const BindingCodeSchema = z
  .object({ memberId: UuidSchema, code: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'BindingCode' });
export type BindingCode = z.infer<typeof BindingCodeSchema>;
