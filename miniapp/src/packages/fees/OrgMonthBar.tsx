import { Picker, Text, View } from '@tarojs/components';
import { formatMonthCn } from '@dangjian/shared';
import type { RoleGrant } from '@dangjian/shared';
import type { FeeOrg } from './useFeeOrg';
import './fees.scss';

type Props = {
  org: FeeOrg;
  grants: RoleGrant[];
  onOrg: (org: FeeOrg) => void;
  month?: string;
  onMonth?: (month: string) => void;
};

/** The organisation (switchable when the person has several) and the month, atop the fee worker's pages. */
export function OrgMonthBar({ org, grants, onOrg, month, onMonth }: Props) {
  return (
    <View className='fee-toolbar__line'>
      {grants.length > 1 ? (
        <Picker
          mode='selector'
          range={grants.map((g) => g.orgName)}
          onChange={(e) => {
            const g = grants[Number(e.detail.value)];
            if (g) onOrg({ orgId: g.orgId, orgName: g.orgName });
          }}
        >
          <Text className='fee-toolbar__org fee-toolbar__picker'>{org.orgName} ▾</Text>
        </Picker>
      ) : (
        <Text className='fee-toolbar__org'>{org.orgName}</Text>
      )}
      {month && onMonth ? (
        <Picker mode='date' fields='month' value={`${month}-01`} onChange={(e) => onMonth(String(e.detail.value).slice(0, 7))}>
          <Text className='fee-toolbar__picker fee-month'>{formatMonthCn(month)} ▾</Text>
        </Picker>
      ) : null}
    </View>
  );
}
