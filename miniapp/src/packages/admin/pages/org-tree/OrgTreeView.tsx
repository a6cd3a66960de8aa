import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Organisation } from '@dangjian/shared';
import { ORG_KIND_LABEL } from '@dangjian/shared';
import { EmptyState } from '@/components/StateView';

type Node = { org: Organisation; children: Node[] };

/** The subtree's organisations (any order) as nested nodes under `rootId`. */
export function buildTree(rootId: string, orgs: readonly Organisation[]): Node[] {
  const byParent = new Map<string, Organisation[]>();
  for (const o of orgs) if (o.parentId) byParent.set(o.parentId, [...(byParent.get(o.parentId) ?? []), o]);
  const grow = (id: string): Node[] => (byParent.get(id) ?? []).map((org) => ({ org, children: grow(org.id) }));
  return grow(rootId);
}

const subtreeMembers = (n: Node): number => n.org.memberCount + n.children.reduce((s, c) => s + subtreeMembers(c), 0);

function Branch({ node, level, onOpen }: { node: Node; level: number; onOpen: (org: Organisation) => void }) {
  // The first two levels open by themselves; deeper ones on a tap of the triangle.
  const [open, setOpen] = useState(level < 1);
  const hasChildren = node.children.length > 0;
  return (
    <View className='org-node' data-org-id={node.org.id}>
      <View className='org-node__line' style={{ paddingLeft: `${level * 16}PX` }}>
        <Text className='org-node__toggle' onClick={hasChildren ? () => setOpen(!open) : undefined}>
          {hasChildren ? (open ? '▾' : '▸') : '·'}
        </Text>
        <View className='org-node__body' onClick={() => onOpen(node.org)}>
          <Text className='org-node__name'>{node.org.name}</Text>
          <Text className='org-node__sub'>{`${ORG_KIND_LABEL[node.org.kind]} · ${subtreeMembers(node)} 人${hasChildren ? ` · 下级 ${node.children.length} 个` : ''}`}</Text>
        </View>
      </View>
      {open ? node.children.map((c) => <Branch key={c.org.id} node={c} level={level + 1} onOpen={onOpen} />) : null}
    </View>
  );
}

/** 组织架构 as a tree (it was a flat list of children): fold a level open, tap a name to open that organisation. */
export function OrgTreeView({ rootId, orgs, onOpen }: { rootId: string; orgs: readonly Organisation[]; onOpen: (org: Organisation) => void }) {
  const tree = buildTree(rootId, orgs);
  if (!tree.length) return <EmptyState title='没有下级组织' />;
  return (
    <View className='org-tree-view'>
      {tree.map((n) => (
        <Branch key={n.org.id} node={n} level={0} onOpen={onOpen} />
      ))}
    </View>
  );
}
