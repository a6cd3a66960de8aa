import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { chinaToday, OFFICER_ROLE_LABEL, type LedgerDetail, type OfficerCandidate, type OfficerRole } from '@dangjian/shared';
import { appointOfficer, endAppointment, searchOfficers } from '@/api/ledger';
import { errorMessage } from '@/api/errors';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { SearchBar, Segmented } from '@/components/SearchBar';
import { officerVisitsUrl } from '../../routes';

const ROLE_OPTIONS = (['instructor', 'liaison'] as const).map((value) => ({ value, label: OFFICER_ROLE_LABEL[value] }));

/** 党建指导员 / 驻企联络员 of an enterprise with their terms; a committee worker appoints and ends terms (S1). */
export function Officers({ entry, onChanged }: { entry: LedgerDetail; onChanged: () => void }) {
  const [role, setRole] = useState<OfficerRole>('instructor');
  const [found, setFound] = useState<OfficerCandidate[] | null>(null);
  const [picked, setPicked] = useState<OfficerCandidate | null>(null);
  const [startsOn, setStartsOn] = useState(chinaToday());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = async (q: string) => {
    setPicked(null);
    if (!q) return setFound(null);
    try {
      setFound((await searchOfficers(entry.committeeId, q)).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const appoint = async () => {
    if (!picked) return setError('请先搜索并选择人员');
    setBusy(true);
    setError(null);
    try {
      await appointOfficer(entry.id, { role, userId: picked.userId, startsOn });
      void Taro.showToast({ title: '已选派', icon: 'success' });
      setPicked(null);
      setFound(null);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const end = async (id: string) => {
    try {
      await endAppointment(id, chinaToday());
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Card title='指导员与联络员'>
      {entry.appointments.length === 0 ? <Text className='ledger-list-item__text'>尚未选派</Text> : null}
      {entry.appointments.map((a) => (
        <View key={a.id} className='ledger-list-item'>
          <Text className='ledger-list-item__title'>{`${OFFICER_ROLE_LABEL[a.role]} · ${a.name}`}</Text>
          <Text className='ledger-list-item__text'>{`任期 ${a.startsOn} 至 ${a.endsOn ?? '今'}`}</Text>
          {entry.canManage ? (
            <Text className='ledger-list-item__action' onClick={() => void Taro.navigateTo({ url: officerVisitsUrl(a.userId, a.name) })}>
              走访计划与记录
            </Text>
          ) : null}
          {entry.canManage && a.endsOn === null ? (
            <Text className='ledger-list-item__action' onClick={() => void end(a.id)}>
              今日结束任期
            </Text>
          ) : null}
        </View>
      ))}
      {entry.canManage ? (
        <View className='ledger-appoint'>
          <Text className='ledger-form__hint'>选派（党员或工作人员账号）</Text>
          <Segmented options={ROLE_OPTIONS} value={role} onChange={setRole} />
          <SearchBar value='' placeholder='输入姓名搜索' onSearch={(q) => void search(q)} />
          {found?.length === 0 ? <Text className='ledger-list-item__text'>没有找到，请换个名字</Text> : null}
          {found?.map((c) => (
            <Text
              key={c.userId}
              className={`ledger-list-item__action ${picked?.userId === c.userId ? 'ledger-appoint--picked' : ''}`}
              onClick={() => setPicked(c)}
            >
              {`${picked?.userId === c.userId ? '✓ ' : ''}${c.name}${c.orgName ? `（${c.orgName}）` : ''}　`}
            </Text>
          ))}
          <Picker mode='date' value={startsOn} onChange={(e) => setStartsOn(e.detail.value)}>
            <Text className='ledger-form__hint'>{`任期开始：${startsOn} ▾`}</Text>
          </Picker>
          <FormError message={error} />
          <DjButton variant='secondary' loading={busy} onClick={() => void appoint()}>
            {picked ? `选派 ${picked.name} 为${OFFICER_ROLE_LABEL[role]}` : '选派'}
          </DjButton>
        </View>
      ) : null}
    </Card>
  );
}
