import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { cardTokenFrom, type CardVerifyResult } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { verifyCard } from '@/api/card';
import { serverUrl } from '@/api/links';
import { Card, InfoRow } from '@/components/Card';
import { ErrorState, Loading } from '@/components/StateView';
import { formatDate, formatDateTime } from '@/utils/format';
import { CardFace } from '../../CardFace';
import '../../card.scss';

/** The link's token: `t` on the H5 route, or WeChat's `q` (the whole scanned URL, encoded). */
const tokenOf = (params: Record<string, string | undefined>) => cardTokenFrom(params.t ? `?t=${params.t}` : decodeURIComponent(params.q ?? ''));

/**
 * 党员名片核验 (public, no sign-in): a phone camera opens it from the card's QR. It says whether the
 * card is genuine and current, and shows the holder's current standing as the public view allows (P1).
 */
export default function VerifyCardPage() {
  const { params } = useRouter();
  const [r, setR] = useState<CardVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const token = tokenOf(params);
    if (!token) {
      setError('无法识别：请扫描党员名片上的二维码');
      return;
    }
    verifyCard(token).then(setR, (e) => setError(errorMessage(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page opens: the link does not change while it is shown
  }, []);

  if (error) return <ErrorState message={error} />;
  if (!r) return <Loading text='正在核验…' />;
  const good = r.verdict === 'current' || r.verdict === 'offline';
  return (
    <View className='page card-page'>
      <View className={`card-verdict card-verdict--${good ? 'good' : 'bad'}`} data-testid='card-verdict' data-verdict={r.verdict}>
        <Text className='card-verdict__label'>{r.label}</Text>
        <Text className='card-verdict__detail'>{r.detail}</Text>
      </View>
      {r.card ? (
        <View className='card-actions'>
          <CardFace card={r.card} photoSrc={r.card.photoUrl ? serverUrl(r.card.photoUrl) : null} />
        </View>
      ) : null}
      <Card title='核验信息' className='card-actions'>
        <InfoRow label='名片类型' value={r.kind === 'print' ? '印制名片' : r.kind === 'screen' ? '手机名片' : '—'} />
        {r.signedAt ? <InfoRow label='签发时间' value={formatDateTime(r.signedAt)} /> : null}
        {r.validUntil ? <InfoRow label='有效期至' value={r.kind === 'print' ? formatDate(r.validUntil.slice(0, 10)) : formatDateTime(r.validUntil)} /> : null}
        <InfoRow label='核验时间' value={formatDateTime(r.checkedAt)} />
      </Card>
    </View>
  );
}
