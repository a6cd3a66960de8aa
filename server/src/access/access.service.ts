import { Injectable } from '@nestjs/common';
import { ROLE_PERMISSIONS, type Permission } from '@dangjian/shared';
import { forbidden, notFound } from '../common/domain-error.js';
import { isWithin, type AuthContext, type Grant } from '../common/auth-context.js';
import { AccessRepository } from './access.repository.js';

/**
 * The one access check every service method calls first. A caller may act on an object when one of
 * their grants carries the permission and the object's organisation lies in that grant's subtree.
 * Objects are resolved to their organisation path here, so no service can forget the scope.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repo: AccessRepository) {}

  /** The subtree roots where the caller holds `permission` (for list queries: `path <@ ANY(roots)`). */
  scopes(auth: AuthContext, permission: Permission): string[] {
    const roots = auth.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission)).map((g) => g.orgPath);
    // Drop roots already covered by a wider one.
    return roots.filter((r) => !roots.some((o) => o !== r && isWithin(r, o)));
  }

  can(auth: AuthContext, permission: Permission, orgPath: string): boolean {
    return auth.grants.some((g) => isWithin(orgPath, g.orgPath) && ROLE_PERMISSIONS[g.role].includes(permission));
  }

  /** The grant that allows it, or a FORBIDDEN error. */
  assert(auth: AuthContext, permission: Permission, orgPath: string): Grant {
    const grant = auth.grants.find((g) => isWithin(orgPath, g.orgPath) && ROLE_PERMISSIONS[g.role].includes(permission));
    if (!grant) throw forbidden();
    return grant;
  }

  /**
   * Checks `permission` on an organisation and returns its path. An organisation the caller may not
   * see answers NOT_FOUND-or-FORBIDDEN the same way as one that exists: FORBIDDEN (ids are not secret,
   * but nothing about the object leaks).
   */
  async requireOrg(auth: AuthContext, permission: Permission, orgId: string): Promise<string> {
    const path = await this.repo.orgPath(orgId);
    if (!path) throw this.canAnything(auth, permission) ? notFound('组织') : forbidden();
    this.assert(auth, permission, path);
    return path;
  }

  /**
   * Checks `permission` on a member. `selfAllowed`: members may read (not manage) their own record.
   * Returns the member's organisation path.
   */
  async requireMember(auth: AuthContext, permission: Permission, memberId: string, selfAllowed = false): Promise<string> {
    const row = await this.repo.memberPaths(memberId);
    if (!row) throw this.canAnything(auth, permission) ? notFound('党员') : forbidden();
    if (selfAllowed && auth.memberId === memberId) return row.path;
    // A member's formal relationship is the branch; a 党小组 is below it (O8). The group's own
    // roles (its 组长) reach the members placed in that group.
    if (!this.can(auth, permission, row.path) && !(row.group_path && this.can(auth, permission, row.group_path))) throw forbidden();
    return row.path;
  }

  private canAnything(auth: AuthContext, permission: Permission) {
    return this.scopes(auth, permission).length > 0;
  }
}
