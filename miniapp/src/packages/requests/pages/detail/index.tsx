import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { REQUEST_ACTION_LABEL, type EnterpriseRequest, type RequestAction } from '@dangjian/shared';
import { getRequest } from '@/api/requests';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDate, formatDateTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { REQUEST_TONE } from '../../RequestRow';
import { StepSheet } from './StepSheet';
import '../../requests.scss';

/** One request: what and who, its deadlines, the timeline of every step, and the steps the caller may take. */
export default function RequestDetailPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const query = useQuery(id, () => getRequest(id ?? ''));
  const [fresh, setFresh] = useState<EnterpriseRequest | null>(null);
  const [action, setAction] = useState<RequestAction | null>(null);
  usePullDownRefresh(() => {
    setFresh(null);
    void query.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const r = fresh ?? query.data;
  if (!id) return <EmptyState title='未指定诉求' description='请从企业服务或待办进入' />;

  return (
    <View className='page requests'>
      <StateView loading={query.loading} error={query.error} ready={r !== undefined} onRetry={() => void query.reload()}>
        {r ? (
          <>
            {r.overdue ? <Notice tone='warning'>{`该诉求已超期${r.escalations.length ? '，已升级至党委督办' : ''}`}</Notice> : null}
            {r.closingReason ? <Notice tone='info'>{`${r.stateLabel}：${r.closingReason}`}</Notice> : null}
            <Card title={r.title} extra={<Tag tone={REQUEST_TONE[r.state]}>{r.stateLabel}</Tag>}>
              <InfoRow label='编号' value={r.number} />
              <InfoRow label='类别' value={r.categoryLabel} />
              <InfoRow label='企业' value={r.enterprise?.name ?? '—'} />
              <InfoRow label='提出人' value={r.requester.name} />
              <InfoRow label='受理党委' value={r.committee.name} />
              <InfoRow label='承办部门' value={r.department?.name ?? '待分派'} />
              <InfoRow label='响应期限' value={`${formatDate(r.firstResponseDueOn)}${r.firstResponseAt ? '（已响应）' : ''}`} />
              <InfoRow label='办结期限' value={`${formatDate(r.resolveDueOn)}${r.resolvedAt ? '（已办结）' : ''}`} />
              {r.rating ? <InfoRow label='满意度' value={`${'★'.repeat(r.rating)}${'☆'.repeat(5 - r.rating)}`} /> : null}
              <Text className='requests__step-text'>{r.description}</Text>
              {r.attachments.map((f) => (
                <InfoRow key={f.id} label='附件' value={f.name} />
              ))}
            </Card>
            {action ? (
              <StepSheet
                r={r}
                action={action}
                onCancel={() => setAction(null)}
                onDone={(next) => {
                  setFresh(next);
                  setAction(null);
                  void Taro.showToast({ title: '已办理', icon: 'success' });
                }}
              />
            ) : r.actions.length ? (
              <View className='requests__actions'>
                {r.actions.map((a, i) => (
                  <DjButton key={a} variant={i === 0 ? 'primary' : 'secondary'} onClick={() => setAction(a)}>
                    {REQUEST_ACTION_LABEL[a]}
                  </DjButton>
                ))}
              </View>
            ) : null}
            <Card title='办理过程'>
              {r.timeline.map((s, i) => (
                <View key={i} className='requests__step' data-step={s.action}>
                  <Text className='requests__step-head'>{`${s.label} · ${s.by?.name ?? '系统'}`}</Text>
                  <Text className='requests__step-text'>
                    {`${formatDateTime(s.at)}${s.department ? ` · 分派至${s.department.name}` : ''}${s.rating ? ` · ${s.rating} 星` : ''}`}
                  </Text>
                  {s.text ? <Text className='requests__step-text'>{s.text}</Text> : null}
                </View>
              ))}
            </Card>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
