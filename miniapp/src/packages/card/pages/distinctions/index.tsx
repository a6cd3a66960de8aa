import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MemberDistinction, MemberDistinctions } from '@dangjian/shared';
import { chinaDate } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { addDistinction, getDistinctions, removeDistinction } from '@/api/card';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { PickerRow } from '@/packages/admin/components/PickerRow';
import { safeDecode } from '@/utils/qr';
import { DutyForm } from './DutyForm';
import '../../card.scss';

const KINDS = [
  { value: 'vanguard', label: '党员先锋岗' },
  { value: 'honour', label: '荣誉表彰' },
] as const;

/** One post or honour: its duties (先锋岗), revoke, and the duty form for those who record duties. */
function DistinctionRow({ d, data, onChange }: { d: MemberDistinction; data: MemberDistinctions; onChange: (next: MemberDistinctions) => void }) {
  const [recording, setRecording] = useState(false);
  const revoke = async () => {
    const what = d.kind === 'vanguard' ? '先锋岗' : '荣誉';
    const ok = await Taro.showModal({ title: `撤销${what}`, content: `撤销${data.memberName}的“${d.title}”？已记录的履职和积分会保留。` });
    if (!ok.confirm) return;
    try {
      onChange(await removeDistinction(d.id));
    } catch {
      // the client showed the server's message
    }
  };
  return (
    <View className='distinction' data-distinction={d.title}>
      <View className='distinction__head'>
        <Tag tone={d.kind === 'vanguard' ? 'primary' : 'gold'}>{d.kind === 'vanguard' ? '先锋岗' : '荣誉'}</Tag>
        <Text className='distinction__title'>{d.title}</Text>
      </View>
      <Text className='distinction__sub'>{`${d.kind === 'vanguard' ? '设岗' : '获得'}日期 ${d.awardedOn}`}</Text>
      {d.duties.map((x) => (
        <Text key={x.id} className='distinction__duty'>{`${x.performedOn} ${x.note} · ${x.points ? `+${x.points} 积分` : '已达积分上限'}`}</Text>
      ))}
      <View className='distinction__actions'>
        {d.kind === 'vanguard' && data.canRecordDuty && !recording ? (
          <Text className='distinction__link' onClick={() => setRecording(true)}>
            记录履职
          </Text>
        ) : null}
        {data.canManage ? (
          <Text className='distinction__link distinction__link--danger' onClick={() => void revoke()}>
            撤销
          </Text>
        ) : null}
      </View>
      {recording ? (
        <DutyForm
          postId={d.id}
          awardedOn={d.awardedOn}
          onSaved={(next, points) => {
            setRecording(false);
            onChange(next);
            void Taro.showToast({ title: points ? `已记录，+${points} 积分` : '已记录（今日或本年积分已达上限）', icon: 'none' });
          }}
        />
      ) : null}
    </View>
  );
}

/**
 * The branch keeps a member's 先锋岗 and honours (shown on the member's card, P1): grant, revoke, and
 * record a 先锋岗's duties, which earn points through the ledger (P3 先锋岗履职).
 */
export default function DistinctionsPage() {
  const memberId = safeDecode(useRouter().params.memberId);
  const q = useQuery(memberId ? `distinctions-${memberId}` : null, () => getDistinctions(memberId));
  const [data, setData] = useState<MemberDistinctions | null>(null);
  const [form, setForm] = useState({ kind: 'vanguard' as 'vanguard' | 'honour', title: '', awardedOn: chinaDate(new Date()) });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = data ?? q.data ?? null;

  const grant = async () => {
    setBusy(true);
    setError(null);
    try {
      setData(await addDistinction({ memberId, ...form }));
      setForm((f) => ({ ...f, title: '' }));
      void Taro.showToast({ title: '已授予', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page'>
      <StateView loading={q.loading} error={q.error} ready={Boolean(d)} onRetry={() => void q.reload()}>
        {d ? (
          <>
            <Card title={`${d.memberName} · ${d.orgName}`}>
              {!d.items.length ? <Text className='distinction__sub'>尚无先锋岗或荣誉</Text> : null}
              {d.items.map((x) => (
                <DistinctionRow key={x.id} d={x} data={d} onChange={setData} />
              ))}
            </Card>
            {d.canManage ? (
              <Card title='授予先锋岗或荣誉'>
                <PickerRow
                  label='类别'
                  name='kind'
                  mode='selector'
                  options={KINDS}
                  value={form.kind}
                  placeholder='请选择'
                  onChange={(v) => setForm({ ...form, kind: v as 'vanguard' | 'honour' })}
                />
                <Field
                  label='名称'
                  name='title'
                  value={form.title}
                  maxlength={60}
                  placeholder={form.kind === 'vanguard' ? '例如：党员先锋岗·客服中心' : '例如：2026 年度优秀共产党员'}
                  onChange={(title) => setForm({ ...form, title })}
                />
                <PickerRow
                  label='日期'
                  name='awardedOn'
                  mode='date'
                  end={chinaDate(new Date())}
                  value={form.awardedOn}
                  placeholder='请选择'
                  onChange={(awardedOn) => setForm({ ...form, awardedOn })}
                />
                <FormError message={error} />
                <DjButton loading={busy} onClick={() => void grant()}>
                  授予
                </DjButton>
              </Card>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
