import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { listDemoUsers, signInAsDemoUser } from '@/api/auth';
import { errorMessage } from '@/api/errors';
import { FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import type { SignInPanelProps } from '@/platform/login.types';

/** Shown only when the server runs in demo mode (otherwise the list 404s and nothing renders). */
export function DemoSignIn({ onSignedIn }: SignInPanelProps) {
  const { data: users } = useQuery('demo-users', listDemoUsers);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!users?.length) return null;

  const pick = async (key: string) => {
    if (pending) return;
    setPending(key);
    setError(null);
    try {
      onSignedIn(await signInAsDemoUser({ key }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(null);
    }
  };

  return (
    <View className='sign-in__card'>
      <Text className='sign-in__card-title'>演示账号</Text>
      <Text className='sign-in__hint'>演示环境的数据均为虚构，选择一个角色即可体验。</Text>
      <View className='demo-users'>
        {users.map((u) => (
          <View
            key={u.key}
            className={`demo-user ${pending === u.key ? 'demo-user--pending' : ''}`}
            data-key={u.key}
            role='button'
            onClick={() => void pick(u.key)}
          >
            <View className='demo-user__body'>
              <Text className='demo-user__name'>{u.displayName}</Text>
              <Text className='demo-user__desc'>{u.description}</Text>
            </View>
            <Text className='demo-user__go'>{pending === u.key ? '登录中…' : '进入'}</Text>
          </View>
        ))}
      </View>
      <FormError message={error} />
    </View>
  );
}
