import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PublishedRecord } from '@dangjian/shared';
import { BALLOT_MARK_LABEL } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { getRecord } from '@/api/vote';
import { Card, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { EmptyState, Loading } from '@/components/StateView';
import { safeDecode } from '@/utils/qr';
import type { KeptReceipt } from '../../ballot-form';
import { keptReceipts } from '../../routes';
import './index.scss';

/** Is this receipt among the published receipts? Receipts are compared without case or spaces. */
export const receiptIncluded = (record: Pick<PublishedRecord, 'receipts'>, receipt: string) => {
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  return record.receipts.some((r) => norm(r) === norm(receipt));
};

function RecordView({ boxId, receipt }: { boxId: string; receipt: string | null }) {
  const [record, setRecord] = useState<PublishedRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRecord(null);
    setError(null);
    getRecord(boxId).then(setRecord, (e: unknown) => setError(errorMessage(e)));
  }, [boxId]);
  if (error) return <Notice>{error}</Notice>;
  if (!record) return <Loading />;
  const found = receipt ? receiptIncluded(record, receipt) : null;
  return (
    <>
      {receipt ? (
        <View className={`receipt__verdict receipt__verdict--${found ? 'found' : 'missing'}`} data-found={found}>
          <Text className='receipt__verdict-title'>{found ? '您的选票已计入' : '未在公布的记录中找到该回执码'}</Text>
          <Text className='receipt__code'>{receipt}</Text>
        </View>
      ) : null}
      <Card title={record.title}>
        <Text className='receipt__line'>
          发出 {record.issued} · 收回 {record.collected} · 有效 {record.valid} · 无效 {record.invalid}
        </Text>
        <Text className='receipt__line'>记录摘要（监票人签字）：{record.digest}</Text>
        {record.signatures.length ? <Text className='receipt__line'>签字：{record.signatures.map((s) => s.name).join('、')}</Text> : null}
      </Card>
      <Card title={`全部回执码（${record.receipts.length}）`}>
        <View className='receipt__codes'>
          {record.receipts.map((r) => (
            <Text key={r} className={`receipt__chip ${receipt && r === receipt ? 'receipt__chip--mine' : ''}`}>
              {r}
            </Text>
          ))}
        </View>
      </Card>
      <Card title='全部选票内容（随机顺序）'>
        <BallotTable record={record} />
      </Card>
    </>
  );
}

/** The published ballots as a table: a column per candidate in ballot order (names above), a row per ballot. */
function BallotTable({ record }: { record: PublishedRecord }) {
  if (record.kind === 'motion') {
    return (
      <>
        {record.ballots.map((b, i) => (
          <Text key={i} className='receipt__ballot'>
            {b.motion ? BALLOT_MARK_LABEL[b.motion.choice] : ''}
            {b.valid ? '' : '（无效）'}
          </Text>
        ))}
      </>
    );
  }
  return (
    <View className='receipt__table'>
      <View className='receipt__tr receipt__tr--head'>
        <Text className='receipt__td receipt__td--no'>序号</Text>
        {record.candidates.map((c) => (
          <Text key={c.id} className='receipt__td'>
            {c.name}
          </Text>
        ))}
        <Text className='receipt__td receipt__td--wide'>另选</Text>
      </View>
      {record.ballots.map((b, i) => (
        <View key={i} className={`receipt__tr ${b.valid ? '' : 'receipt__tr--void'}`}>
          <Text className='receipt__td receipt__td--no'>{b.valid ? i + 1 : `${i + 1} 无效`}</Text>
          {record.candidates.map((c) => {
            const mark = b.election?.marks[c.id];
            return (
              <Text key={c.id} className='receipt__td'>
                {mark ? BALLOT_MARK_LABEL[mark] : '—'}
              </Text>
            );
          })}
          <Text className='receipt__td receipt__td--wide'>{b.election?.writeIns.map((w) => w.name).join('、') || '—'}</Text>
        </View>
      ))}
    </View>
  );
}

/** The member's receipts kept on the phone, and a check against the published record of a counted ballot box. */
export default function ReceiptPage() {
  const { params } = useRouter();
  const [selected, setSelected] = useState<{ boxId: string; receipt: string | null } | null>(() => {
    const box = safeDecode(params.box);
    return box ? { boxId: box, receipt: safeDecode(params.r) || null } : null;
  });
  const [kept] = useState<KeptReceipt[]>(keptReceipts);

  if (selected) {
    return (
      <View className='page receipt'>
        <RecordView boxId={selected.boxId} receipt={selected.receipt} />
      </View>
    );
  }
  return (
    <View className='page receipt'>
      {kept.length ? (
        kept.map((k) => (
          <Card key={`${k.boxId}:${k.receipt}`} title={k.title}>
            <Text className='receipt__code'>{k.receipt}</Text>
            <DjButton variant='secondary' onClick={() => setSelected({ boxId: k.boxId, receipt: k.receipt })}>
              在公布的记录中查找
            </DjButton>
          </Card>
        ))
      ) : (
        <EmptyState title='本机没有投票回执' description='投票后回执码会保存在这里' />
      )}
    </View>
  );
}
