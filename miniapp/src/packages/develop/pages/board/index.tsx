import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { getDevBoard } from '@/api/development';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDate } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { devDetailUrl, devStatsUrl } from '../../routes';
import '../../develop.scss';

/** The branch's pipeline: the people in each of the five stages with their next step and deadline; 双培 against the enterprise's yearly target. */
export default function DevelopBoardPage() {
  const { params } = useRouter();
  const orgId = params.orgId ?? '';
  const orgName = safeDecode(params.orgName ?? '');
  const board = useQuery(orgId ? `dev-board-${orgId}` : null, () => getDevBoard(orgId));
  usePullDownRefresh(() => void board.reload().finally(() => Taro.stopPullDownRefresh()));
  const b = board.data;
  const total = b?.stages.reduce((n, s) => n + s.items.length, 0) ?? 0;

  return (
    <View className='page dev-page'>
      <StateView loading={board.loading} error={board.error} ready={b !== undefined} onRetry={() => void board.reload()}>
        {b ? (
          <>
            {b.backbone.length ? (
              <Card title='双培 · 业务骨干发展'>
                {b.backbone.map((e) => (
                  <View key={e.enterprise.id} className='dev-stats__row'>
                    <Text>{e.enterprise.name}</Text>
                    <Text>
                      培养中 {e.inPipeline} 人 · {e.year}年已发展 {e.admittedThisYear}
                      {e.target !== null ? ` / 目标 ${e.target}` : ' · 未设目标'}
                    </Text>
                  </View>
                ))}
              </Card>
            ) : null}
            {total === 0 ? <EmptyState title='暂无发展对象' description='入党申请人递交申请后会出现在这里' /> : null}
            {b.stages.map((s) =>
              s.items.length ? (
                <Card key={s.stage} title={`${s.label}（${s.items.length}）`}>
                  {s.items.map((i) => (
                    <View key={i.id} className='dev-board__row' onClick={() => void Taro.navigateTo({ url: devDetailUrl(i.id) })}>
                      <Text className='dev-board__name'>{i.name}</Text>
                      {i.backbone ? <Tag tone='gold'>双培</Tag> : null}
                      {i.overdue ? <Tag tone='primary'>超期</Tag> : null}
                      <Text className={`dev-board__sub ${i.overdue ? 'is-overdue' : ''}`}>
                        第 {i.stepNo} 步 · {i.stateLabel}
                        {i.nextLabel ? ` · 下一步：${i.nextLabel}` : ''}
                        {i.nextDue ? `（${formatDate(i.nextDue)} 前）` : ''}
                      </Text>
                    </View>
                  ))}
                </Card>
              ) : null,
            )}
            <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: devStatsUrl(orgId, orgName || b.org.name) })}>
              统计与年度计划
            </DjButton>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
