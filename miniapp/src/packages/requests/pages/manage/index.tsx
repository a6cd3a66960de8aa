import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RequestStatRow } from '@dangjian/shared';
import { requestExportUrl, requestStats } from '@/api/requests';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { safeDecode } from '@/utils/qr';
import { Departments } from './Departments';
import '../../requests.scss';

function StatTable({ title, rows }: { title: string; rows: RequestStatRow[] }) {
  return (
    <Card title={title}>
      <View className='requests__table-row'>
        <Text>名称</Text>
        <Text>总数</Text>
        <Text>在办</Text>
        <Text>超期</Text>
        <Text>天数</Text>
        <Text>满意</Text>
      </View>
      {rows.map((r) => (
        <View key={r.key || r.label} className='requests__table-row'>
          <Text>{r.label}</Text>
          <Text>{r.total}</Text>
          <Text>{r.open}</Text>
          <Text>{r.overdue}</Text>
          <Text>{r.avgResolveDays ?? '—'}</Text>
          <Text>{r.avgRating ?? '—'}</Text>
        </View>
      ))}
      <Text className='requests__sub'>天数：提交到办结的平均天数；满意：平均星级（1–5）</Text>
    </Card>
  );
}

/** The committee's view: statistics by category and department (time to resolve, satisfaction), the list's export, and the departments it routes to. */
export default function ManageRequestsPage() {
  const { params } = useRouter();
  const committeeId = safeDecode(params.committeeId) || null;
  const stats = useQuery(committeeId, () => requestStats(committeeId ?? ''));
  if (!committeeId) return <EmptyState title='未指定党委' description='请从企业服务进入' />;
  const s = stats.data;
  return (
    <View className='page requests'>
      <StateView loading={stats.loading} error={stats.error} ready={s !== undefined} onRetry={() => void stats.reload()}>
        {s ? (
          <>
            <StatTable title='按类别' rows={[...s.byCategory, s.total]} />
            <StatTable title='按承办部门' rows={s.byDepartment} />
            <Card title='按状态'>
              <View className='requests__chips'>
                {s.byState.map((x) => (
                  <Text key={x.state} className='requests__chip'>{`${x.label} ${x.count}`}</Text>
                ))}
              </View>
            </Card>
          </>
        ) : null}
      </StateView>
      <View className='requests__actions'>
        <DjButton variant='secondary' onClick={() => void requestExportUrl(committeeId).then((u) => openExternal(u, 'spreadsheet'))}>
          导出诉求清单（Excel）
        </DjButton>
      </View>
      <Departments committeeId={committeeId} />
    </View>
  );
}
