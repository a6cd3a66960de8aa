import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { LedgerImportResult, MemberImportReport } from '@dangjian/shared';
import { ApiError, toApiError } from '@/api/errors';
import { ledgerImportPath, ledgerTemplateUrl } from '@/api/ledger';
import { Card, Notice, Tag } from '@/components/Card';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { pickAndUploadXlsx } from '@/platform/file-upload';
import { openExternal } from '@/platform/open';
import '../../ledger.scss';

const OUTCOME_LABEL: Record<LedgerImportResult['rows'][number]['outcome'], string> = { created: '新增', updated: '更新', unchanged: '无变化' };
const isReport = (b: unknown): b is MemberImportReport =>
  typeof b === 'object' && b !== null && (b as { ok?: unknown }).ok === false && Array.isArray((b as { errors?: unknown }).errors);

/**
 * A 摸排 spreadsheet into the committee's ledger (K1): check first, then import; rows are matched by
 * 统一社会信用代码 (new → added, known → updated), any bad row stops the whole file, and the report
 * says row by row what happened or what is wrong.
 */
export default function LedgerImportPage() {
  const { org } = useOrgChoice('ledger.manage');
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'warning'; text: string } | null>(null);
  const [result, setResult] = useState<LedgerImportResult | null>(null);
  const [report, setReport] = useState<MemberImportReport | null>(null);

  const upload = async (dryRun: boolean) => {
    if (!org) return;
    setBusy(dryRun ? 'check' : 'import');
    setNotice(null);
    setReport(null);
    setResult(null);
    try {
      const res = await pickAndUploadXlsx(ledgerImportPath(org.orgId, dryRun));
      if (!res) return;
      if (res.status >= 200 && res.status < 300) {
        const r = res.body as LedgerImportResult;
        const counts = `新增 ${r.created} 家，更新 ${r.updated} 家，无变化 ${r.unchanged} 家`;
        setNotice({ tone: 'info', text: r.dryRun ? `检查通过：${counts}（尚未导入）` : `导入成功：${counts}` });
        setResult(r);
      } else if (isReport(res.body)) setReport(res.body);
      else setNotice({ tone: 'warning', text: toApiError(res.status, res.body).message });
    } catch (e) {
      setNotice({ tone: 'warning', text: e instanceof ApiError ? e.message : '导入失败，请稍后重试' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className='page ledger ledger-import'>
      <Card title={`导入企业台账${org ? ` · ${org.orgName}` : ''}`}>
        <Text className='ledger-form__hint'>1. 下载模板，每行一家企业：企业名称、统一社会信用代码必填，其余选填。导出的台账也可直接修改后导入。</Text>
        <Text className='ledger-form__hint'>
          2. 先“检查文件”，无误后再“导入”。按统一社会信用代码匹配：新代码新增，已有代码更新；任何一行有错误时整个文件都不会导入。
        </Text>
        <View className='ledger__actions'>
          <Text className='ledger__link' onClick={() => void ledgerTemplateUrl().then((u) => openExternal(u, 'spreadsheet'))}>
            下载导入模板
          </Text>
          <Text className='ledger__link ledger-import__check' onClick={busy ? undefined : () => void upload(true)}>
            {busy === 'check' ? '检查中…' : '检查文件'}
          </Text>
          <Text className='ledger__link ledger-import__run' onClick={busy ? undefined : () => void upload(false)}>
            {busy === 'import' ? '导入中…' : '导入(.xlsx)'}
          </Text>
        </View>
      </Card>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {report ? (
        <Card title='未导入，未做任何修改' className='ledger-import__report'>
          <Notice tone='warning'>{report.message}</Notice>
          {report.errors.map((err, i) => (
            <View key={i} className='ledger-list-item'>
              <Text className='ledger-list-item__title'>{`第 ${err.row} 行${err.column ? ` · ${err.column}` : ''}`}</Text>
              <Text className='ledger-list-item__text'>{err.message}</Text>
            </View>
          ))}
        </Card>
      ) : null}
      {result ? (
        <Card title='逐行结果' className='ledger-import__rows'>
          {result.rows.slice(0, 200).map((r) => (
            <View key={r.row} className='ledger-list-item'>
              <Text className='ledger-list-item__title'>
                {`第 ${r.row} 行 · ${r.name} `}
                <Tag tone={r.outcome === 'created' ? 'success' : r.outcome === 'updated' ? 'gold' : 'neutral'}>{OUTCOME_LABEL[r.outcome]}</Tag>
              </Text>
            </View>
          ))}
          {result.rows.length > 200 ? <Text className='ledger-list-item__text'>{`仅列出前 200 行，共 ${result.rows.length} 行`}</Text> : null}
        </Card>
      ) : null}
    </View>
  );
}
