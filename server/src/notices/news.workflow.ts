import { NEWS_ACTION_ACTOR, NEWS_TRANSITIONS, type NewsAction, type NewsState, type NewsStepDto } from '@dangjian/shared';
import type { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext, type Grant } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import type { WorkflowDefinition } from '../common/workflow.js';
import { NewsErrors } from './news.errors.js';
import type { NewsChanges, NewsRepository, NewsRow } from './news.repository.js';

type Inputs = Record<NewsAction, NewsStepDto>;

/** The branch's own editors: notice.publish held on the writing organisation itself, or the author while they still may publish there. */
export function isEditor(access: AccessService, auth: AuthContext, r: Pick<NewsRow, 'org_path' | 'created_by'>): boolean {
  if (!access.can(auth, 'notice.publish', r.org_path)) return false;
  return (
    r.created_by === auth.userId || auth.grants.some((g) => g.orgPath === r.org_path && access.can({ ...auth, grants: [g] }, 'notice.publish', r.org_path))
  );
}

/** The committee the caller reviews for: notice.publish on a strict ancestor of the writing organisation (the nearest such). */
export function reviewerGrant(access: AccessService, auth: AuthContext, orgPath: string): Grant | null {
  const above = auth.grants.filter(
    (g) => g.orgPath !== orgPath && isWithin(orgPath, g.orgPath) && access.can({ ...auth, grants: [g] }, 'notice.publish', orgPath),
  );
  return above.sort((a, b) => b.orgPath.length - a.orgPath.length)[0] ?? null;
}

/**
 * Who sees a news item. Published: the reviewing committee's subtree (members and role holders in
 * it), and whoever reads the writing organisation from above. Before that: the branch's editors, and
 * the committees above once it was submitted — branch B and a committee elsewhere see nothing.
 */
export function mayRead(access: AccessService, auth: AuthContext, r: NewsRow): boolean {
  if (r.state === 'published') {
    const paths = [...(auth.memberOrg ? [auth.memberOrg.path] : []), ...auth.grants.map((g) => g.orgPath)];
    return paths.some((p) => isWithin(p, r.reviewer_path!)) || access.can(auth, 'org.read', r.org_path);
  }
  return isEditor(access, auth, r) || (r.state !== 'draft' && reviewerGrant(access, auth, r.org_path) !== null);
}

/** 党建动态 review on the shared engine: the table is NEWS_TRANSITIONS; the branch submits, a committee above publishes or returns. */
export function newsWorkflow(repo: NewsRepository, access: AccessService): WorkflowDefinition<NewsRow, NewsState, NewsAction, Inputs, NewsChanges> {
  const detailPage = (id: string) => `/packages/news/pages/detail/index?id=${id}`;
  return {
    name: 'news',
    table: NEWS_TRANSITIONS,
    lock: async (tx, auth, id, action) => {
      const r = await repo.lock(tx, id);
      if (!r || !mayRead(access, auth, r)) throw notFound('动态');
      if (NEWS_ACTION_ACTOR[action] === 'branch' ? !isEditor(access, auth, r) : !reviewerGrant(access, auth, r.org_path))
        throw NEWS_ACTION_ACTOR[action] === 'branch' ? forbidden('只有本支部的书记或撰稿人可以提交') : NewsErrors.notReviewer();
      return r;
    },
    state: (r) => r.state,
    id: (r) => r.id,
    orgPath: (r) => r.org_path,
    outOfOrder: (ctx) => NewsErrors.stepOutOfOrder(ctx.from, ctx.action),
    actions: {
      submit: {
        // A piece is reviewed by a committee above the branch; a top-level organisation has none.
        guards: [
          (c) => {
            if (!c.subject.org_path.includes('.')) throw NewsErrors.noReviewer();
          },
        ],
        effect: (c) => ({ changes: { submitted_at: c.now, return_reason: null } }),
      },
      publish: {
        effect: (c) => {
          const g = reviewerGrant(access, c.auth, c.subject.org_path)!;
          return { changes: { published_at: c.now, reviewer_org_id: g.orgId }, audit: { reviewerOrgId: g.orgId } };
        },
      },
      return: { effect: (c) => ({ changes: { return_reason: c.input.reason ?? null }, audit: { reason: c.input.reason } }) },
    },
    save: async (ctx, to, changes) => {
      await repo.update(ctx.tx, ctx.subject.id, { ...changes, state: to });
      return (await repo.find(ctx.subject.id, null, ctx.tx))!;
    },
    notify: (ctx, to, saved) =>
      saved.created_by && to !== 'submitted'
        ? [
            {
              userIds: [saved.created_by],
              kind: 'news',
              title: to === 'published' ? '党建动态已发布' : '党建动态被退回修改',
              body: to === 'published' ? `《${saved.title}》已审核发布` : `《${saved.title}》：${saved.return_reason ?? ''}`,
              link: detailPage(saved.id),
            },
          ]
        : [],
  };
}
