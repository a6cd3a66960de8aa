import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { OrgImportReport, OrgImportResult } from '@dangjian/shared';
import { orgExportUrl, orgImportPath, orgImportTemplateUrl } from '@/api/orgs';
import { ApiError, toApiError } from '@/api/errors';
import { Card, Notice } from '@/components/Card';
import { pickAndUploadXlsx } from '@/platform/file-upload';
import { openExternal } from '@/platform/open';
import './index.scss';

const download = async (url: Promise<string>) => openExternal(await url, 'spreadsheet');

const isReport = (b: unknown): b is OrgImportReport =>
  typeof b === 'object' && b !== null && (b as { ok?: unknown }).ok === false && Array.isArray((b as { errors?: unknown }).errors);

/**
 * The administrator's console page for a park's 摸排 ledger (issue 11): download the template, check
 * or import the filled-in .xlsx (all or nothing, with a row-by-row report), export the tree.
 */
export default function OrgImportPage() {
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'warning'; text: string } | null>(null);
  const [report, setReport] = useState<OrgImportReport | null>(null);

  const upload = async (dryRun: boolean) => {
    setBusy(dryRun ? 'check' : 'import');
    setNotice(null);
    setReport(null);
    try {
      const res = await pickAndUploadXlsx(orgImportPath(dryRun));
      if (!res) return;
      if (res.status >= 200 && res.status < 300) {
        const r = res.body as OrgImportResult;
        const firms = r.enterprisesCreated ? `，新建企业 ${r.enterprisesCreated} 家` : '';
        setNotice({ tone: 'info', text: r.dryRun ? `检查通过：可导入 ${r.created} 个组织${firms}（尚未导入）` : `导入成功：新建 ${r.created} 个组织${firms}` });
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
    <View className='page org-import'>
      <Card title='批量建立组织架构'>
        <Text className='org-import__steps'>1. 下载导入模板，按“说明”页填写：组织名称、组织类型、上级组织、联合党组织、关联企业、书记。</Text>
        <Text className='org-import__steps'>2. 先“检查文件”，无误后再“导入”。任何一行有错误时，整个文件都不会导入。</Text>
        <View className='org-import__actions'>
          <Text className='org-import__btn' onClick={() => void download(orgImportTemplateUrl())}>
            下载导入模板
          </Text>
          <Text className='org-import__btn org-import__check' onClick={busy ? undefined : () => void upload(true)}>
            {busy === 'check' ? '检查中…' : '检查文件'}
          </Text>
          <Text className='org-import__btn org-import__btn--solid org-import__import' onClick={busy ? undefined : () => void upload(false)}>
            {busy === 'import' ? '导入中…' : '导入(.xlsx)'}
          </Text>
          <Text className='org-import__btn' onClick={() => void download(orgExportUrl())}>
            导出组织架构
          </Text>
        </View>
      </Card>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {report ? (
        <Card title='未导入，未做任何修改' className='org-import__report'>
          <Notice tone='warning'>{report.message}</Notice>
          {report.errors.map((err, i) => (
            <View key={i} className='org-import__error'>
              <Text className='org-import__error-where'>{`第 ${err.row} 行${err.column ? ` · ${err.column}` : ''}`}</Text>
              <Text className='org-import__error-text'>{err.message}</Text>
            </View>
          ))}
        </Card>
      ) : null}
    </View>
  );
}
