import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { VISITS_PER_YEAR_OPTIONS, type CoverageTarget } from '@dangjian/shared';
import { setCoverageTarget } from '@/api/ledger';
import { errorMessage } from '@/api/errors';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';

const FREQUENCY_LABEL: Record<number, string> = { 1: '每年', 2: '每半年', 3: '每四个月', 4: '每季度', 6: '每两个月', 12: '每月' };

/** K4 targets of the year and the S1 visit frequency, set by the committee (defaults 90 % / 95 %, quarterly). */
export function TargetEditor({ committeeId, target, onSaved }: { committeeId: string; target: CoverageTarget; onSaved: () => void }) {
  const [org, setOrg] = useState(String(target.orgTarget));
  const [work, setWork] = useState(String(target.workTarget));
  const [perYear, setPerYear] = useState<number>(target.visitsPerYear);
  const [minEmployees, setMinEmployees] = useState(String(target.minEmployees));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const nums = [org, work, minEmployees].map((v) => Number(v));
    if (nums.some((n) => !Number.isInteger(n) || n < 0) || nums[0]! > 100 || nums[1]! > 100) return setError('目标应为 0–100 的整数');
    setBusy(true);
    setError(null);
    try {
      await setCoverageTarget(committeeId, { year: target.year, orgTarget: nums[0]!, workTarget: nums[1]!, visitsPerYear: perYear, minEmployees: nums[2]! });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={`${target.year} 年目标${target.isSet ? '' : '（默认值）'}`}>
      <Field label='组织覆盖率目标 %' type='number' value={org} onChange={setOrg} />
      <Field label='工作覆盖率目标 %' type='number' value={work} onChange={setWork} />
      <Field label='统计职工人数不少于' type='number' value={minEmployees} onChange={setMinEmployees} />
      <Picker mode='selector' range={VISITS_PER_YEAR_OPTIONS.map((n) => FREQUENCY_LABEL[n]!)} onChange={(e) => setPerYear(VISITS_PER_YEAR_OPTIONS[Number(e.detail.value)]!)}>
        <Text className='ledger-form__hint'>{`党建指导员走访频次：${FREQUENCY_LABEL[perYear]}至少一次 ▾`}</Text>
      </Picker>
      <View className='ledger-form__actions'>
        <FormError message={error} />
        <DjButton variant='secondary' loading={busy} onClick={() => void save()}>
          保存目标
        </DjButton>
      </View>
    </Card>
  );
}
