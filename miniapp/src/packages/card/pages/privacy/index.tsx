import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import type { CardPrivacy } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { getMyCard, saveCardPrivacy } from '@/api/card';
import { Card, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import '../../card.scss';

const CHOICES: Array<{ key: keyof CardPrivacy; title: string; sub: string }> = [
  { key: 'showStudy', title: '本年学时', sub: '学习时长（线上、线下培训与会议）' },
  { key: 'showPoints', title: '本年积分', sub: '党员积分合计' },
  { key: 'showVolunteer', title: '志愿服务时长', sub: '本年志愿服务小时数' },
  { key: 'showHonours', title: '荣誉', sub: '所获表彰' },
];

/** P1: what others see when they scan my card, beyond the minimum that is always shown. */
export default function CardPrivacyPage() {
  const card = useQuery('my-card', getMyCard);
  const [p, setP] = useState<CardPrivacy | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (card.data && !p) setP(card.data.privacy);
  }, [card.data, p]);

  const save = async () => {
    if (!p) return;
    setBusy(true);
    setError(null);
    try {
      setP(await saveCardPrivacy(p));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page card-page'>
      <StateView loading={card.loading} error={card.error} ready={p !== null} onRetry={() => void card.reload()}>
        {p ? (
          <>
            <Notice tone='info'>他人扫码始终可见：姓名、组织、党员身份、党龄和所任职务（先锋岗、支委职务）。身份证号和手机号永不公开。</Notice>
            <Card title='另外公开'>
              {CHOICES.map((c) => (
                <View key={c.key} className='card-switch'>
                  <View className='card-switch__text'>
                    <Text>{c.title}</Text>
                    <Text className='card-switch__sub'>{c.sub}</Text>
                  </View>
                  <Switch checked={p[c.key]} color='#c8161d' onChange={(e) => setP({ ...p, [c.key]: e.detail.value })} data-testid={`privacy-${c.key}`} />
                </View>
              ))}
            </Card>
            <FormError message={error} />
            <DjButton loading={busy} onClick={() => void save()}>
              保存
            </DjButton>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
