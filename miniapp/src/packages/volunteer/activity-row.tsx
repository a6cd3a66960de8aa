import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { SIGNUP_STATE_LABEL, type VolunteerActivity } from '@dangjian/shared';
import { Tag } from '@/components/Card';
import { formatMeetingTime } from '@/utils/format';

/** The places of an activity as people read them. */
export const placesText = (a: VolunteerActivity) => `名额 ${a.confirmedCount}/${a.capacity}${a.waitlistCount ? `，候补 ${a.waitlistCount} 人` : ''}`;

/** One activity in a list: title, time, place, places and my state. */
export function ActivityRow({ a }: { a: VolunteerActivity }) {
  return (
    <View className='vol__row' data-activity={a.title} onClick={() => void Taro.navigateTo({ url: `/packages/volunteer/pages/activity/index?id=${a.id}` })}>
      <Text className='vol__title'>{a.title}</Text>
      <Text className='vol__sub'>{`${formatMeetingTime(a.startsAt, a.endsAt)} · ${a.place}`}</Text>
      <Text className='vol__sub'>{`${a.teamName} · ${placesText(a)}`}</Text>
      <View className='vol__tags'>
        {a.cancelled ? <Tag tone='neutral'>已取消</Tag> : null}
        {a.mySignup ? <Tag tone={a.mySignup.state === 'confirmed' ? 'success' : 'warning'}>{SIGNUP_STATE_LABEL[a.mySignup.state]}</Tag> : null}
        {!a.mySignup && !a.cancelled && a.confirmedCount >= a.capacity ? <Tag tone='gold'>已满，可候补</Tag> : null}
      </View>
    </View>
  );
}
