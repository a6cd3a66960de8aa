import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SignInResult } from '@dangjian/shared';
import { SignInPanel } from '@/platform/login';
import { startSession } from '@/store/me';
import './index.scss';

/**
 * Where to go after signing in: a page of this app passed as `redirect` (a check-in QR opened
 * without a session comes back to its scan), else 首页. Anything else is ignored.
 */
export function afterSignIn(redirect: string | undefined): string {
  let target = '';
  try {
    target = redirect ? decodeURIComponent(redirect) : '';
  } catch {
    target = '';
  }
  return /^\/(packages|pages)\/[\w/-]+(\?.*)?$/.test(target) ? target : '/pages/home/index';
}

export default function SignInPage() {
  const { params } = useRouter();
  const onSignedIn = (result: SignInResult) => {
    startSession(result);
    void Taro.reLaunch({ url: afterSignIn(params.redirect) });
  };

  return (
    <View className='page sign-in'>
      <View className='sign-in__hero'>
        <View className='sign-in__logo'>
          <Text>党建</Text>
        </View>
        <Text className='sign-in__title'>智慧党建</Text>
        <Text className='sign-in__subtitle'>组织生活 · 学习教育 · 党务管理</Text>
      </View>
      <View className='sign-in__body'>
        <SignInPanel onSignedIn={onSignedIn} />
      </View>
      <Text className='sign-in__footer'>登录即表示您同意依规使用本平台的党员信息</Text>
    </View>
  );
}
