import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ApiError } from '@/api/errors';
import './StateView.scss';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='dj-state dj-state--loading' aria-busy='true'>
      <View className='dj-spinner' />
      <Text className='dj-state__text'>{text}</Text>
    </View>
  );
}

export function EmptyState({ title, description }: { title: string; description?: string }) {
  return (
    <View className='dj-state dj-state--empty'>
      <View className='dj-state__mark'>
        <View className='dj-state__mark-inner' />
      </View>
      <Text className='dj-state__title'>{title}</Text>
      {description ? <Text className='dj-state__text'>{description}</Text> : null}
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='dj-state dj-state--error' role='alert'>
      <View className='dj-state__mark dj-state__mark--error'>
        <Text className='dj-state__mark-sign'>!</Text>
      </View>
      <Text className='dj-state__title'>加载失败</Text>
      <Text className='dj-state__text'>{message}</Text>
      {onRetry ? (
        <Button className='dj-state__retry' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

type StateViewProps = {
  loading: boolean;
  error: ApiError | null;
  /** Data has loaded at least once; a failed reload then keeps it on screen (the client toasts). */
  ready: boolean;
  /** Loaded, and nothing to show. */
  empty?: boolean;
  emptyTitle?: string;
  emptyDescription?: string;
  onRetry?: () => void;
  children: ReactNode;
};

/** Loading, error and empty states in one place, so every page treats them alike. */
export function StateView(props: StateViewProps) {
  const { loading, error, ready, empty, emptyTitle = '暂无数据', emptyDescription, onRetry, children } = props;
  if (!ready) {
    return error && !loading ? <ErrorState message={error.message} onRetry={onRetry} /> : <Loading />;
  }
  if (empty) return <EmptyState title={emptyTitle} description={emptyDescription} />;
  return <>{children}</>;
}
