import { Text, View } from '@tarojs/components';
import type { Gender, Member } from '@dangjian/shared';
import { EDUCATION_LABEL, MEMBER_FLAG_LABEL, MEMBER_STATUS_LABEL } from '@dangjian/shared';
import { formatDate, formatDateTime } from '@/utils/format';
import { Avatar, Card, InfoRow, Tag } from './Card';
import './MemberProfile.scss';

const GENDER_LABEL: Record<Gender, string> = { male: '男', female: '女' };

export function MemberHeader({ member }: { member: Member }) {
  return (
    <View className='dj-member-head'>
      <Avatar name={member.name} size='lg' />
      <View className='dj-member-head__body'>
        <View className='dj-member-head__line'>
          <Text className='dj-member-head__name'>{member.name}</Text>
          <Tag tone={member.status === 'full' ? 'primary' : 'gold'}>{MEMBER_STATUS_LABEL[member.status]}</Tag>
          {member.departure ? <Tag tone='neutral'>{member.departure.label}</Tag> : null}
        </View>
        <Text className='dj-member-head__org'>
          {member.orgName}
          {member.groupName ? ` · ${member.groupName}` : ''}
        </Text>
        {member.flags.length ? (
          <View className='dj-member-head__flags'>
            {member.flags.map((f) => (
              <Tag key={f} tone='warning'>
                {MEMBER_FLAG_LABEL[f]}
              </Tag>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  );
}

/** The member record as rows; phone and ID arrive masked unless the server unmasked them. */
export function MemberDetails({ member }: { member: Member }) {
  return (
    <>
      <Card title='基本信息'>
        <InfoRow label='性别' value={GENDER_LABEL[member.gender]} />
        <InfoRow label='民族' value={member.ethnicity} />
        <InfoRow label='出生日期' value={formatDate(member.birthDate)} />
        <InfoRow label='学历' value={member.education ? EDUCATION_LABEL[member.education] : null} />
        <InfoRow label='手机号码' value={member.phone} />
        <InfoRow label='身份证号' value={member.nationalId} />
      </Card>
      <Card title='党籍信息'>
        <InfoRow label={member.departure ? '原所在组织' : '所在组织'} value={member.orgName} />
        {member.departure ? <InfoRow label={member.departure.label} value={formatDateTime(member.departure.at)} /> : null}
        <InfoRow label='党小组' value={member.groupName} />
        <InfoRow label='入党日期' value={formatDate(member.joinDate)} />
        <InfoRow label='转正日期' value={member.fullMemberDate ? formatDate(member.fullMemberDate) : '预备期内'} />
        <InfoRow label='党龄' value={member.partyYears === null ? '预备期不计党龄' : `${member.partyYears} 年`} />
      </Card>
      <Card title='工作信息'>
        <InfoRow label='工作单位' value={member.enterpriseName} />
        <InfoRow label='职务' value={member.post} />
      </Card>
    </>
  );
}
