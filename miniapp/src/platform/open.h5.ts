import Taro from '@tarojs/taro';

export async function openExternal(url: string, _kind: 'page' | 'spreadsheet' | 'pdf'): Promise<void> {
  // Not 'noopener' in the features: with it window.open answers null even when the tab opened.
  const tab = window.open(url, '_blank');
  if (tab) tab.opener = null;
  // A blocked pop-up (the click was too long ago) still leaves the address with the person.
  if (!tab) {
    await Taro.setClipboardData({ data: url });
    void Taro.showToast({ title: '浏览器拦截了新窗口，链接已复制', icon: 'none', duration: 3000 });
  }
}
