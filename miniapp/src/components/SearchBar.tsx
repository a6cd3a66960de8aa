import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import './SearchBar.scss';

type SearchBarProps = { value: string; placeholder?: string; onSearch: (q: string) => void };

/** Searches on confirm (keyboard 搜索) rather than per keystroke: names are typed with an IME. */
export function SearchBar({ value, placeholder = '搜索', onSearch }: SearchBarProps) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);

  return (
    <View className='dj-search'>
      <View className='dj-search__box'>
        <View className='dj-search__icon' />
        <Input
          className='dj-search__input'
          value={draft}
          placeholder={placeholder}
          placeholderClass='dj-search__placeholder'
          confirmType='search'
          maxlength={50}
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={(e) => onSearch(e.detail.value.trim())}
        />
        {draft ? (
          <Text
            className='dj-search__clear'
            onClick={() => {
              setDraft('');
              onSearch('');
            }}
          >
            ×
          </Text>
        ) : null}
      </View>
      <Text className='dj-search__action' onClick={() => onSearch(draft.trim())}>
        搜索
      </Text>
    </View>
  );
}

export type SegmentOption<V extends string> = { value: V; label: string };

type SegmentedProps<V extends string> = {
  options: ReadonlyArray<SegmentOption<V>>;
  value: V;
  onChange: (value: V) => void;
};

export function Segmented<V extends string>({ options, value, onChange }: SegmentedProps<V>) {
  return (
    <View className='dj-segmented' role='tablist'>
      {options.map((o) => (
        <View
          key={o.value}
          role='tab'
          aria-selected={o.value === value}
          className={`dj-segmented__item ${o.value === value ? 'dj-segmented__item--active' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}
