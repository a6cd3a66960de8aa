import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { devFormUrl, getDevRecord } from '@/api/development';
import { Card, InfoRow, Tag } from '@/components/Card';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { formatDate } from '@/utils/format';
import { Deadlines, StageBar, StepList, TrainingHours } from '../../components/Progress';
import { StepForm } from '../../components/StepForm';
import '../../develop.scss';

/** One person's development: stage and step, deadlines, the steps as recorded, forms to print, and the next step to take. */
export default function DevelopDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const rec = useQuery(id ? `dev-${id}` : null, () => getDevRecord(id));
  usePullDownRefresh(() => void rec.reload().finally(() => Taro.stopPullDownRefresh()));
  const r = rec.data;

  return (
    <View className='page dev-page'>
      <StateView loading={rec.loading} error={rec.error} ready={r !== undefined} onRetry={() => void rec.reload()}>
        {r ? (
          <>
            <Card title={r.name} extra={r.backbone ? <Tag tone='gold'>双培 · 业务骨干</Tag> : <Tag>{r.stageLabel}</Tag>}>
              <StageBar record={r} />
              <InfoRow label='所在党支部' value={r.branch.name} />
              <InfoRow label='当前状态' value={r.stateLabel} />
              <InfoRow label='申请日期' value={formatDate(r.appliedOn)} />
              {r.activistOn ? <InfoRow label='确定积极分子' value={formatDate(r.activistOn)} /> : null}
              {r.resolvedOn ? <InfoRow label='支部大会通过' value={formatDate(r.resolvedOn)} /> : null}
              {r.probationEndsOn ? <InfoRow label='预备期满' value={formatDate(r.probationEndsOn)} /> : null}
            </Card>
            {r.deadlines.length ? (
              <Card title='时间节点'>
                <Deadlines record={r} />
              </Card>
            ) : null}
            {r.training ? (
              <Card title='集中培训学时'>
                <TrainingHours training={r.training} self={false} />
              </Card>
            ) : null}
            {r.canManage && r.state !== 'archived' && r.state !== 'closed' ? (
              <Card title='办理下一步'>
                <StepForm key={r.state} record={r} onDone={() => void rec.reload()} />
              </Card>
            ) : null}
            <Card title='发展过程'>
              <StepList record={r} />
            </Card>
            <Card title='打印表格（供签字）'>
              {r.forms.map((f) => (
                <View key={f.key} className='dev-next__row' onClick={() => void devFormUrl(f.path).then((u) => openExternal(u, 'pdf'))}>
                  <Text>{f.label}</Text>
                  <Text className='dev-next__who'>PDF ›</Text>
                </View>
              ))}
            </Card>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
