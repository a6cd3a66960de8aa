import { Text, View } from '@tarojs/components';
import type { Member } from '@dangjian/shared';
import { MEMBER_FLAG_LABEL, MEMBER_STATUS_LABEL } from '@dangjian/shared';
import { Avatar, Tag } from '@/components/Card';

export function MemberRow({ member, onOpen }: { member: Member; onOpen: (m: Member) => void }) {
  return (
    <View className='member-row' data-member-id={member.id} onClick={() => onOpen(member)}>
      <Avatar name={member.name} />
      <View className='member-row__body'>
        <View className='member-row__line'>
          <Text className='member-row__name'>{member.name}</Text>
          <Tag tone={member.status === 'full' ? 'primary' : 'gold'}>{MEMBER_STATUS_LABEL[member.status]}</Tag>
          {member.flags.map((f) => (
            <Tag key={f} tone='warning'>
              {MEMBER_FLAG_LABEL[f]}
            </Tag>
          ))}
        </View>
        <Text className='member-row__sub'>{member.groupName ? `${member.orgName} · ${member.groupName}` : member.orgName}</Text>
      </View>
      <Text className='member-row__arrow'>›</Text>
    </View>
  );
}
