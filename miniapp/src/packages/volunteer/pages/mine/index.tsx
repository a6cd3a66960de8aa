import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { chinaYear, hoursLabel } from '@dangjian/shared';
import { authedUrl } from '@/api/links';
import { CERTIFICATE_PATH, myVolunteerHours } from '@/api/volunteer';
import { Card, InfoRow, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { YearSwitch } from '@/components/PeriodSwitch';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { formatDate } from '@/utils/format';
import '../../volunteer.scss';

/**
 * My volunteer hours of a year (this year first; earlier years for last year's certificate, asked for
 * in January), activity by activity, and the certificate (PDF).
 */
export default function MyVolunteerHoursPage() {
  const [year, setYear] = useState(() => chinaYear(new Date()));
  const q = useQuery(`volunteer-mine:${year}`, () => myVolunteerHours(year));
  const h = q.data;
  const certificate = async () => void openExternal(await authedUrl(`${CERTIFICATE_PATH}?year=${h!.year}`, { fresh: true }), 'pdf');
  return (
    <View className='page vol'>
      <YearSwitch year={year} onChange={setYear} />
      <StateView loading={q.loading} error={q.error} ready={Boolean(h)} onRetry={() => void q.reload()}>
        {h ? (
          <>
            <Card title={`${h.year} 年志愿服务`}>
              <Text className='vol__big' data-hours={h.yearSeconds}>
                {hoursLabel(h.yearSeconds)}
              </Text>
              <InfoRow label='累计' value={hoursLabel(h.totalSeconds)} />
              <View className='vol__actions'>
                <DjButton onClick={() => void certificate()}>下载志愿服务证明</DjButton>
              </View>
            </Card>
            {h.items.map((i) => (
              <View key={i.activityId} className='vol__row' data-item={i.title}>
                <Text className='vol__title'>{i.title}</Text>
                <Text className='vol__sub'>{`${formatDate(i.startsAt)} · ${i.teamName}`}</Text>
                <View className='vol__tags'>
                  {i.awaitingSignOut ? <Tag tone='warning'>待组织者确认签退</Tag> : <Tag tone='success'>{hoursLabel(i.serviceSeconds ?? 0)}</Tag>}
                </View>
              </View>
            ))}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
