import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MemberRef } from '@dangjian/shared';
import { getLiveRota, setLiveRota } from '@/api/live';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { MemberPicker } from '@/packages/meetings/components/MemberPicker';
import { PickerRow } from '@/packages/admin/components/PickerRow';
import { useMe } from '@/store/me';
import { liveOrgOptions } from '../../manage-orgs';
import '../../live.scss';

/**
 * The 红色主播 rota: members take turns; the next class without a named host goes to the one marked 下一位.
 * Those who run the organisation (study.manage) reorder it, add members and take them off, and save.
 */
export default function LiveRotaPage() {
  const { me } = useMe();
  const orgs = liveOrgOptions(me);
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const q = useQuery(`live-rota-${orgId ?? 'mine'}`, () => getLiveRota(orgId));
  const r = q.data;
  const [draft, setDraft] = useState<MemberRef[] | null>(null);
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(null), [r]);
  const list: MemberRef[] = draft ?? r?.members.map((m) => ({ id: m.memberId, name: m.name })) ?? [];
  const hosted = new Map(r?.members.map((m) => [m.memberId, m.hostedCount]));
  const up = (i: number) => setDraft(list.map((m, j) => (j === i - 1 ? list[i]! : j === i ? list[i - 1]! : m)));
  const save = async () => {
    if (!r) return;
    setSaving(true);
    try {
      await setLiveRota(r.orgId, { memberIds: list.map((m) => m.id) });
      await q.reload();
      void Taro.showToast({ title: '轮值表已保存', icon: 'success' });
    } catch {
      // the client showed the server's message
    } finally {
      setSaving(false);
    }
  };
  return (
    <View className='page live'>
      {orgs.length > 1 ? (
        <View className='live__row'>
          <PickerRow label='组织' name='org' mode='selector' options={orgs} value={r?.orgId ?? ''} placeholder='请选择' onChange={setOrgId} />
        </View>
      ) : null}
      <StateView
        loading={q.loading}
        error={q.error}
        ready={Boolean(r)}
        empty={Boolean(r) && !list.length && !r!.canManage}
        emptyTitle='尚未排定轮值表'
        onRetry={() => void q.reload()}
      >
        {r ? (
          <Card title='红色主播轮值表'>
            {!list.length ? <Text className='live__sub'>尚未排定轮值表，请添加党员</Text> : null}
            {list.map((m, i) => (
              <View key={m.id} className='live__rota' data-host={m.name}>
                <Text className='live__no'>{i + 1}</Text>
                <Text className='live__name'>{m.name}</Text>
                {hosted.has(m.id) ? <Text className='live__sub'>{`已主播 ${hosted.get(m.id)} 次`}</Text> : <Tag tone='warning'>新加入</Tag>}
                {!draft && m.id === r.nextMemberId ? <Tag tone='primary'>下一位</Tag> : null}
                {r.canManage && i > 0 ? (
                  <Text className='live__link' onClick={() => up(i)}>
                    上移
                  </Text>
                ) : null}
                {r.canManage ? (
                  <Text className='live__link live__link--danger' onClick={() => setDraft(list.filter((x) => x.id !== m.id))}>
                    移出
                  </Text>
                ) : null}
              </View>
            ))}
            {r.canManage ? (
              <View className='live__actions'>
                <DjButton variant='secondary' onClick={() => setPicking(true)}>
                  添加党员
                </DjButton>
                <DjButton loading={saving} disabled={!draft} onClick={() => void save()}>
                  保存轮值表
                </DjButton>
              </View>
            ) : null}
            <MemberPicker
              open={picking}
              title='选择红色主播'
              orgId={r.orgId}
              onPick={(m) => setDraft(list.some((x) => x.id === m.id) ? list : [...list, m])}
              onClose={() => setPicking(false)}
            />
          </Card>
        ) : null}
      </StateView>
    </View>
  );
}
