import { serverHtml, serverUrl } from './links';

// as on weapp: the API lives at another origin
jest.mock('@/platform/api-base', () => ({ API_BASE: 'https://dj.example.cn' }));

describe('server-made addresses', () => {
  it('makes signed media links absolute and leaves absolute ones alone', () => {
    expect(serverUrl('/api/v1/study/media/f?exp=1&sig=s')).toBe('https://dj.example.cn/api/v1/study/media/f?exp=1&sig=s');
    expect(serverUrl('https://cdn.example.cn/x.mp4')).toBe('https://cdn.example.cn/x.mp4');
  });

  it('makes the image links of an article absolute, nothing else', () => {
    expect(serverHtml('<p>党章</p><img src="/api/v1/study/media/a?exp=1&amp;sig=s" alt="图"><a href="/api/v1/x">x</a>')).toBe(
      '<p>党章</p><img src="https://dj.example.cn/api/v1/study/media/a?exp=1&amp;sig=s" alt="图"><a href="/api/v1/x">x</a>',
    );
  });
});
