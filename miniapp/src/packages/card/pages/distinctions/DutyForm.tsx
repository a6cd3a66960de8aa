import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { chinaDate, VANGUARD_DUTY_BACKDATE_DAYS, type MemberDistinctions } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { recordVanguardDuty } from '@/api/card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { PickerRow } from '@/packages/admin/components/PickerRow';

/** 先锋岗履职: what the post's holder did on a day; the points (2 each, within the day's and year's caps) come from the ledger. */
export function DutyForm({ postId, awardedOn, onSaved }: { postId: string; awardedOn: string; onSaved: (d: MemberDistinctions, points: number) => void }) {
  const today = chinaDate(new Date());
  const earliest = chinaDate(new Date(Date.now() - VANGUARD_DUTY_BACKDATE_DAYS * 86_400_000));
  const [performedOn, setPerformedOn] = useState(today);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await recordVanguardDuty(postId, { performedOn, note });
      const duty = d.items.find((x) => x.id === postId)?.duties[0];
      setNote('');
      onSaved(d, duty?.points ?? 0);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='distinction__form'>
      <Text className='distinction__sub'>记录履职</Text>
      <PickerRow
        label='履职日期'
        name='performedOn'
        mode='date'
        start={earliest > awardedOn ? earliest : awardedOn}
        end={today}
        value={performedOn}
        placeholder='请选择'
        onChange={setPerformedOn}
      />
      <Field label='履职内容' name='note' value={note} maxlength={200} placeholder='例如：牵头解决客户投诉' onChange={setNote} />
      <FormError message={error} />
      <DjButton loading={busy} onClick={() => void save()}>
        记录并计入积分
      </DjButton>
    </View>
  );
}
