import { Text, View } from '@tarojs/components';
import { Card } from '@/components/Card';
import { EmptyState } from '@/components/StateView';
import { useMe } from '@/store/me';
import './index.scss';

/** Learning arrives with its own issue; until then the page says plainly that there is nothing yet. */
export default function StudyPage() {
  useMe();
  const year = new Date().getFullYear();

  return (
    <View className='page study'>
      <View className='study__banner'>
        <Text className='study__banner-title'>学习教育</Text>
        <Text className='study__banner-sub'>{year} 年度</Text>
      </View>
      <Card title='我的学习'>
        <EmptyState title='暂无学习任务' description='党组织布置的学习任务和课程会显示在这里' />
      </Card>
    </View>
  );
}
