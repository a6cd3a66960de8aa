import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Member, MemberRef } from '@dangjian/shared';
import { listMembers } from '@/api/members';
import { Avatar } from '@/components/Card';
import { SearchBar } from '@/components/SearchBar';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import './MemberPicker.scss';

type MemberPickerProps = {
  open: boolean;
  title: string;
  orgId: string;
  onPick: (m: MemberRef) => void;
  onClose: () => void;
};

/** Picks one member of the organisation (its subtree), searching by name: chair, recorder. */
export function MemberPicker({ open, title, orgId, onPick, onClose }: MemberPickerProps) {
  const [q, setQ] = useState('');
  const list = useQuery(open ? JSON.stringify([orgId, q]) : null, () => listMembers({ orgId, q: q || undefined, pageSize: 50 }));
  if (!open) return null;
  const items: Member[] = list.data?.items ?? [];
  return (
    <View className='member-picker' role='dialog' aria-label={title}>
      <View className='member-picker__mask' onClick={onClose} />
      <View className='member-picker__sheet'>
        <View className='member-picker__head'>
          <Text className='member-picker__title'>{title}</Text>
          <Text className='member-picker__close' onClick={onClose}>
            取消
          </Text>
        </View>
        <SearchBar value={q} placeholder='输入姓名搜索' onSearch={setQ} />
        <View className='member-picker__list'>
          <StateView
            loading={list.loading}
            error={list.error}
            ready={list.data !== undefined}
            empty={items.length === 0}
            emptyTitle={q ? `没有找到“${q}”` : '暂无党员'}
            onRetry={() => void list.reload()}
          >
            {items.map((m) => (
              <View
                key={m.id}
                className='member-picker__item'
                onClick={() => {
                  onPick({ id: m.id, name: m.name });
                  onClose();
                }}
              >
                <Avatar name={m.name} />
                <View className='member-picker__body'>
                  <Text className='member-picker__name'>{m.name}</Text>
                  <Text className='member-picker__sub'>{m.groupName ? `${m.orgName} · ${m.groupName}` : m.orgName}</Text>
                </View>
              </View>
            ))}
          </StateView>
        </View>
      </View>
    </View>
  );
}
