import { useEffect } from 'react';
import { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { activityCode } from '@/api/volunteer';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode, svgDataUri } from '@/utils/qr';
import '../../volunteer.scss';

/** The organiser's screen: the activity's rotating QR code (the meetings' check-in token), renewed as it rotates. */
export default function VolunteerCodePage() {
  const id = safeDecode(useRouter().params.id);
  const q = useQuery(id ? `volunteer-code-${id}` : null, () => activityCode(id));
  const code = q.data;
  useEffect(() => {
    if (!code) return;
    // Fetch the next code just after this one expires (the server accepts the previous step too).
    const timer = setTimeout(() => void q.reload(), Math.max(1000, code.expiresInMs + 200));
    return () => clearTimeout(timer);
  }, [code, q]);
  return (
    <View className='page vol'>
      <StateView loading={q.loading} error={q.error} ready={Boolean(code)} onRetry={() => void q.reload()}>
        {code ? (
          <View className='vol__row'>
            <Text className='vol__title vol__center'>{code.title}</Text>
            <Image className='vol__qr' src={svgDataUri(code.svg)} data-token={code.token} />
            <Text className='vol__sub vol__center'>{`志愿者扫码签到，活动结束再扫一次签退 · 每 ${code.stepSeconds} 秒更新`}</Text>
          </View>
        ) : null}
      </StateView>
    </View>
  );
}
