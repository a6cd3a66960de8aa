import Taro from '@tarojs/taro';

const FILE_TYPE = { spreadsheet: 'xlsx', pdf: 'pdf' } as const;

export async function openExternal(url: string, kind: 'page' | 'spreadsheet' | 'pdf'): Promise<void> {
  if (kind !== 'page') {
    void Taro.showLoading({ title: '正在下载…' });
    try {
      const res = await Taro.downloadFile({ url });
      if (res.statusCode !== 200) throw new Error(String(res.statusCode));
      await Taro.openDocument({ filePath: res.tempFilePath, fileType: FILE_TYPE[kind], showMenu: true });
    } catch {
      void Taro.showToast({ title: '下载失败，请稍后重试', icon: 'none' });
    } finally {
      void Taro.hideLoading();
    }
    return;
  }
  await Taro.setClipboardData({ data: url });
  void Taro.showToast({ title: '链接已复制，请在电脑浏览器中打开', icon: 'none', duration: 3000 });
}
