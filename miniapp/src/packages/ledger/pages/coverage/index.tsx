import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { GAP_REASON_LABEL, GapReason, hasPermission } from '@dangjian/shared';
import { getCoverage, getCoverageTrend } from '@/api/ledger';
import { Card, Notice } from '@/components/Card';
import { OrgSwitch } from '@/components/OrgSwitch';
import { StateView } from '@/components/StateView';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { pct } from '../../labels';
import { ledgerUrl } from '../../routes';
import { TargetEditor } from './Target';
import '../../ledger.scss';

function Rate({ label, value, target }: { label: string; value: number | null; target: number }) {
  const met = value !== null && value >= target;
  return (
    <View>
      <View className='coverage-rate'>
        <Text>{label}</Text>
        <Text className={`coverage-rate__value coverage-rate__value--${met ? 'met' : 'short'}`}>{`${pct(value)} / 目标 ${target}%`}</Text>
      </View>
      <View className='coverage-bar' aria-label={`${label} ${pct(value)}，目标 ${target}%`}>
        <View className='coverage-bar__fill' style={{ width: `${value ?? 0}%` }} />
        <View className='coverage-bar__target' style={{ left: `${target}%` }} />
      </View>
    </View>
  );
}

/**
 * Coverage of the committee's area (K2, K3) against the year's targets (K4): the rates, what is not
 * covered and why (each reason opens the ledger filtered to it), per committee below, and the trend.
 */
export default function CoveragePage() {
  const { me, grants, org, setPicked } = useOrgChoice('ledger.read');
  const summary = useQuery(org?.orgId ?? null, () => getCoverage(org!.orgId));
  const trend = useQuery(org?.orgId ?? null, () => getCoverageTrend(org!.orgId));
  usePullDownRefresh(() => void Promise.all([summary.reload(), trend.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const canManage = !!me && !!org && hasPermission(me.roles.filter((g) => g.orgId === org.orgId), 'ledger.manage');
  const s = summary.data;
  return (
    <View className='page ledger coverage'>
      <View className='ledger__head'>
        {org ? <OrgSwitch className='ledger__org' switchClassName='ledger__org--switch' orgName={org.orgName} grants={grants} onPick={setPicked} /> : null}
      </View>
      <StateView loading={summary.loading} error={summary.error} ready={!!s} onRetry={() => void summary.reload()}>
        {s && org ? (
          <>
            <Card title={`覆盖率（截至 ${s.asOf}，台账企业 ${s.enterprises} 家）`}>
              <Rate label={`组织覆盖 ${s.orgCovered} 家`} value={s.orgRate} target={s.target.orgTarget} />
              <Rate label={`工作覆盖 ${s.workCovered} 家`} value={s.workRate} target={s.target.workTarget} />
              <Text className='ledger-form__hint'>组织覆盖：单独建立党组织或纳入联合党支部；工作覆盖：另含本周期内党建指导员走访过的企业。</Text>
            </Card>
            <Card title='未覆盖与待解决'>
              {GapReason.map((g) => (
                <View key={g} className='coverage-gap' onClick={() => void Taro.navigateTo({ url: ledgerUrl(org.orgId, org.orgName, g) })}>
                  <Text>{GAP_REASON_LABEL[g]}</Text>
                  <Text className='coverage-gap__count'>{`${s.gapCounts[g] ?? 0} 家 ›`}</Text>
                </View>
              ))}
            </Card>
            {s.committees.length > 1 ? (
              <Card title='各党委'>
                {s.committees.map((c) => (
                  <View key={c.id} className='coverage-gap'>
                    <Text>{`${'　'.repeat(Math.max(0, c.depth - 1))}${c.name}（${c.enterprises} 家）`}</Text>
                    <Text>{`组织 ${pct(c.orgRate)} · 工作 ${pct(c.workRate)}`}</Text>
                  </View>
                ))}
              </Card>
            ) : null}
            {trend.data ? (
              <Card title='近 12 个月趋势'>
                {trend.data.months.map((m) => (
                  <View key={m.month} className='coverage-trend__row'>
                    <Text className='coverage-trend__month'>{m.month}</Text>
                    <View className='coverage-trend__bars'>
                      <View className='coverage-trend__bar' style={{ width: `${m.orgRate ?? 0}%` }} />
                      <View className='coverage-trend__bar coverage-trend__bar--work' style={{ width: `${m.workRate ?? 0}%` }} />
                    </View>
                    <Text className='coverage-trend__value'>{`${pct(m.orgRate)} / ${pct(m.workRate)}`}</Text>
                  </View>
                ))}
                <Notice tone='info'>红色为组织覆盖率，金色为工作覆盖率</Notice>
              </Card>
            ) : null}
            {canManage ? <TargetEditor key={`${s.target.year}-${s.target.isSet}`} committeeId={org.orgId} target={s.target} onSaved={() => void summary.reload()} /> : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
