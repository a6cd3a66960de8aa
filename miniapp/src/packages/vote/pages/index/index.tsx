import { View } from '@tarojs/components';
import { EmptyState } from '@/components/StateView';

// Root page of the vote subpackage, kept so the package exists before its module lands; nothing links here yet.
export default function VoteIndexPage() {
  return (
    <View className='page'>
      <EmptyState title='投票表决' description='该功能尚未开放' />
    </View>
  );
}
