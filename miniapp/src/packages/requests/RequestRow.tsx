import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RequestState, RequestSummary } from '@dangjian/shared';
import { Tag, type TagTone } from '@/components/Card';
import { formatDateTime } from '@/utils/format';
import { requestUrl } from './routes';

export const REQUEST_TONE: Record<RequestState, TagTone> = {
  submitted: 'warning',
  routed: 'warning',
  in_progress: 'primary',
  awaiting_info: 'gold',
  resolved: 'gold',
  closed: 'success',
  withdrawn: 'neutral',
  rejected: 'neutral',
};

/** One request in a list: title, number, who and where, state; overdue in red. */
export function RequestRow({ r }: { r: RequestSummary }) {
  return (
    <View className='requests__row' data-request={r.state} onClick={() => void Taro.navigateTo({ url: requestUrl(r.id) })}>
      <View className='requests__row-text'>
        <Text className='requests__title'>{r.title}</Text>
        <Text className='requests__sub'>{`${r.number} · ${r.categoryLabel} · ${r.enterprise?.name ?? r.requester.name}`}</Text>
        <Text className={`requests__sub ${r.overdue ? 'requests__overdue' : ''}`}>
          {`${formatDateTime(r.filedAt)} 提交${r.department ? ` · ${r.department.name}` : ''}${r.overdue ? ' · 已超期' : ''}`}
        </Text>
      </View>
      <Tag tone={REQUEST_TONE[r.state]}>{r.stateLabel}</Tag>
    </View>
  );
}
