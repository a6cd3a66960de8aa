import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { DjButton } from '@/components/DjButton';
import type { DocumentViewerProps } from './document-viewer.types';

export function DocumentViewer({ url, title, onViewing }: DocumentViewerProps) {
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      const res = await Taro.downloadFile({ url });
      if (res.statusCode !== 200) throw new Error(String(res.statusCode));
      onViewing(true);
      // The viewer covers the page: its hide/show must not pause the study time.
      await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: false });
    } catch {
      onViewing(false);
      void Taro.showToast({ title: '文档打开失败，请稍后重试', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='study-doc'>
      <Text className='study-doc__hint'>{`《${title}》将在微信文档查看器中打开，阅读时间照常计入学时`}</Text>
      <DjButton loading={busy} onClick={() => void open()}>
        打开文档
      </DjButton>
    </View>
  );
}
