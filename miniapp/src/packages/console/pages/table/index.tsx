import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { EmptyState, ErrorState, Loading } from '@/components/StateView';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { ConsoleLayout } from '../../components/ConsoleLayout';
import { DataTable } from '../../components/DataTable';
import { LOAD_CAP, TABLES, isTableKind, type TableDef } from '../../tables';

/** One of the console's lists (`?kind=members|meetings|fees|transfers|study|notices|ledger|indexes|enterprises|pdca`) in the data table. */
export default function ConsoleTablePage() {
  const { params } = useRouter();
  const kind = isTableKind(params.kind) ? params.kind : 'members';
  // Each definition is typed by its row; the table only passes rows back to the same definition.
  const def = TABLES[kind] as TableDef<unknown>;
  const { me, grants, org, setPicked } = useOrgChoice(def.permission);
  const rows = useQuery(org ? `${kind}:${org.orgId}` : null, () => def.load(org!));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: def.title });
  }, [def.title]);

  const body = () => {
    if (me && !org) return <EmptyState title='没有可查看的数据' description='您在任何组织都没有查看这份名单的权限' />;
    if (rows.error) return <ErrorState message={rows.error.message} onRetry={() => void rows.reload()} />;
    if (!rows.data) return <Loading />;
    return (
      <DataTable
        tableId={kind}
        rows={rows.data.rows}
        rowKey={(r) => def.rowKey(r)}
        columns={def.columns}
        filters={def.filters}
        bulkActions={def.bulk}
        exports={org && def.exports ? def.exports(org) : []}
        onOpen={def.open ? (r) => void Taro.navigateTo({ url: def.open!(r) }) : undefined}
        note={rows.data.truncated ? `只载入了前 ${LOAD_CAP} 条；请导出或在手机页面按条件查找其余记录` : null}
      />
    );
  };

  return (
    <ConsoleLayout active={kind} title={def.title} org={org ? { current: org, grants, pick: setPicked } : null}>
      {body()}
    </ConsoleLayout>
  );
}
