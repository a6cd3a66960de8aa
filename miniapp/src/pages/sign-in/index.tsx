import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SignInResult } from '@dangjian/shared';
import { SignInPanel } from '@/platform/login';
import { startSession } from '@/store/me';
import './index.scss';

export default function SignInPage() {
  const onSignedIn = (result: SignInResult) => {
    startSession(result);
    void Taro.reLaunch({ url: '/pages/home/index' });
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
