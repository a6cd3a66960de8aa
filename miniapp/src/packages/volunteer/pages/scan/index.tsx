import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { hoursLabel, type VolunteerScanResult } from '@dangjian/shared';
import { ApiError, networkError } from '@/api/errors';
import { scanActivity } from '@/api/volunteer';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { formatDateTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import '../../volunteer.scss';

/** Opened by the activity's QR code (camera or in-app scan): signs in, or out when already signed in (P4). */
export default function VolunteerScanPage() {
  const token = safeDecode(useRouter().params.t);
  const [result, setResult] = useState<VolunteerScanResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!token) return;
    scanActivity(token).then(setResult, (e: unknown) => setError(e instanceof ApiError ? e : networkError()));
  }, [token]);
  return (
    <View className='page vol'>
      <StateView loading={!result && !error} error={error} ready={Boolean(result)}>
        {result ? (
          <Card title={result.action === 'signed_in' ? '签到成功' : '签退成功'}>
            <Text className='vol__title'>{result.title}</Text>
            <Text className='vol__sub'>{formatDateTime(result.at)}</Text>
            {result.serviceSeconds !== null ? <Text className='vol__big'>{hoursLabel(result.serviceSeconds)}</Text> : null}
            <Text className='vol__sub'>{result.message}</Text>
            <View className='vol__actions'>
              <DjButton onClick={() => void Taro.redirectTo({ url: `/packages/volunteer/pages/activity/index?id=${result.activityId}` })}>查看活动</DjButton>
            </View>
          </Card>
        ) : null}
      </StateView>
    </View>
  );
}
