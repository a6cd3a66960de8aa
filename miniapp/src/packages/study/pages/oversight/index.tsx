import { useState } from 'react';
import { chinaYear } from '@dangjian/shared';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { getOversight, oversightExportUrl } from '@/api/study';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { ProgressBar } from '@/components/ProgressBar';
import { OrgSwitch } from '@/components/OrgSwitch';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { remind } from '@/utils/remind';
import { assignmentUrl, assignUrl, offlineTrainingUrl } from '../../routes';
import { useStudyOrg } from '../../useStudyOrg';
import '../../study.scss';
import { BelowHoursByBranch } from './BelowHoursByBranch';

/** Secretaries, for their subtree: completion of each required course (L5), members below their yearly hours (L1), .xlsx export. */
export default function OversightPage() {
  const { org, grants, setPicked } = useStudyOrg();
  // L1 years are China's calendar years, whatever the phone's time zone.
  const [year, setYear] = useState(() => chinaYear(new Date()));
  const q = useQuery(org ? `oversight:${org.orgId}:${year}` : null, () => getOversight(org!.orgId, year));
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  useDidShow(() => {
    if (q.data) void q.reload();
  });
  const data = q.data;
  if (!org) return <EmptyState title='没有学习管理权限' description='学习督促由书记、宣传委员和组织工作人员使用' />;

  const exportXlsx = async () => openExternal(await oversightExportUrl(org.orgId, year), 'spreadsheet');

  return (
    <View className='page study-page'>
      <View className='study-links'>
        <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='study-links__item' />
        <Picker mode='selector' range={[year - 1, year, year + 1].map(String)} value={1} onChange={(e) => setYear(year - 1 + Number(e.detail.value))}>
          <Text className='study-links__item'>{`${year} 年 ▾`}</Text>
        </Picker>
        <Text className='study-links__item' onClick={() => void exportXlsx()}>
          导出 Excel
        </Text>
        <Text className='study-links__item' onClick={() => void Taro.navigateTo({ url: offlineTrainingUrl(org.orgId, org.orgName) })}>
          集中培训学时
        </Text>
      </View>
      <StateView loading={q.loading} error={q.error} ready={data !== undefined} onRetry={() => void q.reload()}>
        {data ? (
          <>
            <Card title='必修课程完成情况' extra={<Text className='dj-muted'>{`共 ${data.memberCount} 名党员`}</Text>}>
              {data.assignments.length ? (
                data.assignments.map((a) => {
                  const done = a.counts.done ?? 0;
                  return (
                    <View key={a.id} className='study-row' data-assignment={a.id} onClick={() => void Taro.navigateTo({ url: assignmentUrl(a.id) })}>
                      <View className='study-row__main'>
                        <Text className='study-row__title'>{a.course.title}</Text>
                        <Text className='study-row__sub'>{`${a.deadline} 前 · 已完成 ${done}/${a.memberCount} 人${a.counts.overdue ? ` · 逾期 ${a.counts.overdue} 人` : ''}`}</Text>
                        <ProgressBar value={a.memberCount ? done / a.memberCount : 0} />
                      </View>
                      <Text className='study-link'>详情</Text>
                    </View>
                  );
                })
              ) : (
                <Text className='dj-muted'>尚未布置必修课程</Text>
              )}
            </Card>
            <Card title='学时未达标' extra={<Tag tone={data.belowHours.length ? 'warning' : 'success'}>{`${data.belowHours.length} 人`}</Tag>}>
              {data.belowHours.length ? (
                <BelowHoursByBranch
                  rows={data.belowHours}
                  onRemind={(rows, label) =>
                    void remind(
                      'study_hours',
                      org.orgId,
                      rows.map((r) => r.member.id),
                      `${label}学时未达标的 ${rows.length} 名党员`,
                      year,
                    )
                  }
                />
              ) : (
                <Text className='dj-muted'>全部党员已达到本年度学时要求</Text>
              )}
            </Card>
          </>
        ) : null}
      </StateView>
      <View className='study-footer'>
        <DjButton onClick={() => void Taro.navigateTo({ url: assignUrl(org.orgId, org.orgName) })}>布置必修课程</DjButton>
      </View>
    </View>
  );
}
