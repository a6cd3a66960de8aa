import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AccountList, LedgerEntry } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { listLedger } from '@/api/ledger';
import { appointContact, searchAccounts } from '@/api/requests';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { SearchBar } from '@/components/SearchBar';

type Person = AccountList['items'][number];

/** Appoint an account (member or staff) as the contact of an enterprise in the committee's ledger. */
export function AppointContact({ committeeId, onDone }: { committeeId: string; onDone: () => void }) {
  const [enterprises, setEnterprises] = useState<LedgerEntry[] | null>(null);
  const [enterprise, setEnterprise] = useState<LedgerEntry | null>(null);
  const [accounts, setAccounts] = useState<Person[] | null>(null);
  const [account, setAccount] = useState<Person | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const find = async <T,>(q: string, load: () => Promise<T[]>, set: (x: T[] | null) => void) => {
    setError(null);
    if (!q) return set(null);
    try {
      set(await load());
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const appoint = async () => {
    if (!enterprise || !account) return;
    setBusy(true);
    setError(null);
    try {
      await appointContact({ committeeId, enterpriseId: enterprise.id, userId: account.userId });
      void Taro.showToast({ title: '已指定', icon: 'success' });
      setAccount(null);
      setAccounts(null);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title='指定联系人'>
      <Text className='requests__sub'>1. 选择企业（本党委企业台账中的企业）</Text>
      <SearchBar
        value=''
        placeholder='企业名称或信用代码'
        onSearch={(q) => void find(q, async () => (await listLedger({ committeeId, q, pageSize: 10 })).items, setEnterprises)}
      />
      {enterprises?.length === 0 ? <Text className='requests__sub'>台账中没有这家企业</Text> : null}
      <View className='requests__chips'>
        {(enterprises ?? []).map((e) => (
          <Text key={e.id} className={`requests__chip ${enterprise?.id === e.id ? 'requests__chip--on' : ''}`} onClick={() => setEnterprise(e)}>
            {e.name}
          </Text>
        ))}
      </View>
      <Text className='requests__sub'>2. 选择账号（党员或工作人员）</Text>
      <SearchBar value='' placeholder='输入姓名查找' onSearch={(q) => void find(q, async () => (await searchAccounts(committeeId, q)).items, setAccounts)} />
      {accounts?.length === 0 ? <Text className='requests__sub'>没有找到，请换个名字</Text> : null}
      <View className='requests__chips'>
        {(accounts ?? []).map((a) => (
          <Text key={a.userId} className={`requests__chip ${account?.userId === a.userId ? 'requests__chip--on' : ''}`} onClick={() => setAccount(a)}>
            {a.name}
          </Text>
        ))}
      </View>
      <FormError message={error} />
      {/* No spinner: Taro H5's button draws it itself, and its label changing in the same render breaks the DOM. */}
      <DjButton disabled={busy || !enterprise || !account} onClick={() => void appoint()}>
        {enterprise && account ? `指定${account.name}为${enterprise.name}的联系人` : '指定联系人'}
      </DjButton>
    </Card>
  );
}
