import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TokenPair } from '@dangjian/shared';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainError } from '../common/domain-error.js';
import { PgListener } from '../common/pg-listener.js';
import type { AuthContext, Grant } from '../common/auth-context.js';
import { AuthSessionEntity } from './auth.entities.js';
import { newToken, sha256 } from './tokens.js';
import { AuthErrors } from './auth.errors.js';
import { SessionsRepository } from './sessions.repository.js';

/** Cached callers at most (oldest evicted first). */
const AUTH_CACHE_MAX = 20_000;

const unauthenticated = (code = 'UNAUTHENTICATED', message = '请先登录') => new DomainError(code, HttpStatus.UNAUTHORIZED, message);

/**
 * Sessions with opaque access and refresh tokens. Only hashes are stored; a revoked or expired row
 * ends the session on the next request, on every server instance at once.
 *
 * Resolved callers are cached per process: whole for hot routes (authenticateCached), the session part
 * for every other route (authenticateSession). Every change to what a caller is built
 * from — the session row, the account, role assignments, committee positions, the member's
 * organisation, organisation names and paths — sends NOTIFY auth_changed from a trigger on commit
 * (migration 1795357000000), and every process drops the callers concerned (issue 12): a sign-out on
 * one instance is refused on all of them at once.
 */
@Injectable()
export class SessionService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sessions');
  /** Resolved callers by token hash, in insertion order (see authenticateCached). */
  private readonly cache = new Map<string, { until: number; auth: AuthContext }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SessionsRepository,
    private readonly listener: PgListener,
  ) {}

  async onApplicationBootstrap() {
    await this.listener.subscribe('auth_changed', {
      onNotify: (payload) => this.changed(payload),
      // Changes made while the connection was down were not heard.
      onResync: () => this.cache.clear(),
    });
  }

  /**
   * Whether every route may use the cached session (authenticateSession): only while revocations are
   * heard. Without the LISTEN connection only @HotRoute() routes use the cache, within AUTH_CACHE_TTL_MS.
   */
  get cachesEveryRoute(): boolean {
    return this.config.AUTH_CACHE_TTL_MS > 0 && this.listener.isListening;
  }

  /** An auth_changed payload: `s:<session>`, `u:<user>`, `m:<member>` or `*` (everyone). */
  private changed(payload: string) {
    const id = payload.slice(2);
    if (payload.startsWith('s:')) this.forget((a) => a.sessionId === id);
    else if (payload.startsWith('u:')) this.forget((a) => a.userId === id);
    else if (payload.startsWith('m:')) this.forget((a) => a.memberId === id);
    else this.cache.clear();
  }

  async open(userId: string, method: string, manager: EntityManager = this.db.manager): Promise<TokenPair> {
    const accessToken = newToken('at');
    const refreshToken = newToken('rt');
    const now = Date.now();
    await manager.insert(AuthSessionEntity, {
      userId,
      method,
      accessHash: sha256(accessToken),
      refreshHash: sha256(refreshToken),
      accessExpiresAt: new Date(now + this.config.ACCESS_TOKEN_TTL_S * 1000),
      refreshExpiresAt: new Date(now + this.config.REFRESH_TOKEN_TTL_S * 1000),
    });
    return { accessToken, refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_S };
  }

  /**
   * Rotates both tokens: a refresh token works once. The rotated-away token is remembered for its
   * session (auth_refresh_rotated, same statement); when it is presented again, two parties hold the
   * token family, so the whole session — old and newly issued pair — is revoked (OAuth 2.0 Security BCP,
   * refresh token rotation with reuse detection) and the caller must sign in again.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const accessToken = newToken('at');
    const nextRefresh = newToken('rt');
    const now = Date.now();
    const presented = sha256(refreshToken);
    const sessionId = await this.repo.rotate({
      refreshHash: presented,
      accessHash: sha256(accessToken),
      nextRefreshHash: sha256(nextRefresh),
      accessExpiresAt: new Date(now + this.config.ACCESS_TOKEN_TTL_S * 1000),
      demoAllowed: this.config.demoSignIn,
    });
    if (sessionId === undefined) {
      const reused = await this.repo.revokeByRotatedToken(presented);
      if (reused.length > 0 || (await this.repo.wasRotated(presented))) {
        for (const id of reused) this.forget((a) => a.sessionId === id);
        if (reused.length) this.logger.warn({ sessionId: reused[0] }, 'refresh token reused: session revoked');
        throw AuthErrors.refreshReused();
      }
      throw unauthenticated('REFRESH_INVALID', '登录已过期，请重新登录');
    }
    // The old access token dies with the rotation, here at once.
    this.forget((a) => a.sessionId === sessionId);
    return { accessToken, refreshToken: nextRefresh, expiresIn: this.config.ACCESS_TOKEN_TTL_S };
  }

  async revoke(sessionId: string) {
    this.forget((a) => a.sessionId === sessionId);
    await this.db.getRepository(AuthSessionEntity).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    // A request between the two may have cached the session again (its NOTIFY would drop it a moment later).
    this.forget((a) => a.sessionId === sessionId);
  }

  /** Every session of the user, optionally but one (a password change keeps the session that made it). */
  async revokeAllOf(userId: string, manager?: EntityManager, exceptSessionId?: string) {
    this.forget((a) => a.userId === userId && a.sessionId !== exceptSessionId);
    await this.repo.revokeAllOf(userId, exceptSessionId ?? null, manager);
  }

  /** Sign-out with an expired access token: the refresh token still names the session. */
  async revokeByRefreshToken(refreshToken: string) {
    const revoked = await this.repo.revokeByRefreshHash(sha256(refreshToken));
    for (const id of revoked) this.forget((a) => a.sessionId === id);
  }

  /**
   * `authenticate` without the two queries: the caller resolved at most AUTH_CACHE_TTL_MS ago (never
   * past the token's expiry) is reused. A change on any instance (or directly in the database) drops
   * it when its NOTIFY arrives; were that connection down, it would still expire within the TTL.
   */
  async authenticateCached(accessToken: string): Promise<AuthContext> {
    return (await this.cachedCaller(accessToken)).auth;
  }

  /**
   * Every other route while revocations are heard (issue 12): the session and account from the cache
   * (a sign-out or revocation anywhere drops them at once), the member's organisation and the grants
   * read fresh in one query — a role or position granted on this instance must apply to the very next
   * request, which a NOTIFY arriving a few milliseconds later cannot promise. One query instead of two.
   */
  async authenticateSession(accessToken: string): Promise<AuthContext> {
    const { auth, fresh } = await this.cachedCaller(accessToken);
    if (fresh) return auth;
    const rows = await this.repo.memberOrgAndGrants(auth.userId, auth.memberId);
    const org = rows[0]?.role === 'member' ? rows[0] : null;
    const grants = rows.map((r) => ({ role: r.role, orgId: r.org_id, orgPath: r.org_path, orgName: r.org_name }));
    return { ...auth, memberOrg: org && { id: org.org_id, path: org.org_path, name: org.org_name }, grants };
  }

  /** The cached caller, or the caller resolved now (`fresh`) and cached. */
  private async cachedCaller(accessToken: string): Promise<{ auth: AuthContext; fresh: boolean }> {
    const ttl = this.config.AUTH_CACHE_TTL_MS;
    if (ttl === 0) return { auth: await this.authenticate(accessToken), fresh: true };
    const key = sha256(accessToken);
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return { auth: hit.auth, fresh: false };
    this.cache.delete(key);
    const { auth, expiresAtMs } = await this.resolve(key);
    if (this.cache.size >= AUTH_CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    // Each entry lives 75–100 % of the TTL: callers resolved together (a restart, a class starting at
    // once) must not all expire together and fall on the database at the same moment.
    this.cache.set(key, { until: Math.min(now + ttl * (0.75 + Math.random() / 4), expiresAtMs), auth });
    return { auth, fresh: true };
  }

  private forget(match: (auth: AuthContext) => boolean) {
    for (const [key, { auth }] of this.cache) if (match(auth)) this.cache.delete(key);
  }

  /** Resolves a bearer token to the caller, with grants: two indexed queries. */
  async authenticate(accessToken: string): Promise<AuthContext> {
    return (await this.resolve(sha256(accessToken))).auth;
  }

  /**
   * A session of the demo loader's as `userId`, resolved to its caller. The demo data is written
   * through the services as the people who would do it, and also under NODE_ENV=production with
   * DEMO_MODE on, where demo accounts may not sign in: that rule guards their published passwords,
   * which the loader does not use.
   */
  async openForDemoLoader(userId: string): Promise<AuthContext> {
    const { accessToken } = await this.open(userId, 'demo');
    return (await this.resolve(sha256(accessToken), true)).auth;
  }

  private async resolve(accessHash: string, demoLoader = false): Promise<{ auth: AuthContext; expiresAtMs: number }> {
    const row = await this.repo.caller(accessHash);
    // Demo accounts have published passwords: outside demo mode they do not work, even with old sessions.
    if (!row || (row.is_demo && !this.config.demoSignIn && !demoLoader)) throw unauthenticated();
    if (row.expired) throw unauthenticated('TOKEN_EXPIRED', '登录已过期，请刷新令牌');
    const grants = await this.grantsOf(row.user_id, row.member_id);
    const memberOrg = row.org_id ? { id: row.org_id, path: row.org_path!, name: row.org_name! } : null;
    if (memberOrg) grants.unshift({ role: 'member', orgId: memberOrg.id, orgPath: memberOrg.path, orgName: memberOrg.name });
    const auth = {
      userId: row.user_id,
      sessionId: row.session_id,
      displayName: row.display_name,
      memberId: row.member_id,
      memberOrg,
      grants,
      isDemo: row.is_demo,
    };
    return { auth, expiresAtMs: row.expires_at.getTime() };
  }

  /** Explicit role assignments plus the member's current committee positions (O4, O8). */
  async grantsOf(userId: string, memberId: string | null): Promise<Grant[]> {
    const rows = await this.repo.grants(userId, memberId);
    return rows.map((r) => ({ role: r.role, orgId: r.org_id, orgPath: r.org_path, orgName: r.org_name }));
  }
}
