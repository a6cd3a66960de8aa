import Taro from '@tarojs/taro';
import type { FC } from 'react';
import { WechatSignIn } from '@/pages/sign-in/WechatSignIn';
import type { SignInPanelProps } from './login.types';

/** wx.login's one-time code; the server trades it for the openid. */
async function wechatCode(): Promise<string> {
  const { code } = await Taro.login();
  if (!code) throw new Error('wx.login returned no code');
  return code;
}

export const SignInPanel: FC<SignInPanelProps> = ({ onSignedIn }) => <WechatSignIn getCode={wechatCode} onSignedIn={onSignedIn} />;
