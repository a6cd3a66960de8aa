import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Checkbox, Input, Label, Text, View } from '@tarojs/components';
import { ApiError } from '@/api/errors';
import { addTeamVolunteer, getTeam, listActivities } from '@/api/volunteer';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
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

/** A team: its volunteers (phones masked, only for those running it) and its activities. */
export default function TeamPage() {
  const id = safeDecode(useRouter().params.id);
  const q = useQuery(id ? `volunteer-team-${id}` : null, () => getTeam(id));
  const acts = useQuery(id ? `volunteer-team-acts-${id}` : null, () => listActivities({ teamId: id, when: 'upcoming' }));
  const t = q.data;
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
                </View>
              ))}
            </Card>
            {t.canManage ? <AddPublicVolunteer teamId={t.id} onAdded={() => void q.reload()} /> : null}
            {(acts.data?.items ?? []).map((a) => (
              <ActivityRow key={a.id} a={a} />
            ))}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
