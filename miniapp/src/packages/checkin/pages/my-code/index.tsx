import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { MemberCheckinCode } from '@dangjian/shared';
import { memberCheckinCode } from '@dangjian/shared';
import { getMyCheckinCode } from '@/api/checkin';
import { errorMessage } from '@/api/errors';
import { ErrorState, Loading } from '@/components/StateView';
import { svgDataUri } from '@/utils/qr';
import './index.scss';

const SECRET_KEY = 'dj.memberCodeSecret';

type Shown =
  | { kind: 'online'; code: MemberCheckinCode; until: number }
  /** No network: the same RFC 6238 code computed on the phone from the secret fetched before. */
  | { kind: 'offline'; name: string; digits: string; until: number };

type StoredSecret = { memberId: string; name: string; secret: string };

const readSecret = (): StoredSecret | null => {
  const v: unknown = Taro.getStorageSync(SECRET_KEY);
  return typeof v === 'object' && v !== null && 'secret' in v ? (v as StoredSecret) : null;
};

/** '12345678' → '1234 5678' */
const spaced = (digits: string) => `${digits.slice(0, 4)} ${digits.slice(4)}`;

/** The member's personal rotating code (reverse mode): a secretary scans it, or types the 8 digits. */
export default function MyCodePage() {
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const visible = useRef(true);

  const load = useCallback(async () => {
    clearTimeout(timer.current);
    try {
      const code = await getMyCheckinCode();
      Taro.setStorageSync(SECRET_KEY, { memberId: code.memberId, name: code.name, secret: code.secret } satisfies StoredSecret);
      setShown({ kind: 'online', code, until: Date.now() + code.expiresInMs });
      setError(null);
      if (visible.current) timer.current = setTimeout(() => void load(), code.expiresInMs + 200);
    } catch (e) {
      const stored = readSecret();
      if (stored) {
        const local = memberCheckinCode(stored.memberId, stored.secret, Date.now());
        setShown({ kind: 'offline', name: stored.name, digits: local.code, until: Date.now() + local.expiresInMs });
        if (visible.current) timer.current = setTimeout(() => void load(), local.expiresInMs + 200);
      } else {
        setError(errorMessage(e));
      }
    }
  }, []);

  useEffect(() => {
    void load();
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(tick);
      clearTimeout(timer.current);
    };
  }, [load]);

  // Stop rotating in the background; fetch a fresh code when the page shows again.
  useDidHide(() => {
    visible.current = false;
    clearTimeout(timer.current);
  });
  useDidShow(() => {
    if (visible.current) return;
    visible.current = true;
    void load();
  });

  if (error && !shown) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!shown) return <Loading />;

  const seconds = Math.max(0, Math.ceil((shown.until - now) / 1000));
  return (
    <View className='page my-code'>
      <View className='my-code__card'>
        <Text className='my-code__name'>{shown.kind === 'online' ? shown.code.name : shown.name}</Text>
        <Text className='my-code__hint'>请向书记出示此码完成签到</Text>
        {shown.kind === 'online' ? (
          <Image className='my-code__qr' src={svgDataUri(shown.code.svg)} mode='aspectFit' />
        ) : (
          <View className='my-code__qr my-code__qr--offline'>
            <Text>网络不可用，二维码暂不能显示</Text>
            <Text>请书记输入下方数字签到码</Text>
          </View>
        )}
        <Text className='my-code__digits' data-testid='member-code'>
          {spaced(shown.kind === 'online' ? shown.code.code : shown.digits)}
        </Text>
        <Text className='my-code__countdown'>{seconds} 秒后自动刷新</Text>
      </View>
      <Text className='my-code__note'>签到码每 30 秒更换一次，请勿截图或转发他人。</Text>
    </View>
  );
}
