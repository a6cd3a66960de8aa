import { View } from '@tarojs/components';
import { EmptyState } from '@/components/StateView';

// Root page of the study subpackage, kept so the package exists before its module lands; nothing links here yet.
export default function StudyIndexPage() {
  return (
    <View className='page'>
      <EmptyState title='课程学习' description='该功能尚未开放' />
    </View>
  );
}
