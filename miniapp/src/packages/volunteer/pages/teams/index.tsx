import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listTeams } from '@/api/volunteer';
import { Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { teamOrgOptions } from '../../manage-orgs';
import '../../volunteer.scss';

/** Volunteer and rescue teams of my organisation and those above it (and those I run). */
export default function TeamsPage() {
  const q = useQuery('volunteer-teams', listTeams);
  useDidShow(() => void q.reload());
  const { me } = useMe();
  const items = q.data?.items ?? [];
  return (
    <View className='page vol'>
      {teamOrgOptions(me).length ? (
        <View className='vol__links'>
          <DjButton onClick={() => void Taro.navigateTo({ url: '/packages/volunteer/pages/team-new/index' })}>新建服务队</DjButton>
        </View>
      ) : null}
      <StateView
        loading={q.loading}
        error={q.error}
        ready={Boolean(q.data)}
        empty={Boolean(q.data) && !items.length}
        emptyTitle='暂无志愿服务队'
        onRetry={() => void q.reload()}
      >
        {items.map((t) => (
          <View
            key={t.id}
            className='vol__row'
            data-team={t.name}
            onClick={() => void Taro.navigateTo({ url: `/packages/volunteer/pages/team/index?id=${t.id}` })}
          >
            <Text className='vol__title'>{t.name}</Text>
            <Text className='vol__sub'>{`${t.orgName} · ${t.volunteerCount} 名队员${t.leaders.length ? ` · 队长 ${t.leaders.join('、')}` : ''}`}</Text>
            {t.description ? <Text className='vol__sub'>{t.description}</Text> : null}
            {t.canManage ? (
              <View className='vol__tags'>
                <Tag tone='gold'>我负责</Tag>
              </View>
            ) : null}
          </View>
        ))}
      </StateView>
    </View>
  );
}
