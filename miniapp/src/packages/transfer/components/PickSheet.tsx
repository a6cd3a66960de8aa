import { useEffect, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import { errorMessage } from '@/api/errors';
import { SearchBar } from '@/components/SearchBar';
import { Loading } from '@/components/StateView';
import '@/components/PromptDialog.scss';
import '../transfer.scss';

/** One choice: its name and a short note beside it (an organisation's kind, a member's branch). */
export type PickOption = { id: string; name: string; note?: string };

type PickSheetProps = {
  open: boolean;
  title: string;
  /** Loads the options for a search text ('' at first); with no search box the text is always ''. */
  load: (q: string) => Promise<PickOption[]>;
  /** Shows a search box with this placeholder. */
  searchPlaceholder?: string;
  emptyText: string;
  onPick: (org: PickOption) => void;
  onClose: () => void;
};

/** A bottom sheet to pick one item: the destination of a transfer, the branch to assign, a member. */
export function PickSheet({ open, title, load, searchPlaceholder, emptyText, onPick, onClose }: PickSheetProps) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PickOption[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setItems(null);
    setError(null);
    load(q).then(
      (found) => live && setItems(found),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is a fresh closure on every render of the parent; the sheet reloads on open and search only
  }, [open, q]);

  if (!open) return null;
  return (
    <View className='dj-prompt transfer-sheet' role='dialog' aria-label={title}>
      <View className='dj-prompt__mask' onClick={onClose} />
      <View className='transfer-sheet__panel'>
        <Text className='transfer-sheet__title'>{title}</Text>
        {searchPlaceholder ? <SearchBar value={q} placeholder={searchPlaceholder} onSearch={setQ} /> : null}
        <ScrollView scrollY className='transfer-sheet__list'>
          {error ? <Text className='transfer-sheet__empty'>{error}</Text> : null}
          {!error && items === null ? <Loading /> : null}
          {items && !items.length ? <Text className='transfer-sheet__empty'>{emptyText}</Text> : null}
          {items?.map((o) => (
            <View
              key={o.id}
              className='transfer-sheet__item'
              onClick={() => {
                onPick(o);
                onClose();
              }}
            >
              <Text>{o.name}</Text>
              {o.note ? <Text className='transfer-sheet__item-note'>{o.note}</Text> : null}
            </View>
          ))}
        </ScrollView>
      </View>
    </View>
  );
}
