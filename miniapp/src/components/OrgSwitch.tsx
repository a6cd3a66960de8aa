import { Picker, Text } from '@tarojs/components';
import type { RoleGrant } from '@dangjian/shared';

type Props = {
  orgName: string;
  grants: Pick<RoleGrant, 'orgId' | 'orgName'>[];
  onPick: (org: { orgId: string; orgName: string }) => void;
  className: string;
  /** Added when there is something to switch to (the name then opens a picker, marked ▾). */
  switchClassName?: string;
};

/** The organisation's name atop a desk page; a picker of the person's organisations when there are several. */
export function OrgSwitch({ orgName, grants, onPick, className, switchClassName }: Props) {
  if (grants.length < 2) return <Text className={className}>{orgName}</Text>;
  return (
    <Picker
      mode='selector'
      range={grants.map((g) => g.orgName)}
      onChange={(e) => {
        const g = grants[Number(e.detail.value)];
        if (g) onPick({ orgId: g.orgId, orgName: g.orgName });
      }}
    >
      <Text className={switchClassName ? `${className} ${switchClassName}` : className}>{`${orgName} ▾`}</Text>
    </Picker>
  );
}
