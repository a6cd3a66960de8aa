import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { EnterpriseContact } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { listContacts, revokeContact } from '@/api/requests';
import { Card, Notice } from '@/components/Card';
import { FormError } from '@/components/Field';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDate } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { AppointContact } from './Appoint';
import '../../requests.scss';

function ContactRow({ c, onRevoke }: { c: EnterpriseContact; onRevoke?: () => void }) {
  return (
    <View className='requests__contact'>
      <View className='requests__row-text'>
        <Text className='requests__contact-name'>{`${c.enterprise.name} · ${c.user.name}`}</Text>
        <Text className='requests__sub'>
          {c.revokedAt ? `${formatDate(c.appointedAt)} 指定，${formatDate(c.revokedAt)} 撤销` : `${formatDate(c.appointedAt)} 指定`}
        </Text>
      </View>
      {onRevoke ? (
        <Text className='requests__link' onClick={onRevoke}>
          撤销
        </Text>
      ) : null}
    </View>
  );
}

/**
 * 企业联系人: the accounts that speak for the committee's enterprises (they file and follow their
 * enterprise's requests and see nothing else). Appointed and revoked by the committee; a revoked one
 * stays listed (it is never deleted, and keeps seeing the requests it filed itself).
 */
export default function EnterpriseContactsPage() {
  const { params } = useRouter();
  const committeeId = safeDecode(params.committeeId) || null;
  const list = useQuery(committeeId, () => listContacts(committeeId ?? ''));
  const [error, setError] = useState<string | null>(null);
  if (!committeeId) return <EmptyState title='未指定党委' description='请从企业服务进入' />;
  const items = list.data?.items ?? [];
  const live = items.filter((c) => !c.revokedAt);
  const revoked = items.filter((c) => c.revokedAt);

  const revoke = async (c: EnterpriseContact) => {
    const { confirm } = await Taro.showModal({
      title: '撤销联系人',
      content: `撤销后${c.user.name}不能再代表${c.enterprise.name}提交和查看诉求（本人提交过的仍可查看）。`,
      confirmText: '撤销',
    });
    if (!confirm) return;
    setError(null);
    try {
      await revokeContact(c.id);
      await list.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <View className='page requests'>
      <Notice tone='info'>企业联系人代表企业提交和跟进诉求，可看到本企业的全部诉求，看不到其他企业的。</Notice>
      <StateView loading={list.loading} error={list.error} ready={list.data !== undefined} onRetry={() => void list.reload()}>
        <Card title={`在任联系人（${live.length}）`}>
          {live.length === 0 ? <Text className='requests__sub'>尚未指定企业联系人</Text> : null}
          {live.map((c) => (
            <ContactRow key={c.id} c={c} onRevoke={() => void revoke(c)} />
          ))}
          <FormError message={error} />
        </Card>
        <AppointContact committeeId={committeeId} onDone={() => void list.reload()} />
        {revoked.length > 0 ? (
          <Card title={`已撤销（${revoked.length}）`}>
            {revoked.map((c) => (
              <ContactRow key={c.id} c={c} />
            ))}
          </Card>
        ) : null}
      </StateView>
    </View>
  );
}
