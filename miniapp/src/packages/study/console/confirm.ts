import Taro from '@tarojs/taro';

/** Asks before removing something from a course; true when the worker confirms. */
export async function confirmRemove(what: string): Promise<boolean> {
  const res = await Taro.showModal({ title: `删除${what}`, content: `确定删除这个${what}吗？删除后不能恢复。`, confirmColor: '#c8161d' });
  return res.confirm;
}
