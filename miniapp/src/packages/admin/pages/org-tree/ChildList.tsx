import { Text, View } from '@tarojs/components';
import type { ChildCount, Organisation } from '@dangjian/shared';
import { ORG_KIND_LABEL } from '@dangjian/shared';
import { Tag } from '@/components/Card';
import { EmptyState } from '@/components/StateView';

type ChildListProps = {
  items: Organisation[];
  counts: ChildCount[];
  onOpen: (org: Organisation) => void;
};

export function ChildList({ items, counts, onOpen }: ChildListProps) {
  if (!items.length) return <EmptyState title='没有下级组织' />;
  const countOf = new Map(counts.map((c) => [c.orgId, c]));
  return (
    <View className='org-children'>
      {items.map((org) => {
        const c = countOf.get(org.id);
        return (
          <View key={org.id} className='org-child' data-org-id={org.id} onClick={() => onOpen(org)}>
            <View className='org-child__body'>
              <View className='org-child__line'>
                <Text className='org-child__name'>{org.name}</Text>
                <Tag tone='primary'>{ORG_KIND_LABEL[org.kind]}</Tag>
                {org.isJoint ? <Tag tone='gold'>联合</Tag> : null}
              </View>
              <Text className='org-child__sub'>
                {c ? `党员 ${c.memberCount} 人 · 正式 ${c.fullMemberCount} · 预备 ${c.probationaryMemberCount}` : `本级党员 ${org.memberCount} 人`}
              </Text>
            </View>
            <Text className='org-child__arrow'>›</Text>
          </View>
        );
      })}
    </View>
  );
}
