import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { getLedgerEntry } from '@/api/ledger';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { COVERAGE_TONE, coverageLabel, gapText, names } from '../../labels';
import { ledgerEditUrl, visitNewUrl } from '../../routes';
import { Officers } from './Officers';
import '../../ledger.scss';

/** One enterprise of the ledger: its facts, computed coverage and gaps, officers, visits and history. */
export default function LedgerDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const entry = useQuery(id, () => getLedgerEntry(id!));
  useDidShow(() => {
    if (entry.data) void entry.reload();
  });
  const e = entry.data;
  return (
    <View className='page ledger'>
      <StateView loading={entry.loading} error={entry.error} ready={!!e} onRetry={() => void entry.reload()}>
        {e ? (
          <>
            <Card
              title={e.name}
              extra={
                e.canManage ? (
                  <Text className='ledger__link' onClick={() => void Taro.navigateTo({ url: ledgerEditUrl({ id: e.id }) })}>
                    编辑
                  </Text>
                ) : undefined
              }
            >
              <InfoRow label='统一社会信用代码' value={e.creditCode} />
              <InfoRow label='所属党委' value={e.committeeName} />
              <InfoRow label='行业' value={e.industry} />
              <InfoRow label='职工人数' value={e.employees === null ? null : String(e.employees)} />
              <InfoRow label='成立日期' value={e.foundedOn} />
              <InfoRow label='地址' value={e.address} />
              <InfoRow label='联系人' value={[e.contactName, e.contactPhone].filter(Boolean).join(' ')} />
              <InfoRow label='党员' value={`在册 ${e.rollMembers} 人（正式 ${e.rollFullMembers}）· 申报未转入 ${e.declaredMembers} 人`} />
              <InfoRow label='纳入台账' value={e.leftOn ? `${e.listedOn} 至 ${e.leftOn}（已注销/迁出）` : e.listedOn} />
              <InfoRow label='备注' value={e.notes} />
            </Card>
            <Card title='覆盖情况'>
              <InfoRow label='组织覆盖' value={<Tag tone={COVERAGE_TONE[e.coverage]}>{coverageLabel(e.coverage)}</Tag>} />
              <InfoRow label='覆盖的党组织' value={e.coveringOrgs.map((o) => o.name).join('、')} />
              <InfoRow label='党建指导员' value={names(e.instructors)} />
              <InfoRow label='驻企联络员' value={names(e.liaisons)} />
              {e.gaps.length ? <Notice>{`待解决：${gapText(e)}`}</Notice> : <Notice tone='info'>覆盖完整，本周期已走访</Notice>}
            </Card>
            <Officers entry={e} onChanged={() => void entry.reload()} />
            <Card
              title='走访记录'
              extra={
                e.canVisit ? (
                  <Text className='ledger__link' onClick={() => void Taro.navigateTo({ url: visitNewUrl(e.id) })}>
                    登记走访
                  </Text>
                ) : undefined
              }
            >
              {e.visits.length === 0 ? <Text className='ledger-list-item__text'>还没有走访记录</Text> : null}
              {e.visits.map((v) => (
                <View key={v.id} className='ledger-list-item'>
                  <Text className='ledger-list-item__title'>{`${v.visitedOn} · ${v.visitor.name}`}</Text>
                  <Text className='ledger-list-item__text'>{`见到：${v.peopleMet}`}</Text>
                  <Text className='ledger-list-item__text'>{`内容：${v.topics}`}</Text>
                  {v.problems ? <Text className='ledger-list-item__text'>{`问题：${v.problems}`}</Text> : null}
                  {v.followUps ? <Text className='ledger-list-item__text'>{`跟进：${v.followUps}`}</Text> : null}
                </View>
              ))}
            </Card>
            {e.history.length ? (
              <Card title='变更记录'>
                {e.history.map((h, i) => (
                  <View key={i} className='ledger-list-item'>
                    <Text className='ledger-list-item__title'>{`${h.at.slice(0, 10)} · ${h.byName} · ${{ create: '新建', edit: '修改', import: '导入' }[h.source]}`}</Text>
                    <Text className='ledger-list-item__text'>{h.changes.map((c) => `${c.label}：${c.from ?? '空'} → ${c.to ?? '空'}`).join('；')}</Text>
                  </View>
                ))}
              </Card>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
