import Taro from '@tarojs/taro';
import { fireNetworkChange } from '@test/mocks/taro';
import { onNetworkBack } from './network.weapp';

describe('onNetworkBack (weapp)', () => {
  it('calls back when the network returns, not when it goes, until unsubscribed', () => {
    const cb = jest.fn();
    const off = onNetworkBack(cb);
    fireNetworkChange(false);
    expect(cb).not.toHaveBeenCalled();
    fireNetworkChange(true);
    expect(cb).toHaveBeenCalledTimes(1);

    off();
    expect(Taro.offNetworkStatusChange).toHaveBeenCalled();
    fireNetworkChange(true);
    expect(cb).toHaveBeenCalledTimes(1);
  });
});
