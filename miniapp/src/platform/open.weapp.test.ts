import Taro from '@tarojs/taro';
import { openExternal } from './open.weapp';

const downloadFile = Taro.downloadFile as unknown as jest.Mock;
const openDocument = Taro.openDocument as unknown as jest.Mock;

describe('openExternal (weapp)', () => {
  it('downloads a transfer letter and opens it in WeChat’s viewer as a PDF', async () => {
    downloadFile.mockResolvedValueOnce({ statusCode: 200, tempFilePath: 'wxfile://tmp/letter.pdf' });
    openDocument.mockResolvedValueOnce({ errMsg: 'openDocument:ok' });
    await openExternal('https://dj.example.cn/api/v1/transfers/x/letter.pdf?access_token=t', 'pdf');
    expect(downloadFile).toHaveBeenCalledWith({ url: 'https://dj.example.cn/api/v1/transfers/x/letter.pdf?access_token=t' });
    expect(openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/letter.pdf', fileType: 'pdf', showMenu: true });
  });

  it('opens a spreadsheet as xlsx, and says so when the download fails', async () => {
    downloadFile.mockResolvedValueOnce({ statusCode: 200, tempFilePath: 'wxfile://tmp/a.xlsx' });
    openDocument.mockResolvedValueOnce({ errMsg: 'openDocument:ok' });
    await openExternal('https://dj.example.cn/a.xlsx', 'spreadsheet');
    expect(openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx' }));
    downloadFile.mockResolvedValueOnce({ statusCode: 403, tempFilePath: '' });
    await openExternal('https://dj.example.cn/b.pdf', 'pdf');
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '下载失败，请稍后重试' }));
    expect(openDocument).toHaveBeenCalledTimes(1);
  });
});
