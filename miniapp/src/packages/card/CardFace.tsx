import type { ReactNode } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { PublicCard } from '@dangjian/shared';
import { Avatar, Tag } from '@/components/Card';

/**
 * The face of a member card: the P1 minimum, then whichever figures the card carries (the member's own
 * card has them all; the public view only those the member chose). `children` is the QR part;
 * `photoSrc` the photo's loadable address (with the token on the member's own card), else the initial.
 */
export function CardFace({ card, photoSrc, children }: { card: PublicCard; photoSrc?: string | null; children?: ReactNode }) {
  const stats = [
    card.studyHours !== undefined ? { label: `${card.year} 学时`, value: String(card.studyHours) } : null,
    card.yearPoints !== undefined ? { label: `${card.year} 积分`, value: String(card.yearPoints) } : null,
    card.volunteerHours !== undefined ? { label: '志愿时长', value: String(card.volunteerHours) } : null,
  ].filter((s) => s !== null);
  return (
    <View className='member-card'>
      <Text className='member-card__band'>电子党员名片</Text>
      <View className='member-card__head'>
        {photoSrc ? <Image className='member-card__photo' src={photoSrc} mode='aspectFill' data-testid='card-photo' /> : <Avatar name={card.name} size='lg' />}
        <View className='member-card__who'>
          <Text className='member-card__name' data-testid='card-name'>
            {card.name}
          </Text>
          <Text className='member-card__line'>{card.orgName}</Text>
          <Text className='member-card__line'>{`${card.statusLabel}${card.partyYears !== null ? ` · 党龄 ${card.partyYears} 年` : ''}`}</Text>
        </View>
      </View>
      {card.posts.length || card.honours?.length ? (
        <View className='member-card__posts'>
          {card.posts.map((p) => (
            <Tag key={p.title} tone={p.kind === 'vanguard' ? 'primary' : 'gold'}>
              {p.title}
            </Tag>
          ))}
          {card.honours?.map((h) => (
            <Tag key={h.id} tone='success'>
              {h.title}
            </Tag>
          ))}
        </View>
      ) : null}
      {stats.length ? (
        <View className='member-card__stats'>
          {stats.map((s) => (
            <View key={s.label} className='member-card__stat'>
              <Text className='member-card__value'>{s.value}</Text>
              <Text className='member-card__label'>{s.label}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {children}
    </View>
  );
}
