import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { OFFICER_ROLE_LABEL } from '@dangjian/shared';
import { getVisitPlan } from '@/api/ledger';
import { Card, Tag, type TagTone } from '@/components/Card';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { visitNewUrl } from '../../routes';
import '../../ledger.scss';

const SLOT: Record<'done' | 'overdue' | 'due' | 'upcoming', { label: string; tone: TagTone }> = {
  done: { label: '已走访', tone: 'success' },
  overdue: { label: '逾期', tone: 'primary' },
  due: { label: '本期待走访', tone: 'warning' },
  upcoming: { label: '未到期', tone: 'neutral' },
};

/** An officer's yearly visit plan (S1): each enterprise's periods, done or due, and the visits logged; the caller's own, or (`userId`) an officer's for the committee. */
export default function MyVisitsPage() {
  const { params } = useRouter();
  const userId = safeDecode(params.userId) || undefined;
  const name = safeDecode(params.name);
  useEffect(() => {
    if (userId) Taro.setNavigationBarTitle({ title: `${name || '指导员'}的走访` }).catch(() => undefined);
  }, [userId, name]);
  const plan = useQuery(userId ?? 'mine', () => getVisitPlan(undefined, userId));
  useDidShow(() => {
    if (plan.data) void plan.reload();
  });
  usePullDownRefresh(() => void plan.reload().finally(() => Taro.stopPullDownRefresh()));
  const p = plan.data;
  return (
    <View className='page ledger'>
      <StateView
        loading={plan.loading}
        error={plan.error}
        ready={!!p}
        empty={p?.enterprises.length === 0 && p.visits.length === 0}
        emptyTitle={userId ? '没有可查看的选派和走访' : '您没有被选派为党建指导员或驻企联络员'}
        onRetry={() => void plan.reload()}
      >
        {p ? (
          <>
            <Card title={`${p.year} 年走访计划`}>
              <Text className='ledger-form__hint'>{`计划 ${p.planned} 次 · 已完成 ${p.done} 次 · 逾期 ${p.overdue} 次`}</Text>
            </Card>
            {p.enterprises.map((e) => (
              <Card
                key={`${e.enterpriseId}-${e.role}`}
                title={e.name}
                extra={
                  userId ? undefined : (
                    <Text className='ledger__link' onClick={() => void Taro.navigateTo({ url: visitNewUrl(e.enterpriseId) })}>
                      登记走访
                    </Text>
                  )
                }
              >
                <Text className='ledger-list-item__text'>{OFFICER_ROLE_LABEL[e.role]}</Text>
                <View>
                  {e.slots.map((s) => (
                    <View key={s.from} className='visit-slot'>
                      <Tag tone={SLOT[s.state].tone}>{`${s.from.slice(5)}~${s.to.slice(5)} ${SLOT[s.state].label}`}</Tag>
                    </View>
                  ))}
                </View>
              </Card>
            ))}
            {p.visits.length ? (
              <Card title='今年的走访记录'>
                {p.visits.map((v) => (
                  <View key={v.id} className='ledger-list-item'>
                    <Text className='ledger-list-item__title'>{`${v.visitedOn} · ${v.enterpriseName}`}</Text>
                    <Text className='ledger-list-item__text'>{v.topics}</Text>
                  </View>
                ))}
              </Card>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
