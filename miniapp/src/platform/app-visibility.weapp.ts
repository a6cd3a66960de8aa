import Taro from '@tarojs/taro';

export function onAppVisibility(cb: (visible: boolean) => void): () => void {
  const hide = () => cb(false);
  const show = () => cb(true);
  Taro.onAppHide(hide);
  Taro.onAppShow(show);
  return () => {
    Taro.offAppHide(hide);
    Taro.offAppShow(show);
  };
}
