import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { getPdcaResults, pdcaResultsUrl } from '@/api/pdca';
import { Card, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { safeDecode } from '@/utils/qr';
import { pdcaTalkUrl, pdcaTaskUrl } from '../../routes';
import { TALK_TONE } from '../../tones';
import '../../pdca.scss';

/** 绩效考评 → 汇报党委 (K6): the ranking against the threshold, the 约谈 list, and the sheet and PDF that go upward. */
export default function PdcaResultsPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const query = useQuery(id, () => getPdcaResults(id ?? ''));
  useDidShow(() => void query.reload());
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()));
  if (!id) return <EmptyState title='未指定考评任务' />;
  const r = query.data;
  const reported = r?.plan.state === 'reported' || r?.plan.state === 'closed';

  return (
    <View className='page pdca'>
      <StateView loading={query.loading} error={query.error} ready={r !== undefined} onRetry={() => void query.reload()}>
        {r ? (
          <>
            <View className='pdca__toolbar'>
              <View className='pdca__row-main'>
                <Text className='pdca__row-title'>{`${r.plan.periodLabel} ${r.plan.title}`}</Text>
                <Text className='pdca__row-sub'>{`满分 ${r.plan.fullMarks} 分 · 约谈分数线 ${r.plan.threshold} 分 · ${r.plan.stateLabel}`}</Text>
              </View>
            </View>
            {!reported ? <Notice tone='info'>考评进行中：得分确定并汇报党委后可导出报表</Notice> : null}
            <View className='pdca__table' role='table' aria-label='考评结果'>
              <View className='pdca__tr pdca__tr--head' role='row'>
                <Text className='pdca__td'>名次</Text>
                <Text className='pdca__td pdca__td--name'>党支部</Text>
                {r.plan.rubric.map((i) => (
                  <Text key={i.key} className='pdca__td pdca__td--item'>{`${i.title}(${i.maxScore})`}</Text>
                ))}
                <Text className='pdca__td'>平均分</Text>
                <Text className='pdca__td'>约谈</Text>
              </View>
              {r.rows.map((x) => (
                <View
                  key={x.assignmentId}
                  className={`pdca__tr ${x.below ? 'pdca__tr--below' : ''}`}
                  role='row'
                  data-result={x.orgName}
                  onClick={() => void Taro.navigateTo({ url: pdcaTaskUrl(x.assignmentId) })}
                >
                  <Text className='pdca__td'>{x.rank ?? '—'}</Text>
                  <Text className='pdca__td pdca__td--name pdca__link'>{x.orgName}</Text>
                  {r.plan.rubric.map((i) => (
                    <Text key={i.key} className='pdca__td pdca__td--item'>
                      {x.items[i.key] ?? '—'}
                    </Text>
                  ))}
                  <Text className='pdca__td pdca__score'>{x.average ?? '—'}</Text>
                  <Text className='pdca__td'>{x.below ? '约谈' : ''}</Text>
                </View>
              ))}
            </View>
            <Card title={`约谈名单（${r.talks.length}）`}>
              {r.talks.length === 0 ? <Text className='pdca__hint'>{reported ? '没有低于分数线的支部' : '汇报后，低于分数线的支部列入约谈名单'}</Text> : null}
              {r.talks.map((t) => (
                <View key={t.id} className='pdca__item' data-talk={t.orgName} onClick={() => void Taro.navigateTo({ url: pdcaTalkUrl(t.id) })}>
                  <View className='pdca__item-head'>
                    <Text className='pdca__item-title pdca__link'>{`${t.orgName} · ${t.average} 分`}</Text>
                    <Tag tone={TALK_TONE[t.state]}>{t.stateLabel}</Tag>
                  </View>
                  {t.heldOn ? <Text className='pdca__hint'>{`${t.heldOn} · ${t.attendees ?? ''}`}</Text> : null}
                </View>
              ))}
            </Card>
            {reported ? (
              <View className='pdca__actions'>
                <DjButton variant='secondary' onClick={() => void pdcaResultsUrl(r.plan.id, 'xlsx').then((u) => openExternal(u, 'spreadsheet'))}>
                  导出 Excel
                </DjButton>
                <DjButton variant='secondary' onClick={() => void pdcaResultsUrl(r.plan.id, 'pdf').then((u) => openExternal(u, 'pdf'))}>
                  打印报告（PDF）
                </DjButton>
              </View>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
