import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { POINTS_ACTIVITY_LABEL, PointsActivity, type PointsRule } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { addPointsRuleVersion, getPointsRules } from '@/api/points';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import '../../../study/study.scss';
import '../../points.scss';

const STANDING: Record<PointsRule['standing'], { label: string; tone: 'success' | 'gold' | 'neutral' }> = {
  in_force: { label: '执行中', tone: 'success' },
  scheduled: { label: '待生效', tone: 'gold' },
  replaced: { label: '已替换', tone: 'neutral' },
};

const capText = (r: Pick<PointsRule, 'points' | 'dailyCap' | 'yearlyCap'>) =>
  `每次 ${r.points} 分 · 每日上限 ${r.dailyCap} 分 · ${r.yearlyCap === null ? '每年不设上限' : `每年上限 ${r.yearlyCap} 分`}`;

/**
 * 积分规则 (P3): every activity's rule and its versions. The committee at the top adds a version
 * effective from a date (never in the past); entries already given keep the version that gave them.
 */
export default function PointsRulesPage() {
  const rules = useQuery('points-rules', getPointsRules);
  const [activity, setActivity] = useState<PointsActivity>('vanguard_duty');
  const [form, setForm] = useState({ points: '', dailyCap: '', yearlyCap: '', effectiveFrom: '', note: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const data = rules.data;
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await addPointsRuleVersion({
        activity,
        points: Number(form.points),
        dailyCap: Number(form.dailyCap),
        yearlyCap: form.yearlyCap.trim() ? Number(form.yearlyCap) : null,
        effectiveFrom: form.effectiveFrom || data!.today,
        note: form.note || undefined,
      });
      setForm({ points: '', dailyCap: '', yearlyCap: '', effectiveFrom: '', note: '' });
      await rules.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page study-page points-rules'>
      <StateView loading={rules.loading} error={rules.error} ready={data !== undefined} onRetry={() => void rules.reload()}>
        {data ? (
          <View className='points-rules__grid'>
            <Card title='各项积分规则'>
              {PointsActivity.options.map((a) => {
                const versions = data.rules.filter((r) => r.activity === a);
                return (
                  <View key={a} className='points-rule' data-activity={a}>
                    <Text className='study-row__title'>{POINTS_ACTIVITY_LABEL[a]}</Text>
                    {versions.map((v) => (
                      <View key={v.id} className='points-rule__version'>
                        <Tag tone={STANDING[v.standing].tone}>{`第 ${v.version} 版 · ${STANDING[v.standing].label}`}</Tag>
                        <Text className='study-row__sub'>{`${capText(v)} · ${v.effectiveFrom <= '2000-01-01' ? '初始规则' : `${v.effectiveFrom} 起`}`}</Text>
                        {v.note ? <Text className='study-row__sub'>{v.note}</Text> : null}
                      </View>
                    ))}
                  </View>
                );
              })}
            </Card>
            {data.canEdit ? (
              <Card title='新增规则版本' className='study-form'>
                <Picker
                  mode='selector'
                  range={PointsActivity.options.map((a) => POINTS_ACTIVITY_LABEL[a])}
                  onChange={(e) => setActivity(PointsActivity.options[Number(e.detail.value)]!)}
                >
                  <View className='points-rule__pick'>{`积分项目：${POINTS_ACTIVITY_LABEL[activity]}`}</View>
                </Picker>
                <Field label='每次分值' type='number' value={form.points} onChange={set('points')} name='points' />
                <Field label='每日上限' type='number' value={form.dailyCap} onChange={set('dailyCap')} name='dailyCap' />
                <Field label='每年上限（空为不设）' type='number' value={form.yearlyCap} onChange={set('yearlyCap')} name='yearlyCap' />
                <Picker mode='date' value={form.effectiveFrom || data.today} start={data.today} onChange={(e) => set('effectiveFrom')(e.detail.value)}>
                  <View className='points-rule__pick'>{`生效日期：${form.effectiveFrom || data.today}`}</View>
                </Picker>
                <Field label='说明' value={form.note} onChange={set('note')} maxlength={200} name='note' />
                <FormError message={error} />
                <DjButton loading={busy} onClick={() => void save()}>
                  保存新版本
                </DjButton>
              </Card>
            ) : (
              <Text className='dj-muted'>积分规则由党委统一设置。</Text>
            )}
          </View>
        ) : null}
      </StateView>
    </View>
  );
}
