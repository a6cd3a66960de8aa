import { Text, View } from '@tarojs/components';
import type { DocumentViewerProps } from './document-viewer.types';
import { openExternal } from '@/platform/open';

export function DocumentViewer({ url, title }: DocumentViewerProps) {
  return (
    <View className='study-doc'>
      <iframe className='study-doc__frame' src={url} title={title} />
      <Text className='study-doc__open' onClick={() => void openExternal(url, 'page')}>
        在新窗口打开文档
      </Text>
    </View>
  );
}
