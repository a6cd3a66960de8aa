import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DEV_STAGE_LABEL, DEV_STAGES } from '@dangjian/shared';
import { devStatsXlsxUrl, getDevStats } from '@/api/development';
import { Card, InfoRow, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { formatDate } from '@/utils/format';
import '../../develop.scss';

const counts = (c: Record<(typeof DEV_STAGES)[number], number>) => DEV_STAGES.map((s) => `${DEV_STAGE_LABEL[s]} ${c[s]}`).join(' · ');

/** The committee: counts per stage per branch and enterprise, overdue steps, this year's plan against its target (控制总量), the .xlsx. */
export default function DevelopStatsPage() {
  const { params } = useRouter();
  const orgId = params.orgId ?? '';
  const stats = useQuery(orgId ? `dev-stats-${orgId}` : null, () => getDevStats(orgId));
  const s = stats.data;

  return (
    <View className='page dev-page'>
      <StateView loading={stats.loading} error={stats.error} ready={s !== undefined} onRetry={() => void stats.reload()}>
        {s ? (
          <>
            <Card title={`${s.year}年度计划`}>
              <InfoRow label='计划发展' value={s.plan.target !== null ? `${s.plan.target} 名` : '未设定'} />
              <InfoRow label='已发展预备党员' value={`${s.plan.admitted} 名（其中业务骨干 ${s.plan.backboneAdmitted} 名）`} />
              {s.plan.target !== null && s.plan.admitted > s.plan.target ? <Notice>已超出年度计划，请控制发展总量。</Notice> : null}
            </Card>
            <Card title='各党支部'>
              {s.byBranch.length ? null : <Text className='dev-next__who'>暂无</Text>}
              {s.byBranch.map((b) => (
                <View key={b.org.id} className='dev-board__row'>
                  <Text className='dev-board__name'>{b.org.name}</Text>
                  <Text className={`dev-board__sub ${b.overdue ? 'is-overdue' : ''}`}>
                    {counts(b.counts)}
                    {b.overdue ? ` · 超期 ${b.overdue} 人` : ''}
                  </Text>
                </View>
              ))}
            </Card>
            {s.byEnterprise.length ? (
              <Card title='各企业'>
                {s.byEnterprise.map((e) => (
                  <View key={e.enterprise.id} className='dev-board__row'>
                    <Text className='dev-board__name'>{e.enterprise.name}</Text>
                    <Text className='dev-board__sub'>
                      {counts(e.counts)} · 业务骨干 {e.backbone}
                    </Text>
                  </View>
                ))}
              </Card>
            ) : null}
            <Card title='超期事项'>
              {s.overdue.length ? null : <Text className='dev-next__who'>没有超期事项</Text>}
              {s.overdue.map((o) => (
                <View key={`${o.id}-${o.label}`} className='dev-stats__row'>
                  <Text>
                    {o.name} · {o.branchName}
                  </Text>
                  <Text className='dev-board__sub is-overdue'>
                    {o.label}（应于 {formatDate(o.due)} 前）
                  </Text>
                </View>
              ))}
            </Card>
            <DjButton variant='secondary' onClick={() => void devStatsXlsxUrl(orgId, s.year).then((u) => openExternal(u, 'spreadsheet'))}>
              导出年度统计（Excel）
            </DjButton>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
