import { Text, View } from '@tarojs/components';
import type { MeetingType, OrgCompliance } from '@dangjian/shared';
import { MEETING_TYPE_LABEL } from '@dangjian/shared';

type Cell = { state: 'missing' | 'due' | 'met' | 'na'; text: string; /** With a yearly plan: held of planned ('开2/计4'). */ plan?: string };

/** One cell: the requirements of one meeting type of one branch (a branch's several 党小组 fold into one). */
function cellOf(org: OrgCompliance, type: MeetingType): Cell {
  const reqs = org.requirements.filter((r) => r.type === type && r.applicable);
  if (!reqs.length) return { state: 'na', text: '—' };
  const missing = reqs.reduce((n, r) => n + r.missing, 0);
  const buckets = reqs.flatMap((r) => r.buckets);
  const plan = org.plan ? `开${buckets.reduce((n, b) => n + b.held, 0)}/计${buckets.reduce((n, b) => n + (b.planned ?? 0), 0)}` : undefined;
  if (missing > 0) return { state: 'missing', text: `缺${missing}`, plan };
  if (buckets.some((b) => b.state === 'due')) return { state: 'due', text: '待开', plan };
  return { state: 'met', text: '达标', plan };
}

/**
 * C1 at a glance: a row per branch, a column per required meeting type, the cell says 缺 n, 待开 or 达标;
 * a row opens that branch's months (the detailed cards).
 */
export function ComplianceMatrix({ orgs, onOpen }: { orgs: OrgCompliance[]; onOpen: (orgId: string) => void }) {
  const types = [...new Set(orgs.flatMap((o) => o.requirements.filter((r) => r.applicable).map((r) => r.type)))];
  return (
    <View className='c-matrix'>
      <View className='c-matrix__row c-matrix__row--head'>
        <Text className='c-matrix__name'>支部</Text>
        {types.map((t) => (
          <Text key={t} className='c-matrix__cell c-matrix__cell--head'>
            {MEETING_TYPE_LABEL[t]}
          </Text>
        ))}
      </View>
      {orgs.map((o) => (
        <View key={o.orgId} className='c-matrix__row' data-org={o.orgId} onClick={() => onOpen(o.orgId)}>
          <Text className='c-matrix__name'>{o.name}</Text>
          {types.map((t) => {
            const c = cellOf(o, t);
            return (
              <View key={t} className={`c-matrix__cell c-matrix__cell--${c.state}`}>
                <Text>{c.text}</Text>
                {c.plan ? <Text className='c-matrix__plan'>{c.plan}</Text> : null}
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}
