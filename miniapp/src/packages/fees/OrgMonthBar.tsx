import { Picker, Text, View } from '@tarojs/components';
import { formatMonthCn } from '@dangjian/shared';
import { OrgSwitch } from '@/components/OrgSwitch';
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
      <OrgSwitch orgName={org.orgName} grants={grants} onPick={onOrg} className='fee-toolbar__org' switchClassName='fee-toolbar__picker' />
      {month && onMonth ? (
        <Picker mode='date' fields='month' value={`${month}-01`} onChange={(e) => onMonth(String(e.detail.value).slice(0, 7))}>
          <Text className='fee-toolbar__picker fee-month'>{formatMonthCn(month)} ▾</Text>
        </Picker>
      ) : null}
    </View>
  );
}
