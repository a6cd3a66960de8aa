import Taro from '@tarojs/taro';

/**
 * The confirmation sheet before an irreversible step (issuing ballots, closing voting, cancelling a
 * meeting, paying): says what will happen and cannot be undone; resolves true only on 确定.
 */
export async function confirmStep(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, confirmColor: '#c8161d', cancelText: '取消' });
  return confirm;
}
