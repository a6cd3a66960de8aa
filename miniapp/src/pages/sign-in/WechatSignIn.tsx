import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AuthErrorCode, WechatBindSchema } from '@dangjian/shared';
import { bindWechat, signInWithWechat } from '@/api/auth';
import { ApiError } from '@/api/errors';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import type { SignInPanelProps } from '@/platform/login.types';

type Props = SignInPanelProps & { getCode: () => Promise<string> };

const failure = (e: unknown) => (e instanceof ApiError ? e.message : '微信登录失败，请稍后重试');

/** WeChat sign-in; an identity not yet bound to a member record binds with phone + 绑定码 once. */
export function WechatSignIn({ getCode, onSignedIn }: Props) {
  const [bindTicket, setBindTicket] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [bindingCode, setBindingCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await signInWithWechat({ code: await getCode() });
      if (result.status === 'signed_in') onSignedIn(result.session);
      else setBindTicket(result.bindTicket);
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };

  const bind = async () => {
    const parsed = WechatBindSchema.safeParse({ bindTicket, phone, bindingCode });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查填写的内容');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await bindWechat(parsed.data));
    } catch (e) {
      // The ticket is short-lived: once the server no longer accepts it, start over with a fresh wx.login.
      if (e instanceof ApiError && e.code === AuthErrorCode.BIND_TICKET_INVALID) setBindTicket(null);
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };

  if (!bindTicket) {
    return (
      <View className='sign-in__card'>
        <Text className='sign-in__card-title'>党员登录</Text>
        <Text className='sign-in__hint'>使用微信身份登录，首次登录需绑定党员信息。</Text>
        <DjButton loading={busy} onClick={() => void start()}>
          微信一键登录
        </DjButton>
        <FormError message={error} />
      </View>
    );
  }

  return (
    <View className='sign-in__card'>
      <Text className='sign-in__card-title'>绑定党员身份</Text>
      <Text className='sign-in__hint'>请输入在党组织登记的手机号码，以及支部书记或组织委员提供的 6 位绑定码。</Text>
      <Field label='手机号码' type='number' maxlength={11} value={phone} onChange={setPhone} placeholder='11 位手机号码' />
      <Field label='绑定码' type='number' maxlength={6} value={bindingCode} onChange={setBindingCode} placeholder='6 位数字' />
      <FormError message={error} />
      <View className='sign-in__actions'>
        <DjButton loading={busy} onClick={() => void bind()}>
          绑定并登录
        </DjButton>
      </View>
    </View>
  );
}
