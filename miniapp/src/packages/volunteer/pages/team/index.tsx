import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Checkbox, Input, Label, Text, View } from '@tarojs/components';
import { ApiError } from '@/api/errors';
import { addTeamVolunteer, getTeam, listActivities, removeTeamVolunteer } from '@/api/volunteer';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { MemberPicker } from '@/packages/meetings/components/MemberPicker';
import { safeDecode } from '@/utils/qr';
import { ActivityRow } from '../../activity-row';
import '../../volunteer.scss';

/** A 群众 volunteer joins with name, phone and their consent (the number is kept encrypted, shown masked). */
function AddPublicVolunteer({ teamId, onAdded }: { teamId: string; onAdded: () => void }) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!consent) return setError('须经本人同意登记手机号');
    try {
      await addTeamVolunteer(teamId, { name, phone, consent: true });
      setName('');
      setPhone('');
      setConsent(false);
      setError(null);
      onAdded();
      void Taro.showToast({ title: '已加入队伍', icon: 'none' });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    }
  };
  return (
    <Card title='登记群众志愿者'>
      <Input className='vol__input' value={name} placeholder='姓名' onInput={(e) => setName(e.detail.value)} />
      <Input className='vol__input' value={phone} type='number' maxlength={11} placeholder='手机号码' onInput={(e) => setPhone(e.detail.value)} />
      <Label className='vol__sub'>
        <Checkbox value='consent' checked={consent} onClick={() => setConsent(!consent)} />
        本人已同意登记手机号码，仅用于志愿服务联系
      </Label>
      <FormError message={error} />
      <DjButton onClick={() => void submit()}>加入队伍</DjButton>
    </Card>
  );
}

/** A team: its volunteers (phones masked, only for those running it) and its activities; its organisers add and remove volunteers and schedule activities. */
export default function TeamPage() {
  const id = safeDecode(useRouter().params.id);
  const q = useQuery(id ? `volunteer-team-${id}` : null, () => getTeam(id));
  useDidShow(() => void q.reload());
  const acts = useQuery(id ? `volunteer-team-acts-${id}` : null, () => listActivities({ teamId: id, when: 'upcoming' }));
  const [picking, setPicking] = useState(false);
  const t = q.data;
  const change = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      await q.reload();
      void Taro.showToast({ title: done, icon: 'none' });
    } catch {
      // the client showed the server's message
    }
  };
  const remove = async (volunteerId: string, name: string) => {
    const ok = await Taro.showModal({ title: '移出队伍', content: `将${name}移出${t?.name ?? '队伍'}？已有的服务记录会保留。` });
    if (ok.confirm) await change(() => removeTeamVolunteer(id, volunteerId), '已移出');
  };
  return (
    <View className='page vol'>
      <StateView loading={q.loading} error={q.error} ready={Boolean(t)} onRetry={() => void q.reload()}>
        {t ? (
          <>
            <Card title={t.name}>
              <Text className='vol__sub'>{`${t.orgName} · ${t.volunteerCount} 名队员`}</Text>
              {t.description ? <Text className='vol__sub'>{t.description}</Text> : null}
              {t.volunteers.map((v) => (
                <View key={v.volunteerId} className='vol__tags' data-volunteer={v.name}>
                  <Text className='vol__sub'>{v.name}</Text>
                  {v.leader ? <Tag tone='gold'>队长</Tag> : null}
                  <Tag tone={v.isMember ? 'primary' : 'neutral'}>{v.isMember ? '党员' : '群众'}</Tag>
                  {v.phoneMasked ? <Tag tone='neutral'>{v.phoneMasked}</Tag> : null}
                  {t.canManage ? (
                    <Text className='vol__link vol__link--danger' onClick={() => void remove(v.volunteerId, v.name)}>
                      移出
                    </Text>
                  ) : null}
                </View>
              ))}
              {t.canManage ? (
                <View className='vol__actions'>
                  <DjButton onClick={() => void Taro.navigateTo({ url: `/packages/volunteer/pages/activity-new/index?teamId=${t.id}` })}>发起活动</DjButton>
                  <DjButton variant='secondary' onClick={() => setPicking(true)}>
                    添加党员队员
                  </DjButton>
                  <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: `/packages/volunteer/pages/team-new/index?id=${t.id}` })}>
                    编辑
                  </DjButton>
                </View>
              ) : null}
            </Card>
            {t.canManage ? <AddPublicVolunteer teamId={t.id} onAdded={() => void q.reload()} /> : null}
            <MemberPicker
              open={picking}
              title='选择党员'
              orgId={t.orgId}
              onPick={(m) => void change(() => addTeamVolunteer(id, { memberId: m.id }), `${m.name}已加入队伍`)}
              onClose={() => setPicking(false)}
            />
            {(acts.data?.items ?? []).map((a) => (
              <ActivityRow key={a.id} a={a} />
            ))}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
