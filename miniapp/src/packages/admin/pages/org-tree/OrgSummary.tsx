import { Text, View } from '@tarojs/components';
import type { OrganisationDetail } from '@dangjian/shared';
import { ORG_KIND_LABEL } from '@dangjian/shared';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { formatDate } from '@/utils/format';

function Stat({ value, label }: { value: number; label: string }) {
  return (
    <View className='org-stat'>
      <Text className='org-stat__value'>{value}</Text>
      <Text className='org-stat__label'>{label}</Text>
    </View>
  );
}

export function OrgSummary({ org, onOpenMembers }: { org: OrganisationDetail; onOpenMembers: () => void }) {
  return (
    <>
      {org.warnings.map((w) => (
        <Notice key={`${w.rule}:${w.code}`}>{w.message}</Notice>
      ))}
      <Card>
        <View className='org-summary__head'>
          <Text className='org-summary__name'>{org.name}</Text>
          <View className='org-summary__tags'>
            <Tag tone='primary'>{ORG_KIND_LABEL[org.kind]}</Tag>
            {org.isJoint ? <Tag tone='gold'>联合</Tag> : null}
            {org.isTemporary ? <Tag tone='warning'>临时</Tag> : null}
          </View>
        </View>
        <View className='org-summary__stats'>
          <Stat value={org.memberCount} label='本级党员' />
          <Stat value={org.subtreeMemberCount} label='含下级党员' />
          <Stat value={org.subtreeFullMemberCount} label='其中正式党员' />
          <Stat value={org.childCount} label='下级组织' />
        </View>
        {org.establishedOn ? <InfoRow label='成立日期' value={formatDate(org.establishedOn)} /> : null}
        {org.enterprises.length ? <InfoRow label='所属企业' value={org.enterprises.map((e) => e.name).join('、')} /> : null}
        <View className='org-summary__actions'>
          <DjButton variant='secondary' onClick={onOpenMembers}>
            查看党员名册
          </DjButton>
        </View>
      </Card>
    </>
  );
}
