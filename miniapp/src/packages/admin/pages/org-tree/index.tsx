import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import type { Organisation } from '@dangjian/shared';
import { getChildCounts, getOrganisation, listChildOrganisations, listScopeRoots, listSubtree } from '@/api/orgs';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { memberListUrl } from '@/utils/access';
import { ChildList } from './ChildList';
import { OrgSummary } from './OrgSummary';
import { OrgTreeView } from './OrgTreeView';
import './index.scss';

type Crumb = { id: string; name: string };

/**
 * Drill-down happens inside the page (a breadcrumb, not a page per level), so deep trees never hit the
 * mini-program's ten-page stack limit.
 */
export default function OrgTreePage() {
  const { params } = useRouter();
  // The server knows the caller's scope; starting from its roots avoids guessing from role grants.
  const scope = useQuery('scope-roots', listScopeRoots);
  const roots: Crumb[] = (scope.data ?? []).map((o) => ({ id: o.id, name: o.name }));
  const [chosen, setChosen] = useState<Crumb[] | null>(null);
  const routeStart = params.orgId ? [{ id: params.orgId, name: '' }] : null;
  const path = chosen ?? routeStart ?? (roots.length === 1 ? roots : []);
  const current = path[path.length - 1] ?? null;
  const id = current?.id ?? null;

  const detail = useQuery(id, () => getOrganisation(id ?? ''));
  const children = useQuery(id, () => Promise.all([listChildOrganisations(id ?? ''), getChildCounts(id ?? '')]));
  // The whole subtree (up to 200 organisations) for the tree view; a larger one falls back to the children.
  const subtree = useQuery(id ? `subtree:${id}` : null, () => listSubtree(id ?? ''));

  // Crumbs that came from the route carry only an id; remember names as the details arrive.
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    const d = detail.data;
    if (d) setNames((n) => (n[d.id] === d.name ? n : { ...n, [d.id]: d.name }));
  }, [detail.data]);

  usePullDownRefresh(() => {
    const jobs = id ? [detail.reload(), children.reload()] : [scope.reload()];
    void Promise.all(jobs).finally(() => Taro.stopPullDownRefresh());
  });

  const drill = (org: Organisation) => setChosen([...path, { id: org.id, name: org.name }]);
  /** Opens an organisation anywhere below: the crumbs gain every level between. */
  const openTo = (org: Organisation) => {
    const byId = new Map((subtree.data?.items ?? []).map((o) => [o.id, o]));
    const chain: Crumb[] = [];
    for (let o: Organisation | undefined = org; o && o.id !== id; o = o.parentId ? byId.get(o.parentId) : undefined) chain.unshift({ id: o.id, name: o.name });
    setChosen([...path, ...chain]);
  };
  const openMembers = () => {
    if (detail.data) void Taro.navigateTo({ url: memberListUrl(detail.data.id, detail.data.name) });
  };

  return (
    <View className='page org-tree'>
      <ScrollView scrollX className='org-tree__crumbs'>
        <View className='org-tree__crumbs-row'>
          {roots.length > 1 ? (
            <Text className='org-tree__crumb' onClick={() => setChosen([])}>
              全部组织
            </Text>
          ) : null}
          {path.map((c, i) => (
            <View key={c.id} className='org-tree__crumb-item'>
              {i > 0 || roots.length > 1 ? <Text className='org-tree__sep'>›</Text> : null}
              <Text className={`org-tree__crumb ${i === path.length - 1 ? 'org-tree__crumb--current' : ''}`} onClick={() => setChosen(path.slice(0, i + 1))}>
                {c.name || names[c.id] || '…'}
              </Text>
            </View>
          ))}
        </View>
      </ScrollView>

      {!current ? (
        <StateView
          loading={scope.loading}
          error={scope.error}
          ready={scope.data !== undefined}
          empty={roots.length === 0}
          emptyTitle='没有可查看的组织'
          emptyDescription='您当前的角色无权查看组织架构'
          onRetry={() => void scope.reload()}
        >
          <Text className='section-title'>我负责的组织</Text>
          <ChildList items={scope.data ?? []} counts={[]} onOpen={(o) => setChosen([{ id: o.id, name: o.name }])} />
        </StateView>
      ) : (
        <StateView loading={detail.loading} error={detail.error} ready={detail.data?.id === id} onRetry={() => void detail.reload()}>
          {detail.data ? <OrgSummary org={detail.data} onOpenMembers={openMembers} /> : null}
          <Text className='section-title'>组织架构</Text>
          <StateView
            loading={children.loading}
            error={children.error}
            ready={!children.loading && children.data !== undefined}
            onRetry={() => void children.reload()}
          >
            {subtree.data && subtree.data.total <= subtree.data.items.length ? (
              <OrgTreeView rootId={id ?? ''} orgs={subtree.data.items} onOpen={openTo} />
            ) : children.data ? (
              <ChildList items={children.data[0]} counts={children.data[1]} onOpen={drill} />
            ) : null}
          </StateView>
        </StateView>
      )}
    </View>
  );
}
