import Taro from '@tarojs/taro';

export function onNetworkBack(cb: () => void): () => void {
  const listener = (res: { isConnected: boolean }) => {
    if (res.isConnected) cb();
  };
  Taro.onNetworkStatusChange(listener);
  return () => Taro.offNetworkStatusChange(listener);
}
