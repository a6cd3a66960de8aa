// A small stand-in for @tarojs/taro: in-memory storage, recorded navigation and toasts, a routable
// `request`, and page hooks whose callbacks a test can fire.

type Reply = { status: number; body?: unknown } | 'network-error';
type Handler = (req: RecordedRequest) => Reply;
export type RecordedRequest = {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  header: Record<string, string>;
  data: unknown;
};

const storage = new Map<string, unknown>();
let routes: Array<{ key: string; handler: Handler }> = [];
export const requests: RecordedRequest[] = [];
let routerParams: Record<string, string | undefined> = {};
const pageHooks = {
  pullDownRefresh: [] as Array<() => void>,
  reachBottom: [] as Array<() => void>,
  didShow: [] as Array<() => void>,
  didHide: [] as Array<() => void>,
  pageScroll: [] as Array<(e: { scrollTop: number }) => void>,
};
let networkListeners: Array<(res: { isConnected: boolean; networkType: string }) => void> = [];
let pageStack = 1;

/** Answers `METHOD /path` (path without query); the newest matching route wins. */
export function mockRoute(key: string, reply: Reply | Handler) {
  routes.unshift({ key, handler: typeof reply === 'function' ? reply : () => reply });
}

export function setRouterParams(params: Record<string, string | undefined>) {
  routerParams = params;
}

export const firePullDownRefresh = () => pageHooks.pullDownRefresh.forEach((cb) => cb());
export const fireDidShow = () => pageHooks.didShow.forEach((cb) => cb());
export const fireDidHide = () => pageHooks.didHide.forEach((cb) => cb());
/** What Taro.onNetworkStatusChange listeners hear on weapp. */
export const fireNetworkChange = (isConnected: boolean) => networkListeners.forEach((l) => l({ isConnected, networkType: isConnected ? 'wifi' : 'none' }));
/** How many pages getCurrentPages reports (1: the page was opened directly). */
export const setPageStack = (n: number) => {
  pageStack = n;
};
export const fireReachBottom = () => pageHooks.reachBottom.forEach((cb) => cb());

const request = jest.fn(async (opts: { url: string; method?: string; header?: Record<string, string>; data?: unknown }) => {
  const parsed = new URL(opts.url, 'http://localhost');
  const req: RecordedRequest = {
    method: opts.method ?? 'GET',
    url: opts.url,
    path: parsed.pathname,
    query: parsed.searchParams,
    header: opts.header ?? {},
    data: opts.data,
  };
  requests.push(req);
  const route = routes.find((r) => r.key === `${req.method} ${req.path}`);
  const reply: Reply = route ? route.handler(req) : { status: 404, body: { code: 'NOT_FOUND', message: '未找到' } };
  if (reply === 'network-error') throw { errMsg: 'request:fail' };
  return { statusCode: reply.status, data: reply.body ?? null, header: {} };
});

const Taro = {
  request,
  getStorageSync: jest.fn((key: string) => storage.get(key) ?? ''),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  showToast: jest.fn(async (_opts: { title: string }) => ({ errMsg: 'showToast:ok' })),
  showModal: jest.fn(async (_opts: { title?: string; content?: string }) => ({ confirm: true, cancel: false })),
  reLaunch: jest.fn(async (_opts: { url: string }) => ({ errMsg: 'reLaunch:ok' })),
  navigateTo: jest.fn(async (_opts: { url: string }) => ({ errMsg: 'navigateTo:ok' })),
  switchTab: jest.fn(async (_opts: { url: string }) => ({ errMsg: 'switchTab:ok' })),
  stopPullDownRefresh: jest.fn(),
  login: jest.fn(async () => ({ code: 'wx-code', errMsg: 'login:ok' })),
  scanCode: jest.fn(),
  navigateBack: jest.fn(async () => ({ errMsg: 'navigateBack:ok' })),
  redirectTo: jest.fn(async (_opts: { url: string }) => ({ errMsg: 'redirectTo:ok' })),
  getCurrentPages: jest.fn(() => Array.from({ length: pageStack }, () => ({}))),
  showLoading: jest.fn(async () => ({ errMsg: 'showLoading:ok' })),
  hideLoading: jest.fn(async () => ({ errMsg: 'hideLoading:ok' })),
  setClipboardData: jest.fn(async (_opts: { data: string }) => ({ errMsg: 'setClipboardData:ok' })),
  previewImage: jest.fn(async () => ({ errMsg: 'previewImage:ok' })),
  getLocation: jest.fn(),
  chooseImage: jest.fn(),
  uploadFile: jest.fn(),
  downloadFile: jest.fn(),
  pageScrollTo: jest.fn(async (_opts: { scrollTop: number; duration?: number }) => ({ errMsg: 'pageScrollTo:ok' })),
  setNavigationBarTitle: jest.fn(async (_opts: { title: string }) => ({ errMsg: 'setNavigationBarTitle:ok' })),
  openDocument: jest.fn(),
  onNetworkStatusChange: jest.fn((l: (res: { isConnected: boolean; networkType: string }) => void) => {
    networkListeners.push(l);
  }),
  offNetworkStatusChange: jest.fn((l: (res: { isConnected: boolean; networkType: string }) => void) => {
    networkListeners = networkListeners.filter((x) => x !== l);
  }),
};

export const usePullDownRefresh = (cb: () => void) => {
  pageHooks.pullDownRefresh = [cb];
};
export const useReachBottom = (cb: () => void) => {
  pageHooks.reachBottom = [cb];
};
export const useRouter = () => ({ params: routerParams, path: '' });
export const useDidShow = (cb: () => void) => {
  pageHooks.didShow = [cb];
};
export const useDidHide = (cb: () => void) => {
  pageHooks.didHide = [cb];
};
export const usePageScroll = (cb: (e: { scrollTop: number }) => void) => {
  pageHooks.pageScroll = [cb];
};
export const firePageScroll = (scrollTop: number) => pageHooks.pageScroll.forEach((cb) => cb({ scrollTop }));

export function resetTaroMock() {
  storage.clear();
  routes = [];
  requests.length = 0;
  routerParams = {};
  pageHooks.pullDownRefresh = [];
  pageHooks.reachBottom = [];
  pageHooks.didShow = [];
  pageHooks.didHide = [];
  pageHooks.pageScroll = [];
  networkListeners = [];
  pageStack = 1;
}

export default Taro;
