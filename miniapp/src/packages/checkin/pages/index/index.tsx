import { View } from '@tarojs/components';
import { EmptyState } from '@/components/StateView';

// Root page of the checkin subpackage, kept so the package exists before its module lands; nothing links here yet.
export default function CheckinIndexPage() {
  return (
    <View className='page'>
      <EmptyState title='会议签到' description='该功能尚未开放' />
    </View>
  );
}
