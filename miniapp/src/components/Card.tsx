import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './Card.scss';

type CardProps = { title?: string; extra?: ReactNode; className?: string; children: ReactNode };

export function Card({ title, extra, className, children }: CardProps) {
  return (
    <View className={`dj-card ${className ?? ''}`}>
      {title || extra ? (
        <View className='dj-card__head'>
          {title ? <Text className='dj-card__title'>{title}</Text> : <View />}
          {extra}
        </View>
      ) : null}
      {children}
    </View>
  );
}

export function InfoRow({ label, value }: { label: string; value: ReactNode }) {
  return (
    <View className='dj-info-row'>
      <Text className='dj-info-row__label'>{label}</Text>
      <View className='dj-info-row__value'>{value === null || value === '' ? <Text className='dj-muted'>未填写</Text> : value}</View>
    </View>
  );
}

export type TagTone = 'primary' | 'gold' | 'warning' | 'success' | 'neutral';

export function Tag({ tone = 'neutral', children }: { tone?: TagTone; children: ReactNode }) {
  return <Text className={`dj-tag dj-tag--${tone}`}>{children}</Text>;
}

export function Notice({ tone = 'warning', children }: { tone?: 'warning' | 'info'; children: ReactNode }) {
  return (
    <View className={`dj-notice dj-notice--${tone}`} role='note'>
      <Text className='dj-notice__icon'>{tone === 'warning' ? '!' : 'i'}</Text>
      <Text className='dj-notice__text'>{children}</Text>
    </View>
  );
}

/** A round badge with the first character of a name, as the avatar for people and organisations. */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'md' | 'lg' }) {
  return <View className={`dj-avatar dj-avatar--${size}`}>{name.slice(0, 1)}</View>;
}
