import { useState } from 'react';
import { View } from '@tarojs/components';
import { errorMessage } from '@/api/errors';
import type { Built } from './manage-forms';

/** Runs a built request: a form problem or the server's Chinese message stays under the form. */
export function useSend<T>(onDone: (next: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async <B,>(built: Built<B>, call: (body: B) => Promise<T>): Promise<boolean> => {
    if (!built.ok) {
      setError(built.error);
      return false;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await call(built.body));
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, send };
}

/** One choice among people (a tap picks; the chosen one is highlighted). */
export function Pick({ items, value, onChange }: { items: { id: string; label: string }[]; value: string | null; onChange: (id: string) => void }) {
  return (
    <View className='vote-pick'>
      {items.map((m) => (
        <View key={m.id} className={`vote-pick__item ${value === m.id ? 'vote-pick__item--on' : ''}`} onClick={() => onChange(m.id)}>
          {m.label}
        </View>
      ))}
    </View>
  );
}
