import Taro from '@tarojs/taro';
import type { TokenPair } from '@dangjian/shared';

const ACCESS_KEY = 'dj.accessToken';
const REFRESH_KEY = 'dj.refreshToken';

export type StoredTokens = Pick<TokenPair, 'accessToken' | 'refreshToken'>;

const read = (key: string): string | null => {
  const value: unknown = Taro.getStorageSync(key);
  return typeof value === 'string' && value !== '' ? value : null;
};

export const getAccessToken = () => read(ACCESS_KEY);
export const getRefreshToken = () => read(REFRESH_KEY);
export const hasSession = () => getAccessToken() !== null;

export function saveTokens(tokens: StoredTokens): void {
  Taro.setStorageSync(ACCESS_KEY, tokens.accessToken);
  Taro.setStorageSync(REFRESH_KEY, tokens.refreshToken);
}

export function clearTokens(): void {
  Taro.removeStorageSync(ACCESS_KEY);
  Taro.removeStorageSync(REFRESH_KEY);
}
