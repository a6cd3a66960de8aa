import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { IndexDefinition } from '@dangjian/shared';
import { Tag } from '@/components/Card';

/** One version of one index: who set it, from when, the formula and each metric in words. */
export function DefinitionCard({ d, children }: { d: IndexDefinition; children?: ReactNode }) {
  return (
    <View className='idx__card idx-def'>
      <View className='idx-def__head'>
        <Text className='idx-def__title'>{d.indexLabel}</Text>
        <Tag tone={d.isDefault ? 'neutral' : 'primary'}>{d.isDefault ? `平台默认 第${d.version}版` : `本党委 第${d.version}版`}</Tag>
      </View>
      <Text className='idx-def__formula'>{d.formula}</Text>
      {d.terms.map((t) => (
        <View key={t.metric} className='idx-why__term'>
          <Text className='idx-why__term-name'>
            {t.label} · 权重 {t.weight}（{t.sharePercent}%）
          </Text>
          <Text className='idx__muted'>
            {t.description}；{t.rangeText}
          </Text>
        </View>
      ))}
      <Text className='idx__muted'>{[d.isDefault ? '未发布本党委口径时使用' : `${d.effectiveMonth} 起生效`, d.note].filter(Boolean).join(' · ')}</Text>
      {children}
    </View>
  );
}
