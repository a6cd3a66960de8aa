import { View } from '@tarojs/components';
import { EmptyState } from '@/components/StateView';

// Root page of the fees subpackage, kept so the package exists before its module lands; nothing links here yet.
export default function FeesIndexPage() {
  return (
    <View className='page'>
      <EmptyState title='党费缴纳' description='该功能尚未开放' />
    </View>
  );
}
