import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { listMembers } from '@/api/members';
import { Card } from '@/components/Card';
import { SearchBar } from '@/components/SearchBar';
import { useQuery } from '@/hooks/useQuery';

type Props = { orgId: string; selected: readonly string[]; onChange: (ids: string[]) => void };

/** Members of the organisation's subtree to tick one by one (search by name), or all that are listed. */
export function MemberPicker({ orgId, selected, onChange }: Props) {
  const [q, setQ] = useState('');
  const members = useQuery(`members:${orgId}:${q}`, () => listMembers({ orgId, q: q || undefined, pageSize: 100 }));
  const listed = members.data?.items ?? [];
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  const all = () => onChange([...new Set([...selected, ...listed.map((m) => m.id)])]);
  return (
    <Card
      title={`选择党员（已选 ${selected.length} 人）`}
      extra={
        listed.length ? (
          <Text className='study-link' onClick={all}>
            全选
          </Text>
        ) : null
      }
    >
      <SearchBar value={q} placeholder='搜索姓名' onSearch={setQ} />
      {listed.map((m) => {
        const on = selected.includes(m.id);
        return (
          <View key={m.id} className={`study-row ${on ? 'study-row--mine' : ''}`} data-member={m.id} onClick={() => toggle(m.id)}>
            <View className='study-row__main'>
              <Text className='study-row__title'>{m.name}</Text>
            </View>
            <Text className='study-link'>{on ? '已选' : '选择'}</Text>
          </View>
        );
      })}
    </Card>
  );
}
