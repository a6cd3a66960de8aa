import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { Member } from '@dangjian/shared';
import { hasPermission } from '@dangjian/shared';
import { getMember } from '@/api/members';
import { ApiError, errorMessage } from '@/api/errors';
import { Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { MemberDetails, MemberHeader } from '@/components/MemberProfile';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import './index.scss';

export default function MemberDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const { me } = useMe();
  const masked = useQuery(id, () => getMember(id ?? ''));
  const [unmasked, setUnmasked] = useState<Member | null>(null);
  const [unmasking, setUnmasking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  usePullDownRefresh(() => {
    // A refresh goes back to the masked record: full data is shown only right after an explicit request.
    setUnmasked(null);
    setRefusal(null);
    void masked.reload().finally(() => Taro.stopPullDownRefresh());
  });

  // Back from 编辑档案: show what was saved.
  useDidShow(() => {
    if (masked.data) void masked.reload();
  });

  const member = unmasked ?? masked.data;
  const maySeeAll = me !== null && hasPermission(me.roles, 'member.readSensitive');
  // The server decides per organisation; a person with no managing role is never offered the edit.
  const mayEdit = me !== null && hasPermission(me.roles, 'member.manage') && member?.departure === null;

  const unmask = async () => {
    if (!id) return;
    const { confirm } = await Taro.showModal({
      title: '查看完整信息',
      content: '将显示完整的手机号码和身份证号，本次查看会记入审计日志。',
      confirmText: '查看',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    setUnmasking(true);
    setRefusal(null);
    try {
      setUnmasked(await getMember(id, { unmask: true }));
    } catch (e) {
      setRefusal(e instanceof ApiError && e.isForbidden ? e.message : errorMessage(e));
    } finally {
      setUnmasking(false);
    }
  };

  if (!id) return <EmptyState title='未指定党员' description='请从党员名册进入' />;

  return (
    <View className='page member-detail'>
      <StateView loading={masked.loading} error={masked.error} ready={member !== undefined} onRetry={() => void masked.reload()}>
        {member ? (
          <>
            <MemberHeader member={member} />
            {member.sensitiveUnmasked ? <Notice tone='info'>已显示完整信息，本次查看已记入审计日志。</Notice> : null}
            {refusal ? <Notice tone='warning'>{refusal}</Notice> : null}
            <MemberDetails member={member} />
            <View className='member-detail__actions'>
              {mayEdit ? (
                <DjButton onClick={() => void Taro.navigateTo({ url: `/packages/admin/pages/member-edit/index?id=${member.id}` })}>编辑档案</DjButton>
              ) : null}
              {mayEdit ? (
                <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: `/packages/card/pages/distinctions/index?memberId=${member.id}` })}>
                  先锋岗与荣誉
                </DjButton>
              ) : null}
              {maySeeAll && !member.sensitiveUnmasked ? (
                <DjButton variant='secondary' loading={unmasking} onClick={() => void unmask()}>
                  查看完整信息
                </DjButton>
              ) : null}
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
