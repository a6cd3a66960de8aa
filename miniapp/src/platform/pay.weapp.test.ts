import Taro from '@tarojs/taro';
import type { OnlineOrder } from '@dangjian/shared';
import { mockRoute, requests } from '@test/mocks/taro';
import { PAYMENT_ID, feePayment } from '@test/fees-fixtures';
import { saveTokens } from '@/api/session';
import { payOrder } from './pay.weapp';
import { PayError } from './pay.types';

const requestPayment = jest.fn();
Object.assign(Taro, { requestPayment });

const order = (demo: boolean): OnlineOrder => ({
  payment: feePayment({ status: 'pending' }),
  demo,
  requestPayment: { appId: 'wx123', timeStamp: '1763791200', nonceStr: 'n1', package: 'prepay_id=wx1', signType: 'RSA', paySign: 'c2ln' },
});

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

describe('payOrder (weapp)', () => {
  it('calls wx.requestPayment with the server-signed parameters', async () => {
    requestPayment.mockResolvedValueOnce({ errMsg: 'requestPayment:ok' });
    await expect(payOrder(order(false))).resolves.toEqual({ outcome: 'submitted' });
    expect(requestPayment).toHaveBeenCalledWith({ timeStamp: '1763791200', nonceStr: 'n1', package: 'prepay_id=wx1', signType: 'RSA', paySign: 'c2ln' });
  });

  it('answers cancelled when the person closes the sheet', async () => {
    requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
    await expect(payOrder(order(false))).resolves.toEqual({ outcome: 'cancelled' });
  });

  it('explains other failures', async () => {
    requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail no permission' });
    await expect(payOrder(order(false))).rejects.toBeInstanceOf(PayError);
  });

  it('takes the labelled demo path for a demo order, without WeChat Pay', async () => {
    mockRoute(`POST /api/v1/fees/online-orders/${PAYMENT_ID}/demo-pay`, { status: 200, body: feePayment() });
    await expect(payOrder(order(true))).resolves.toEqual({ outcome: 'paid', payment: feePayment() });
    expect(requestPayment).not.toHaveBeenCalled();
    expect(requests[0]?.path).toBe(`/api/v1/fees/online-orders/${PAYMENT_ID}/demo-pay`);
  });
});
