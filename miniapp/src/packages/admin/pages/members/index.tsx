import { useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import type { Member, MemberStatus } from '@dangjian/shared';
import { hasPermission } from '@dangjian/shared';
import { getOrganisation } from '@/api/orgs';
import { listMembers } from '@/api/members';
import { ListFooter } from '@/components/ListFooter';
import { SearchBar, Segmented, type SegmentOption } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { grantsWith, memberEditUrl } from '@/utils/access';
import { MemberRow } from './MemberRow';
import './index.scss';

type StatusFilter = MemberStatus | 'all';
const STATUS_OPTIONS: ReadonlyArray<SegmentOption<StatusFilter>> = [
  { value: 'all', label: '全部' },
  { value: 'full', label: '正式党员' },
  { value: 'probationary', label: '预备党员' },
];

/** weapp hands route params over still encoded, H5 decoded; decoding twice must not throw. */
const decode = (v: string | undefined) => {
  if (!v) return undefined;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

export default function MemberListPage() {
  const { params } = useRouter();
  const { me } = useMe();
  const grants = useMemo(() => (me ? grantsWith(me, 'member.read') : []), [me]);
  const [picked, setPicked] = useState<{ orgId: string; orgName: string } | null>(null);
  const routeOrgId = params.orgId;
  const fromRoute = routeOrgId ? { orgId: routeOrgId, orgName: decode(params.orgName) ?? grants.find((g) => g.orgId === routeOrgId)?.orgName ?? '' } : null;
  const fallback = grants[0] ? { orgId: grants[0].orgId, orgName: grants[0].orgName } : null;
  const org = picked ?? fromRoute ?? fallback;

  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const key = org ? JSON.stringify([org.orgId, q, status]) : null;

  const list = usePagedList<Member>(key, (page, pageSize) =>
    listMembers({
      orgId: org?.orgId ?? '',
      q: q || undefined,
      status: status === 'all' ? undefined : status,
      page,
      pageSize,
    }),
  );

  useListPageEvents(list);

  // Members are added in a 党支部 (M2), by whoever manages it; the server checks the organisation itself.
  const detail = useQuery(org?.orgId ?? null, () => getOrganisation(org?.orgId ?? '', { toast: false }));
  const canAdd = detail.data?.kind === 'branch' && me !== null && hasPermission(me.roles, 'member.manage');

  const open = (m: Member) => void Taro.navigateTo({ url: `/packages/admin/pages/member-detail/index?id=${m.id}` });
  const switchable = grants.length > 1;

  return (
    <View className='page members'>
      <View className='members__toolbar'>
        <SearchBar value={q} placeholder='姓名、手机号或身份证号' onSearch={setQ} />
        <Segmented options={STATUS_OPTIONS} value={status} onChange={setStatus} />
      </View>
      <View className='members__summary'>
        {switchable ? (
          <Picker
            mode='selector'
            range={grants.map((g) => g.orgName)}
            onChange={(e) => {
              const g = grants[Number(e.detail.value)];
              if (g) setPicked({ orgId: g.orgId, orgName: g.orgName });
            }}
          >
            <Text className='members__org members__org--switch'>{org?.orgName} ▾</Text>
          </Picker>
        ) : (
          <Text className='members__org'>{org?.orgName}</Text>
        )}
        {list.loading ? null : (
          <Text className='members__total'>
            共 {list.total}
            {list.totalCapped ? '+' : ''} 人（含下级组织）
          </Text>
        )}
      </View>
      {org && canAdd ? (
        <View className='members__add' data-action='add-member' onClick={() => void Taro.navigateTo({ url: memberEditUrl(org.orgId, org.orgName) })}>
          <Text className='members__add-text'>＋ 添加党员</Text>
        </View>
      ) : null}
      {org ? (
        <StateView
          loading={list.loading}
          error={list.error}
          ready={list.items.length > 0 || (!list.loading && !list.error)}
          empty={list.items.length === 0}
          emptyTitle={q ? `没有找到“${q}”` : '暂无党员'}
          emptyDescription={q ? '换个姓名或筛选条件试试' : '该组织下还没有党员记录'}
          onRetry={() => void list.refresh()}
        >
          <View className='members__list'>
            {list.items.map((m) => (
              <MemberRow key={m.id} member={m} onOpen={open} />
            ))}
          </View>
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
        </StateView>
      ) : me ? (
        <EmptyState title='没有可查看的党员名册' description='您当前的角色无权查看党员名册' />
      ) : (
        <Loading />
      )}
    </View>
  );
}
