import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { FeeImportReport, FeeImportResult, FeeStandardPage } from '@dangjian/shared';
import { FEE_CATEGORY_LABEL, chinaMonth, formatMonthCn, yearOfMonth } from '@dangjian/shared';
import { generateBills, listStandards, standardsImportPath, standardsTemplateUrl } from '@/api/fees';
import { ApiError, toApiError } from '@/api/errors';
import { Card, Notice, Tag } from '@/components/Card';
import { ListFooter } from '@/components/ListFooter';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { pickAndUploadXlsx } from '@/platform/file-upload';
import { openExternal } from '@/platform/open';
import { Money } from '../../Money';
import { OrgMonthBar } from '../../OrgMonthBar';
import { feeStandardUrl } from '../../routes';
import { useFeeOrg } from '../../useFeeOrg';
import '../../fees.scss';

type Row = FeeStandardPage['items'][number];
const isReport = (b: unknown): b is FeeImportReport =>
  typeof b === 'object' && b !== null && (b as { ok?: unknown }).ok === false && Array.isArray((b as { errors?: unknown }).errors);

/** The fee worker: members' categories and bases for the year, this month's bills, and the .xlsx import. */
export default function FeeStandardsPage() {
  const { me, org, grants, setPicked, canManage } = useFeeOrg();
  const month = chinaMonth();
  const year = yearOfMonth(month);
  const [busy, setBusy] = useState<'generate' | 'import' | null>(null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'warning'; text: string } | null>(null);
  const [report, setReport] = useState<FeeImportReport | null>(null);
  const key = org ? JSON.stringify([org.orgId, year]) : null;
  const list = usePagedList<Row>(key, (page, pageSize) => listStandards({ orgId: org?.orgId ?? '', year, page, pageSize }));

  useListPageEvents(list);
  useDidShow(() => {
    if (list.items.length) void list.refresh();
  });

  if (!org) return <View className='page'>{me ? <EmptyState title='没有可管理的党费' description='您当前的角色不能查看党费' /> : <Loading />}</View>;

  const generate = async () => {
    const ok = await Taro.showModal({ title: '生成账单', content: `为 ${org.orgName} 生成${formatMonthCn(month)}党费账单？已生成的不会重复生成。` });
    if (!ok.confirm) return;
    setBusy('generate');
    setNotice(null);
    try {
      const r = await generateBills(org.orgId, month);
      const missing = r.missingStandard ? `，另有 ${r.missingStandard} 人未登记基数，暂未生成` : '';
      setNotice({ tone: r.missingStandard ? 'warning' : 'info', text: `${formatMonthCn(r.month)}：新生成 ${r.created} 张账单${missing}` });
    } catch (e) {
      setNotice({ tone: 'warning', text: e instanceof ApiError ? e.message : '生成失败，请稍后重试' });
    } finally {
      setBusy(null);
    }
  };

  const downloadTemplate = async () => {
    await openExternal(await standardsTemplateUrl(org.orgId, year), 'spreadsheet');
  };

  const importXlsx = async () => {
    setBusy('import');
    setNotice(null);
    setReport(null);
    try {
      const res = await pickAndUploadXlsx(standardsImportPath(org.orgId, year));
      if (!res) return;
      if (res.status >= 200 && res.status < 300) {
        const r = res.body as FeeImportResult;
        setNotice({ tone: 'info', text: `导入成功，已更新 ${r.updated} 名党员的${r.year}年党费基数` });
        await list.refresh();
      } else if (isReport(res.body)) {
        setReport(res.body);
      } else {
        setNotice({ tone: 'warning', text: toApiError(res.status, res.body).message });
      }
    } catch (e) {
      setNotice({ tone: 'warning', text: e instanceof ApiError ? e.message : '导入失败，请稍后重试' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className='page fee-standards'>
      <View className='fee-toolbar'>
        <OrgMonthBar org={org} grants={grants} onOrg={setPicked} />
        {canManage ? (
          <View className='fee-actions'>
            <Text className='fee-small-btn fee-small-btn--solid fee-generate' onClick={busy ? undefined : () => void generate()}>
              {busy === 'generate' ? '生成中…' : `生成${formatMonthCn(month)}账单`}
            </Text>
            <Text className='fee-small-btn' onClick={() => void downloadTemplate()}>
              下载导入模板
            </Text>
            <Text className='fee-small-btn fee-import' onClick={busy ? undefined : () => void importXlsx()}>
              {busy === 'import' ? '导入中…' : '导入基数(.xlsx)'}
            </Text>
          </View>
        ) : null}
      </View>
      <View className='fees-page'>
        {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
        {report ? (
          <Card title='导入未完成，未做任何修改' className='fee-import-report'>
            <Text className='fee-row__sub'>{report.message}</Text>
            {report.errors.map((err, i) => (
              <View key={i} className='fee-row'>
                <Text className='fee-row__title'>{`第 ${err.row} 行${err.column ? ` · ${err.column}` : ''}`}</Text>
                <Text className='fee-row__sub'>{err.message}</Text>
              </View>
            ))}
          </Card>
        ) : null}
        <StateView
          loading={list.loading}
          error={list.error}
          ready={list.items.length > 0 || (!list.loading && !list.error)}
          empty={list.items.length === 0}
          emptyTitle='暂无党员'
          emptyDescription='该组织下没有需要交纳党费的党员'
          onRetry={() => void list.refresh()}
        >
          <Card title={`${year}年党费标准`} extra={<Text className='dj-muted'>共 {list.total} 人</Text>}>
            {list.items.map((r) => (
              <View
                key={r.member.id}
                className='fee-row fee-standard-row'
                data-member={r.member.name}
                onClick={canManage ? () => void Taro.navigateTo({ url: feeStandardUrl(r.member.id, r.member.name, year) }) : undefined}
              >
                <View className='fee-row__main'>
                  <Text className='fee-row__title'>{r.member.name}</Text>
                  <Text className='fee-row__sub'>{r.standard ? FEE_CATEGORY_LABEL[r.standard.category] : r.member.orgName}</Text>
                </View>
                <View className='fee-row__side'>
                  {r.standard ? <Money fen={r.standard.monthlyFeeFen} /> : <Tag tone='warning'>未登记</Tag>}
                  {canManage ? <Text className='dj-muted'>›</Text> : null}
                </View>
              </View>
            ))}
          </Card>
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
        </StateView>
      </View>
    </View>
  );
}
