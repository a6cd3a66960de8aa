import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listRequests, requestContext } from '@/api/requests';
import { Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { RequestRow } from '../../RequestRow';
import { contactsUrl, manageUrl, NEW_REQUEST_URL, servicesUrl, temporaryUrl } from '../../routes';
import '../../requests.scss';

type Scope = 'mine' | 'handling' | 'committee';

/** 企业服务: my requests, the ones my department handles, the committee's queue (overdue first filter); filing and the catalogue. */
export default function MyRequestsPage() {
  const ctx = useQuery('ctx', requestContext);
  const [scope, setScope] = useState<Scope>('mine');
  const [overdue, setOverdue] = useState(false);
  const list = useQuery(`${scope}:${overdue}`, () => listRequests({ scope, overdue: scope === 'committee' && overdue ? 'true' : undefined, pageSize: 50 }));
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  useDidShow(() => {
    if (list.data) void list.reload();
  });
  const c = ctx.data;
  const managed = c?.managedCommittees[0] ?? null;
  const committee = c?.contacts[0]?.committee ?? c?.memberCommittee ?? c?.managedCommittees[0] ?? null;
  const tabs: Array<[Scope, string]> = [['mine', '我提交的']];
  if (c?.departments.length) tabs.push(['handling', '我承办的']);
  if (c?.managedCommittees.length) tabs.push(['committee', '党委受理']);
  const items = list.data?.items ?? [];

  return (
    <View className='page requests'>
      <Notice tone='info'>企业遇到的困难可在这里提出，党委分派到相关部门办理，办结后请确认并评价。</Notice>
      <View className='requests__actions'>
        <DjButton onClick={() => void Taro.navigateTo({ url: NEW_REQUEST_URL })}>提交诉求</DjButton>
        {committee ? (
          <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: servicesUrl(committee.id) })}>
            服务目录与会议室
          </DjButton>
        ) : null}
        {managed ? (
          <>
            <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: manageUrl(managed.id) })}>
              统计与部门设置
            </DjButton>
            <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: contactsUrl(managed.id) })}>
              企业联系人
            </DjButton>
            <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: temporaryUrl(managed.id) })}>
              临时党支部
            </DjButton>
          </>
        ) : null}
      </View>
      {tabs.length > 1 ? (
        <View className='requests__tabs'>
          {tabs.map(([key, label]) => (
            <Text key={key} className={`requests__tab ${scope === key ? 'requests__tab--on' : ''}`} onClick={() => setScope(key)}>
              {label}
            </Text>
          ))}
        </View>
      ) : null}
      {scope === 'committee' ? (
        <View className='requests__chips' style={{ margin: '0 16px' }}>
          <Text className={`requests__chip ${overdue ? '' : 'requests__chip--on'}`} onClick={() => setOverdue(false)}>
            全部
          </Text>
          <Text className={`requests__chip ${overdue ? 'requests__chip--on' : ''}`} onClick={() => setOverdue(true)}>
            超期督办
          </Text>
        </View>
      ) : null}
      <StateView
        loading={list.loading}
        error={list.error}
        ready={list.data !== undefined}
        empty={items.length === 0}
        emptyTitle='暂无诉求'
        emptyDescription='提交和办理的诉求会显示在这里'
        onRetry={() => void list.reload()}
      >
        {items.map((r) => (
          <RequestRow key={r.id} r={r} />
        ))}
      </StateView>
    </View>
  );
}
