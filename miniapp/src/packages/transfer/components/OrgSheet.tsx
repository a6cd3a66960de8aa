import { useEffect, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import type { OrgKind } from '@dangjian/shared';
import { ORG_KIND_LABEL } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { SearchBar } from '@/components/SearchBar';
import { Loading } from '@/components/StateView';
import '../transfer.scss';

export type OrgOption = { id: string; name: string; kind?: OrgKind };

type OrgSheetProps = {
  open: boolean;
  title: string;
  /** Loads the options for a search text ('' at first); with `searchable` off the text is always ''. */
  load: (q: string) => Promise<OrgOption[]>;
  searchable?: boolean;
  emptyText: string;
  onPick: (org: OrgOption) => void;
  onClose: () => void;
};

/** A bottom sheet to pick one organisation: the destination of a transfer, the branch to assign. */
export function OrgSheet({ open, title, load, searchable, emptyText, onPick, onClose }: OrgSheetProps) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<OrgOption[] | null>(null);
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
    // `load` is a fresh closure on every render of the parent; the sheet reloads on open and search only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, q]);

  if (!open) return null;
  return (
    <View className='transfer-sheet' role='dialog' aria-label={title}>
      <View className='transfer-sheet__mask' onClick={onClose} />
      <View className='transfer-sheet__panel'>
        <Text className='transfer-sheet__title'>{title}</Text>
        {searchable ? <SearchBar value={q} placeholder='输入党组织名称' onSearch={setQ} /> : null}
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
              {o.kind ? <Text className='transfer-sheet__item-kind'>{ORG_KIND_LABEL[o.kind]}</Text> : null}
            </View>
          ))}
        </ScrollView>
      </View>
    </View>
  );
}
