import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { formatMonthCn, type IndexDefinition, type IndexMetric, type IndexTermInput } from '@dangjian/shared';
import { publishIndexDefinition } from '@/api/indexes';
import { DjButton } from '@/components/DjButton';
import { nextMonth } from './shape';

type Draft = { metric: string; weight: string; low: string; high: string };
const toDraft = (d: IndexDefinition): Draft[] => d.terms.map((t) => ({ metric: t.metric, weight: String(t.weight), low: String(t.low), high: String(t.high) }));

/**
 * A new version of one index for the committee: the metrics, their weights and ranges, from this month
 * or the next. The server validates with the shared schema and says what is wrong in Chinese.
 */
export function DefinitionEditor(p: {
  committeeId: string;
  current: IndexDefinition;
  metrics: IndexMetric[];
  month: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [terms, setTerms] = useState<Draft[]>(() => toDraft(p.current));
  const [effective, setEffective] = useState(p.month);
  const [busy, setBusy] = useState(false);
  const unused = p.metrics.filter((m) => !terms.some((t) => t.metric === m.key));
  const label = (k: string) => p.metrics.find((m) => m.key === k)?.label ?? k;
  const set = (i: number, field: keyof Draft, value: string) => setTerms((ts) => ts.map((t, j) => (j === i ? { ...t, [field]: value } : t)));

  const publish = async () => {
    const body: IndexTermInput[] = terms.map((t) => ({ metric: t.metric, weight: Number(t.weight), low: Number(t.low), high: Number(t.high) }));
    setBusy(true);
    try {
      await publishIndexDefinition({ committeeId: p.committeeId, indexKey: p.current.indexKey, effectiveMonth: effective, terms: body });
      void Taro.showToast({ title: '已发布新版本', icon: 'success' });
      p.onDone();
    } catch {
      // the client has shown the server's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='idx-edit'>
      <View className='idx-edit__row idx-edit__row--head'>
        <Text className='idx-edit__metric'>指标</Text>
        <Text className='idx-edit__num'>权重</Text>
        <Text className='idx-edit__num'>零分值</Text>
        <Text className='idx-edit__num'>满分值</Text>
        <Text className='idx-edit__del' />
      </View>
      {terms.map((t, i) => (
        <View key={t.metric} className='idx-edit__row'>
          <Text className='idx-edit__metric'>{label(t.metric)}</Text>
          <Input className='idx-edit__num idx-edit__input' type='digit' value={t.weight} onInput={(e) => set(i, 'weight', e.detail.value)} />
          <Input className='idx-edit__num idx-edit__input' type='digit' value={t.low} onInput={(e) => set(i, 'low', e.detail.value)} />
          <Input className='idx-edit__num idx-edit__input' type='digit' value={t.high} onInput={(e) => set(i, 'high', e.detail.value)} />
          <Text className='idx-edit__del idx__link' onClick={() => setTerms((ts) => ts.filter((_, j) => j !== i))}>
            删除
          </Text>
        </View>
      ))}
      {unused.length ? (
        <Picker
          mode='selector'
          range={unused.map((m) => m.label)}
          onChange={(e) => {
            const m = unused[Number(e.detail.value)];
            if (m) setTerms((ts) => [...ts, { metric: m.key, weight: '10', low: '0', high: '1' }]);
          }}
        >
          <Text className='idx__link idx-edit__add'>＋ 添加指标</Text>
        </Picker>
      ) : null}
      <View className='idx-edit__when'>
        <Text>生效月份</Text>
        {[p.month, nextMonth(p.month)].map((m) => (
          <Text key={m} className={`idx-chip ${effective === m ? 'idx-chip--on' : ''}`} onClick={() => setEffective(m)}>
            {formatMonthCn(m)}起
          </Text>
        ))}
      </View>
      <Text className='idx__muted'>发布后自生效月份起按新版本计算；此前各月的得分保留原版本。</Text>
      <View className='idx-edit__actions'>
        <DjButton variant='plain' onClick={p.onCancel}>
          取消
        </DjButton>
        <DjButton loading={busy} disabled={!terms.length} onClick={() => void publish()}>
          发布新版本
        </DjButton>
      </View>
    </View>
  );
}
