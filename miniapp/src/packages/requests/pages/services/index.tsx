import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { getCatalogue } from '@/api/requests';
import { Card, InfoRow, Tag } from '@/components/Card';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { CatalogueEditor } from './CatalogueEditor';
import { RoomBooking } from './RoomBooking';
import '../../requests.scss';

/** The committee's 服务目录 (政策, 红色服务通道) and the 党群服务中心's rooms to book; the committee keeps both here. */
export default function ServicesPage() {
  const { params } = useRouter();
  const committeeId = safeDecode(params.committeeId) || null;
  const cat = useQuery(committeeId, () => getCatalogue(committeeId ?? ''));
  if (!committeeId) return <EmptyState title='未指定党委' description='请从企业服务进入' />;
  const c = cat.data;
  return (
    <View className='page requests'>
      <StateView loading={cat.loading} error={cat.error} ready={c !== undefined} onRetry={() => void cat.reload()}>
        {c ? (
          <>
            {c.items.map((i) => (
              <Card key={i.id} title={i.title} extra={<Tag tone={i.kind === 'channel' ? 'primary' : 'gold'}>{i.kindLabel}</Tag>}>
                {i.body ? <Text className='requests__step-text'>{i.body}</Text> : null}
                {i.contact ? <InfoRow label='联系' value={i.contact} /> : null}
                {!i.published ? <InfoRow label='状态' value='未发布' /> : null}
              </Card>
            ))}
            {c.rooms
              .filter((r) => r.active)
              .map((r) => (
                <RoomBooking key={r.id} room={r} />
              ))}
            {c.items.length === 0 && c.rooms.length === 0 ? <EmptyState title='暂无服务事项' description={`${c.committee.name}尚未发布服务目录`} /> : null}
            {c.canManage ? <CatalogueEditor catalogue={c} onSaved={() => void cat.reload()} /> : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
