import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { signInWithPassword } from '@/api/auth';
import { errorMessage } from '@/api/errors';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import type { SignInPanelProps } from '@/platform/login.types';

export function PasswordSignIn({ onSignedIn }: SignInPanelProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!username.trim()) return setError('请输入用户名');
    if (!password) return setError('请输入密码');
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signInWithPassword({ username: username.trim(), password }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='sign-in__card'>
      <Text className='sign-in__card-title'>组织工作人员登录</Text>
      <Field label='用户名' name='username' value={username} onChange={setUsername} placeholder='请输入用户名' />
      <Field label='密码' name='password' password value={password} onChange={setPassword} maxlength={128} placeholder='请输入密码' />
      <FormError message={error} />
      <View className='sign-in__actions'>
        <DjButton loading={busy} onClick={() => void submit()}>
          登录
        </DjButton>
      </View>
    </View>
  );
}
