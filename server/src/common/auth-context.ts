import type { Role } from '@dangjian/shared';

/** A role held on one organisation; it reaches that organisation's whole subtree. */
export type Grant = { role: Role; orgId: string; orgPath: string; orgName: string };

/** Who is calling, resolved once per request by the auth guard. */
export type AuthContext = {
  userId: string;
  sessionId: string;
  displayName: string;
  memberId: string | null;
  /** The member's own organisation (formal relationship), if the user is a member. */
  memberOrg: { id: string; path: string; name: string } | null;
  grants: Grant[];
  isDemo: boolean;
  /** The request's id, carried into audit entries. */
  requestId?: string;
};

/** ltree containment on the textual form: `path` is `root` itself or lies below it. */
export const isWithin = (path: string, root: string) => path === root || path.startsWith(`${root}.`);
