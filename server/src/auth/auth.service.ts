import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ChangePasswordDto,
  DemoUser,
  Me,
  PasswordSignInDto,
  SignInResult,
  SignOutDto,
  TokenPair,
  WechatBindDto,
  WechatSignInResult,
} from '@dangjian/shared';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PhoneCipher } from '../common/sensitive-cipher.js';
import { AuthErrors, routeNotFound } from './auth.errors.js';
import { describeByGrants, rankOf, toMe, type TitledGrant } from './auth.mappers.js';
import { AuthRepository } from './auth.repository.js';
import { BindTicketSigner } from './bind-ticket.js';
import { BindingCodeHasher } from './binding-code.js';
import { PasswordHasher } from './password.js';
import type { RequestMeta } from './request-meta.js';
import { SessionService } from './session.service.js';
import { WechatClient } from './wechat.client.js';

/** The demo picker lists these first, in this order (the demo data's keys). */
const DEMO_KEY_ORDER = ['member', 'secretary', 'worker'];

/** Actor of entries written before anyone is signed in (binding): the account itself. */
const selfActor = (userId: string, displayName: string, meta: RequestMeta): AuthContext => ({
  userId,
  displayName,
  sessionId: '',
  memberId: null,
  memberOrg: null,
  grants: [],
  isDemo: false,
  requestId: meta.requestId,
});

type BindOutcome = { ok: true; accessToken: string; refreshToken: string } | { ok: false };

