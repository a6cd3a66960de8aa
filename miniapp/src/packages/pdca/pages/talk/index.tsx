import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { chinaDate, type PdcaTalk } from '@dangjian/shared';
import { getPdcaTalk, holdPdcaTalk } from '@/api/pdca';
import { errorMessage } from '@/api/errors';
import { Card, InfoRow, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { TALK_TONE } from '../../tones';
import '../../pdca.scss';

/** 约谈 (K6): the talk with a lagging branch's secretary — when, who, what was said, what follows. */
export default function PdcaTalkPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const query = useQuery(id, () => getPdcaTalk(id ?? ''));
  const [fresh, setFresh] = useState<PdcaTalk | null>(null);
  const [form, setForm] = useState({ heldOn: chinaDate(new Date()), attendees: '', content: '', followUp: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = fresh ?? query.data ?? null;
  if (!id) return <EmptyState title='未指定约谈' />;
  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      setFresh(await holdPdcaTalk(id, form));
      void Taro.showToast({ title: '已记录', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page pdca'>
      <StateView loading={query.loading} error={query.error} ready={t !== null} onRetry={() => void query.reload()}>
        {t ? (
          <>
            <Card title={t.orgName} extra={<Tag tone={TALK_TONE[t.state]}>{t.stateLabel}</Tag>}>
              <InfoRow label='考评任务' value={t.planTitle} />
              <InfoRow label='得分' value={`${t.average} 分`} />
              {t.heldOn ? (
                <>
                  <InfoRow label='约谈日期' value={t.heldOn} />
                  <InfoRow label='参加人员' value={t.attendees} />
                  <InfoRow label='记录人' value={t.recordedBy} />
                </>
              ) : null}
            </Card>
            {t.heldOn ? (
              <Card title='约谈内容'>
                <Text className='pdca__text'>{t.content}</Text>
                <Text className='pdca__hint'>整改要求</Text>
                <Text className='pdca__text'>{t.followUp}</Text>
              </Card>
            ) : null}
            {t.canHold ? (
              <Card title='记录约谈'>
                <Text className='pdca__hint'>约谈日期</Text>
                <Picker mode='date' value={form.heldOn} onChange={(e) => set('heldOn', String(e.detail.value))}>
                  <Text className='pdca__link'>{`${form.heldOn} ▾`}</Text>
                </Picker>
                <Text className='pdca__hint'>参加人员</Text>
                <Input
                  className='pdca__input'
                  name='attendees'
                  value={form.attendees}
                  maxlength={200}
                  placeholder='例如：支部书记、党群部负责人'
                  onInput={(e) => set('attendees', e.detail.value)}
                />
                <Text className='pdca__hint'>约谈内容</Text>
                <Textarea
                  className='pdca__textarea'
                  name='content'
                  value={form.content}
                  maxlength={4000}
                  placeholder='谈了哪些问题、原因分析'
                  onInput={(e) => set('content', e.detail.value)}
                />
                <Text className='pdca__hint'>整改要求与后续安排</Text>
                <Textarea
                  className='pdca__textarea'
                  name='followUp'
                  value={form.followUp}
                  maxlength={2000}
                  placeholder='整改措施、完成时限'
                  onInput={(e) => set('followUp', e.detail.value)}
                />
                <View className='pdca__actions'>
                  <FormError message={error} />
                  <DjButton loading={busy} onClick={() => void save()}>
                    保存约谈记录
                  </DjButton>
                </View>
              </Card>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
