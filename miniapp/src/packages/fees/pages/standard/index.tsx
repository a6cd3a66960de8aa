import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import type { FeeStandard } from '@dangjian/shared';
import { FEE_CATEGORY_LABEL, FeeCategory as FeeCategoryEnum, chinaMonth, formatMonthCn, formatRate, formatYuanWithUnit, yearOfMonth } from '@dangjian/shared';
import { getMemberStandards, setStandard } from '@/api/fees';
import { ApiError } from '@/api/errors';
import { Card, InfoRow, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { BASE_LABEL, amountKind, formFromStandard, standardPayload, type StandardForm } from '../../standard-form';
import '../../fees.scss';

const CATEGORIES = FeeCategoryEnum.options;

function StandardCard({ title, s }: { title: string; s: FeeStandard }) {
  const c = s.computation;
  return (
    <Card title={title} className='fee-standard'>
      <InfoRow label='人员类别' value={FEE_CATEGORY_LABEL[s.category]} />
      <InfoRow label='生效月份' value={formatMonthCn(s.effectiveMonth)} />
      {c.baseFen !== null ? <InfoRow label='计算基数' value={`${formatYuanWithUnit(c.baseFen)}/月`} /> : null}
      {c.rateBp !== null ? <InfoRow label='交纳比例' value={formatRate(c.rateBp)} /> : null}
      {c.voluntaryMonthlyFen !== null ? <InfoRow label='自愿多交' value={`${formatYuanWithUnit(c.voluntaryMonthlyFen)}/月`} /> : null}
      <InfoRow label='每月应交' value={<Text className='fee-standard__fee'>{formatYuanWithUnit(s.monthlyFeeFen)}</Text>} />
      <Text className='fee-explain'>{c.explanation}</Text>
    </Card>
  );
}

/** The fee worker: record (or correct) one member's category and base for the year (F1–F4); the server computes the fee. */
export default function FeeStandardPage() {
  const { params } = useRouter();
  const memberId = safeDecode(params.memberId);
  const memberName = safeDecode(params.memberName);
  const year = Number(params.year) || yearOfMonth(chinaMonth());
  const q = useQuery(`fee-standard:${memberId}:${year}`, () => getMemberStandards(memberId, year));
  const current = q.data ? (q.data.standards.at(-1) ?? null) : null;
  const [form, setForm] = useState<StandardForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<FeeStandard | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (q.data && !form) setForm(formFromStandard(q.data.standards.at(-1) ?? q.data.carriedOver));
  }, [q.data, form]);

  const set = (patch: Partial<StandardForm>) => setForm((f) => (f ? { ...f, ...patch } : f));

  const save = async () => {
    if (!form || saving) return;
    const p = standardPayload(form, year);
    if (!p.ok) {
      setError(p.message);
      return;
    }
    setError(null);
    setSaving(true);
    try {
      const s = await setStandard(memberId, p.dto);
      setSaved(s);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void q.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请稍后重试');
    } finally {
      setSaving(false);
    }
  };

  const kind = form ? amountKind(form.category) : 'flat';
  return (
    <View className='page fees-page fee-standard-page'>
      <StateView loading={q.loading} error={q.error} ready={q.data !== undefined} onRetry={() => void q.reload()}>
        {q.data && form ? (
          <>
            <Card title={`${q.data.memberName || memberName} · ${year}年`}>
              {current ? null : q.data.carriedOver ? (
                <Notice>本年度尚未登记，暂按上一年度标准计算（见下）。</Notice>
              ) : (
                <Notice tone='warning'>尚未登记党费基数，登记前不会生成账单。</Notice>
              )}
            </Card>
            {current ? <StandardCard title='当前标准' s={current} /> : q.data.carriedOver ? <StandardCard title='上一年度标准' s={q.data.carriedOver} /> : null}

            <Card title='登记标准'>
              <View className='dj-field'>
                <Text className='dj-field__label'>人员类别</Text>
                <Picker
                  mode='selector'
                  range={CATEGORIES.map((c) => FEE_CATEGORY_LABEL[c])}
                  value={CATEGORIES.indexOf(form.category)}
                  onChange={(e) => set({ category: CATEGORIES[Number(e.detail.value)], amount: '' })}
                >
                  <Text className='fee-toolbar__picker'>{FEE_CATEGORY_LABEL[form.category]} ▾</Text>
                </Picker>
              </View>
              {kind !== 'flat' ? (
                <View className='dj-field'>
                  <Text className='dj-field__label'>{BASE_LABEL[form.category]}</Text>
                  <Input
                    className='dj-field__input'
                    name='amount'
                    type='digit'
                    value={form.amount}
                    placeholder={kind === 'farmer' ? '0.20–1.00，默认 0.20' : '例如 4500.00'}
                    onInput={(e) => set({ amount: e.detail.value })}
                  />
                </View>
              ) : (
                <Text className='dj-muted'>该类别按固定标准交纳，无需填写基数。</Text>
              )}
              <View className='dj-field'>
                <Text className='dj-field__label'>自愿月交(元)</Text>
                <Input
                  className='dj-field__input'
                  name='voluntary'
                  type='digit'
                  value={form.voluntary}
                  placeholder='选填，须高于应交金额'
                  onInput={(e) => set({ voluntary: e.detail.value })}
                />
              </View>
              <View className='dj-field'>
                <Text className='dj-field__label'>备注</Text>
                <Input className='dj-field__input' name='note' value={form.note} maxlength={500} onInput={(e) => set({ note: e.detail.value })} />
              </View>
              <FormError message={error} />
              <DjButton className='fee-standard__save' loading={saving} onClick={() => void save()}>
                保存
              </DjButton>
            </Card>

            {saved ? <StandardCard title='保存结果：服务器计算的党费' s={saved} /> : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