/** Signing in (password, WeChat with binding, demo), sessions, and the caller's own account. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');
  private readonly tickets: BindTicketSigner;
  private readonly codes: BindingCodeHasher;
  private readonly phones: PhoneCipher;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AuthRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly wechat: WechatClient,
    private readonly hasher: PasswordHasher,
  ) {
    this.tickets = new BindTicketSigner(config.dataKey);
    this.codes = new BindingCodeHasher(config.dataKey);
    this.phones = new PhoneCipher(config.dataKey);
  }

  async demoUsers(): Promise<DemoUser[]> {
    this.requireDemoMode();
    const byUser = new Map<string, { key: string; username: string; displayName: string; memberOrg: string | null; grants: TitledGrant[] }>();
    for (const row of await this.repo.demoUsers()) {
      let u = byUser.get(row.id);
      if (!u) {
        u = { key: row.username.slice('demo-'.length), username: row.username, displayName: row.display_name, memberOrg: null, grants: [] };
        if (row.member_org_name && row.member_org_kind) {
          u.grants.push({ role: 'member', orgName: row.member_org_name, orgKind: row.member_org_kind });
        }
        byUser.set(row.id, u);
      }
      if (row.role && row.org_name && row.org_kind) u.grants.push({ role: row.role, orgName: row.org_name, orgKind: row.org_kind });
    }
    const order = (key: string) => (DEMO_KEY_ORDER.includes(key) ? DEMO_KEY_ORDER.indexOf(key) : DEMO_KEY_ORDER.length);
    return [...byUser.values()]
      .sort((a, b) => order(a.key) - order(b.key) || rankOf(a.grants) - rankOf(b.grants) || a.key.localeCompare(b.key))
      .map((u) => ({ key: u.key, username: u.username, displayName: u.displayName, description: describeByGrants(u.grants) ?? '演示账号' }));
  }

  async signInAsDemo(key: string): Promise<SignInResult> {
    this.requireDemoMode();
    const user = await this.repo.findDemoUser(key);
    if (!user) throw notFound('演示账号');
    return this.signedIn(await this.sessions.open(user.id, 'demo'));
  }

  async signInWithPassword(dto: PasswordSignInDto): Promise<SignInResult> {
    const username = dto.username.trim().toLowerCase();
    const attempt = await this.repo.claimPasswordAttempt(username);
    if (!attempt) {
      const lockedUntil = await this.repo.lockedUntil(username);
      if (lockedUntil) throw AuthErrors.accountLocked(lockedUntil);
      // Unknown name: spend the time of a real check so the answer time does not tell.
      await this.hasher.verify(dto.password, null);
      throw AuthErrors.invalidCredentials();
    }
    const ok = await this.hasher.verify(dto.password, attempt.password_hash);
    if (!ok) {
      if (attempt.locked_until) {
        this.logger.warn({ userId: attempt.id }, 'account locked after repeated wrong passwords');
        throw AuthErrors.accountLocked(attempt.locked_until);
      }
      throw AuthErrors.invalidCredentials();
    }
    await this.repo.passwordSucceeded(attempt.id, this.hasher.needsRehash(attempt.password_hash) ? await this.hasher.hash(dto.password) : null);
    // Only after the password is right: a disabled account (or a demo one outside demo mode) says so to its owner only.
    if (attempt.is_demo && !this.config.demoSignIn) throw AuthErrors.invalidCredentials();
    if (attempt.disabled_at) throw AuthErrors.accountDisabled();
    return this.signedIn(await this.sessions.open(attempt.id, 'password'));
  }

  async signInWithWechat(code: string): Promise<WechatSignInResult> {
    const identity = await this.wechat.code2session(code);
    const user = await this.repo.findByOpenid(identity.openid);
    if (!user || (user.is_demo && !this.config.demoSignIn)) {
      return { status: 'needs_binding', bindTicket: this.tickets.sign(identity) };
    }
    if (user.disabled_at) throw AuthErrors.accountDisabled();
    if (identity.unionid && identity.unionid !== user.wx_unionid) await this.repo.setUnionid(user.id, identity.unionid);
    return { status: 'signed_in', session: await this.signedIn(await this.sessions.open(user.id, 'wechat')) };
  }

  /**
   * Binds the WeChat identity in the ticket to the member with this phone and binding code, in one
   * transaction. The code rows are locked, so of two binds with one code exactly one wins. A wrong
   * code counts against every live code of that phone, and that count is committed.
   */
  async bindWechat(dto: WechatBindDto, meta: RequestMeta): Promise<SignInResult> {
    const identity = this.tickets.verify(dto.bindTicket);
    if (!identity) throw AuthErrors.bindTicketInvalid();
    const outcome = await this.db
      .transaction(async (em): Promise<BindOutcome> => {
        // M4: members are found by the phone's blind index; the number itself is stored encrypted.
        const live = await this.repo.lockLiveCodes(this.phones.blindIndex(dto.phone), em);
        const match = live.find((c) => this.codes.matches(c.member_id, dto.bindingCode, c.code_hash));
        if (!match) {
          if (live.length)
            await this.repo.countFailedCodeAttempt(
              live.map((c) => c.id),
              em,
            );
          return { ok: false };
        }
        const boundTo = await this.repo.findByOpenid(identity.openid, em);
        if (boundTo && boundTo.member_id !== match.member_id) throw AuthErrors.wechatAlreadyBound();
        const account = await this.repo.lockAccountOfMember(match.member_id, em);
        if (account?.disabled_at) throw AuthErrors.accountDisabled();
        let userId: string;
        if (account) {
          userId = account.id;
          await this.repo.attachWechat(userId, identity.openid, identity.unionid, em);
        } else {
          userId = await this.repo.createWechatAccount(match.member_id, match.member_name, identity.openid, identity.unionid, em);
        }
        await this.repo.useCode(match.id, em);
        await this.audit.record(
          selfActor(userId, match.member_name, meta),
          {
            action: 'wechat.bind',
            objectType: 'user_account',
            objectId: userId,
            orgPath: match.org_path,
            details: {
              memberId: match.member_id,
              accountCreated: !account,
              replacedEarlierWechat: Boolean(account?.wx_openid && account.wx_openid !== identity.openid),
            },
          },
          em,
        );
        const tokens = await this.sessions.open(userId, 'wechat', em);
        return { ok: true, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
      })
      .catch((err: unknown) => {
        // Two binds of one openid to two members at once: the unique index decides.
        if ((err as { driverError?: { constraint?: string } }).driverError?.constraint === 'UQ_user_account_wx_openid') throw AuthErrors.wechatAlreadyBound();
        throw err;
      });
    if (!outcome.ok) throw AuthErrors.bindingCodeInvalid();
    return this.signedIn({ accessToken: outcome.accessToken, refreshToken: outcome.refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_S });
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.sessions.refresh(refreshToken);
  }

  async signOut(auth: AuthContext | null, dto: SignOutDto): Promise<void> {
    if (auth) return this.sessions.revoke(auth.sessionId);
    if (dto.refreshToken) return this.sessions.revokeByRefreshToken(dto.refreshToken);
    throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, '请先登录');
  }

  me(auth: AuthContext): Me {
    return toMe(auth);
  }

  /** The owner changes their password: the current one is required; every other session ends. */
  async changePassword(auth: AuthContext, dto: ChangePasswordDto): Promise<void> {
    const current = await this.repo.passwordHashOf(auth.userId);
    if (!current) throw AuthErrors.noUsername();
    if (!(await this.hasher.verify(dto.currentPassword, current))) throw AuthErrors.currentPasswordWrong();
    const hash = await this.hasher.hash(dto.newPassword);
    await this.db.transaction(async (em) => {
      await this.repo.setPassword(auth.userId, hash, em);
      await this.sessions.revokeAllOf(auth.userId, em, auth.sessionId);
      await this.audit.record(
        auth,
        { action: 'user.changePassword', objectType: 'user_account', objectId: auth.userId, orgPath: auth.memberOrg?.path ?? null },
        em,
      );
    });
  }

  private async signedIn(tokens: TokenPair): Promise<SignInResult> {
    return { ...tokens, me: toMe(await this.sessions.authenticate(tokens.accessToken)) };
  }

  private requireDemoMode() {
    if (!this.config.DEMO_MODE) throw routeNotFound();
    // Demo accounts have published passwords (one is a platform administrator): never in production.
    if (!this.config.demoSignIn) throw AuthErrors.demoDisabledInProduction();
  }
}
