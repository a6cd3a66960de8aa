import { View } from '@tarojs/components';
import { EmptyState } from '@/components/StateView';

// Root page of the transfer subpackage, kept so the package exists before its module lands; nothing links here yet.
export default function TransferIndexPage() {
  return (
    <View className='page'>
      <EmptyState title='组织关系转接' description='该功能尚未开放' />
    </View>
  );
}
