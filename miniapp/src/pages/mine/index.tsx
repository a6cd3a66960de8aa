import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Me, OrganisationDetail } from '@dangjian/shared';
import { ORG_KIND_LABEL, ROLE_LABEL } from '@dangjian/shared';
import { signOut } from '@/api/auth';
import { endSession } from '@/api/client';
import { getMyMember } from '@/api/members';
import { getOrganisation } from '@/api/orgs';
import { Avatar, Card, InfoRow, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { MemberDetails, MemberHeader } from '@/components/MemberProfile';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { forgetSession, useMe } from '@/store/me';
import { formatDate } from '@/utils/format';
import './index.scss';

function OrgCard({ me, org }: { me: Me; org: OrganisationDetail | undefined }) {
  if (!me.orgId) return null;
  return (
    <Card title='我的组织'>
      <InfoRow label='组织名称' value={org?.name ?? me.orgName} />
      {org ? (
        <>
          <InfoRow label='组织类别' value={ORG_KIND_LABEL[org.kind]} />
          <InfoRow label='本级党员' value={`${org.memberCount} 人（正式党员 ${org.fullMemberCount} 人）`} />
          <InfoRow label='成立日期' value={formatDate(org.establishedOn)} />
        </>
      ) : null}
    </Card>
  );
}

function RolesCard({ me }: { me: Me }) {
  return (
    <Card title='我的角色'>
      {me.roles.length ? (
        me.roles.map((g) => <InfoRow key={`${g.role}:${g.orgId}`} label={ROLE_LABEL[g.role]} value={g.orgName} />)
      ) : (
        <Text className='dj-muted'>暂无角色</Text>
      )}
    </Card>
  );
}

async function confirmSignOut() {
  const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定退出当前账号吗？', confirmColor: '#c8161d' });
  if (!confirm) return;
  // The server forgets the refresh token; if it cannot be reached the local session still ends.
  await signOut().catch(() => undefined);
  forgetSession();
  endSession();
}

export default function MinePage() {
  const { me, loading, error, reload } = useMe();
  const memberId = me?.memberId ?? null;
  const orgId = me?.orgId ?? null;
  const member = useQuery(memberId, getMyMember);
  // A plain member may not be allowed to read the organisation record; the name from `me` is enough then.
  const org = useQuery(orgId, () => getOrganisation(orgId ?? '', { toast: false }));

  usePullDownRefresh(() => {
    const jobs = [reload(), memberId ? member.reload() : Promise.resolve(), orgId ? org.reload() : Promise.resolve()];
    void Promise.all(jobs).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className='page mine'>
      <StateView loading={loading} error={error} ready={me !== null} onRetry={() => void reload()}>
        {me ? (
          <>
            {member.data ? (
              <MemberHeader member={member.data} />
            ) : (
              <View className='mine__account'>
                <Avatar name={me.displayName} size='lg' />
                <View className='mine__account-body'>
                  <Text className='mine__name'>{me.displayName}</Text>
                  {memberId ? null : <Tag>未关联党员档案</Tag>}
                </View>
              </View>
            )}
            <OrgCard me={me} org={org.data} />
            <RolesCard me={me} />
            {memberId ? (
              <StateView loading={member.loading} error={member.error} ready={member.data !== undefined} onRetry={() => void member.reload()}>
                {member.data ? <MemberDetails member={member.data} /> : null}
              </StateView>
            ) : null}
            <View className='mine__actions'>
              <DjButton variant='plain' onClick={() => void confirmSignOut()}>
                退出登录
              </DjButton>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
