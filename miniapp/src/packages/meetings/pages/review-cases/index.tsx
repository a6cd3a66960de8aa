import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReviewCase, ReviewCaseStatus } from '@dangjian/shared';
import { closeReviewCase, listReviewCases, scanReviewCases } from '@/api/meeting-records';
import { Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { ListFooter } from '@/components/ListFooter';
import { PromptDialog } from '@/components/PromptDialog';
import { Segmented, type SegmentOption } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { OrgSwitch } from '@/components/OrgSwitch';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { grantsWith } from '@/utils/access';
import { formatDateTime } from '@/utils/format';
import { caseReason } from '../../records/shape';
import '../../records/records.scss';

const STATUS: ReadonlyArray<SegmentOption<ReviewCaseStatus>> = [
  { value: 'open', label: '待处理' },
  { value: 'closed', label: '已办结' },
];

function CaseCard({ c, canClose, onClose }: { c: ReviewCase; canClose: boolean; onClose: () => void }) {
  return (
    <View className='records__card'>
      <View className='records__card-head'>
        <Text className='records__title'>{c.member.name}</Text>
        <Tag tone={c.status === 'open' ? 'warning' : 'neutral'}>{c.status === 'open' ? '待处理' : '已办结'}</Tag>
      </View>
      <Text className='records__sub'>
        {c.kindLabel} · {c.organisation.name}
      </Text>
      {caseReason(c).map((line) => (
        <Text key={line} className='records__muted'>
          {line}
        </Text>
      ))}
      <Text className='records__muted'>发现于 {formatDateTime(c.openedAt)}</Text>
      {c.status === 'closed' ? (
        <Text className='records__muted'>
          {c.closedBy ?? ''} 于 {formatDateTime(c.closedAt)} 办结：{c.closeNote ?? ''}
        </Text>
      ) : null}
      {c.status === 'open' && canClose ? (
        <View className='records__actions'>
          <DjButton variant='secondary' onClick={onClose}>
            办结
          </DjButton>
        </View>
      ) : null}
    </View>
  );
}

/** C5: members six months without organisational life, found by the scan; a person decides what follows. */
export default function ReviewCasesPage() {
  const { me, grants, org, setPicked } = useOrgChoice('member.read');
  const canManage = useMemo(() => !!me && !!org && grantsWith(me, 'member.manage').length > 0, [me, org]);
  const [status, setStatus] = useState<ReviewCaseStatus>('open');
  const [closing, setClosing] = useState<ReviewCase | null>(null);
  const [scanning, setScanning] = useState(false);
  const key = org ? JSON.stringify([org.orgId, status]) : null;
  const list = usePagedList<ReviewCase>(key, (page, pageSize) => listReviewCases({ orgId: org?.orgId, status, page, pageSize }));

  useListPageEvents(list);

  if (!org) {
    return <View className='page'>{me ? <EmptyState title='没有可查看的组织' description='您当前的角色不能查看审查事项' /> : <Loading />}</View>;
  }

  const scan = async () => {
    setScanning(true);
    try {
      const r = await scanReviewCases(org.orgId);
      void Taro.showToast({ title: r.opened > 0 ? `新发现 ${r.opened} 项` : `已检查 ${r.scanned} 人，无新增`, icon: 'none' });
      await list.refresh();
    } catch {
      // The client has already shown the error.
    } finally {
      setScanning(false);
    }
  };

  return (
    <View className='page records'>
      <View className='records__toolbar'>
        <View className='records__org-line'>
          <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='records__org' switchClassName='records__org--switch' />
          {list.loading ? null : <Text className='records__aside'>共 {list.total} 项</Text>}
        </View>
        <Segmented options={STATUS} value={status} onChange={setStatus} />
      </View>
      <View className='records__notice'>
        <Notice tone='info'>系统定期检查连续六个月未参加组织生活的党员并列为审查事项，只作提示：不会自动处置或除名，由支部核实后填写处理结果办结。</Notice>
      </View>
      {canManage ? (
        <View className='records__links'>
          <DjButton variant='plain' loading={scanning} onClick={() => void scan()}>
            立即检查
          </DjButton>
        </View>
      ) : null}
      <StateView
        loading={list.loading}
        error={list.error}
        ready={list.items.length > 0 || (!list.loading && !list.error)}
        empty={list.items.length === 0}
        emptyTitle={status === 'open' ? '暂无待处理事项' : '暂无已办结事项'}
        onRetry={() => void list.refresh()}
      >
        {list.items.map((c) => (
          <CaseCard key={c.id} c={c} canClose={canManage} onClose={() => setClosing(c)} />
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
      <PromptDialog
        open={!!closing}
        title='办结审查事项'
        description={closing ? `${closing.member.name}：${closing.kindLabel}` : undefined}
        placeholder='填写核实情况和处理结果，如：已谈话提醒，本月参加主题党日'
        confirmText='办结'
        minLength={2}
        maxLength={1000}
        onClose={() => setClosing(null)}
        onConfirm={async (note) => {
          if (!closing) return;
          await closeReviewCase(closing.id, note.trim());
          setClosing(null);
          void Taro.showToast({ title: '已办结', icon: 'success' });
          await list.refresh();
        }}
      />
    </View>
  );
}
