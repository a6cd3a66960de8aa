import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Switch, Text, Textarea, View } from '@tarojs/components';
import {
  NOTICE_ATTACHMENT_TYPES,
  NOTICE_TARGET_LABEL,
  ROLE_LABEL,
  type CommitteePosition,
  type Member,
  type NoticeAttachment,
  type NoticeTargetKind,
  type Organisation,
} from '@dangjian/shared';
import { listMembers } from '@/api/members';
import { noticeUploadPath, publishNotice } from '@/api/notices';
import { listSubtree } from '@/api/orgs';
import { ApiError } from '@/api/errors';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { OrgSwitch } from '@/components/OrgSwitch';
import { SearchBar } from '@/components/SearchBar';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { pickAndUpload } from '@/platform/file-upload';
import { paragraphsToHtml } from '@/utils/rich-text';
import '../../notices.scss';

const POSITIONS: CommitteePosition[] = ['secretary', 'deputy_secretary', 'organisation_member', 'propaganda_member', 'discipline_member', 'group_leader'];

/**
 * 发布通知: to the organisation's whole subtree, one branch or 党小组 in it, holders of positions there,
 * or named members (searched by name); receipt, pin, attachments.
 */
export default function PublishNoticePage() {
  const { grants, org, setPicked } = useOrgChoice('notice.publish');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [requiresAck, setRequiresAck] = useState(true);
  const [pinned, setPinned] = useState(false);
  const [kind, setKind] = useState<NoticeTargetKind>('subtree');
  const [positions, setPositions] = useState<CommitteePosition[]>([]);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [targetOrg, setTargetOrg] = useState<Organisation | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Member[]>([]);
  const [picked, setPickedMembers] = useState<Array<Pick<Member, 'id' | 'name'>>>([]);
  const [files, setFiles] = useState<Array<Pick<NoticeAttachment, 'id' | 'name'>>>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The branches and 党小组 below the publishing organisation, for kind = organisation.
  const orgId = org?.orgId;
  useEffect(() => {
    setTargetOrg(null);
    setPickedMembers([]);
    if (orgId)
      void listSubtree(orgId).then(
        (p) => setOrgs(p.items.filter((o) => o.kind === 'branch' || o.kind === 'group')),
        () => setOrgs([]),
      );
  }, [orgId]);

  const search = async (q: string) => {
    if (!org || !q.trim()) return setFound([]);
    setFound((await listMembers({ orgId: org.orgId, q: q.trim(), pageSize: 20 }).catch(() => null))?.items ?? []);
  };
  const toggleMember = (m: Pick<Member, 'id' | 'name'>) =>
    setPickedMembers((ms) => (ms.some((x) => x.id === m.id) ? ms.filter((x) => x.id !== m.id) : [...ms, m]));

  const attach = async () => {
    if (!org) return;
    const r = await pickAndUpload(noticeUploadPath(org.orgId), {
      contentTypes: NOTICE_ATTACHMENT_TYPES,
      extensions: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'jpg', 'jpeg', 'png', 'webp'],
      source: 'chat-file',
    }).catch(() => null);
    if (!r) return;
    const b = r.body as { id?: string; name?: string; message?: string } | null;
    if (r.status === 201 && b?.id) setFiles((f) => [...f, { id: b.id!, name: b.name ?? '附件' }]);
    else setError(b?.message ?? '上传失败');
  };

  const submit = async () => {
    if (!org) return;
    if (!title.trim()) return setError('请填写标题');
    setBusy(true);
    setError(null);
    try {
      if (kind === 'organisation' && !targetOrg) return setError('请选择支部或党小组');
      if (kind === 'roles' && !positions.length) return setError('请选择至少一个职务');
      if (kind === 'members' && !picked.length) return setError('请选择至少一名党员');
      const target =
        kind === 'organisation'
          ? { kind, organisationId: targetOrg!.id }
          : kind === 'roles'
            ? { kind, organisationId: org.orgId, positions }
            : kind === 'members'
              ? { kind, organisationId: org.orgId, memberIds: picked.map((m) => m.id) }
              : { kind, organisationId: org.orgId };
      const n = await publishNotice({
        organisationId: org.orgId,
        title: title.trim(),
        bodyHtml: paragraphsToHtml(body),
        target,
        requiresAck,
        pinned,
        attachmentIds: files.map((f) => f.id),
      });
      void Taro.showToast({ title: '已发布', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/notices/pages/detail/index?id=${n.id}` });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '发布失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  if (!org)
    return (
      <View className='page notices'>
        <Text className='notices__sub'>您没有发布通知的权限</Text>
      </View>
    );
  return (
    <View className='page notices'>
      <Card title='发布组织'>
        <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='notices__sub' />
      </Card>
      <Card>
        <Field label='标题' name='title' value={title} onChange={setTitle} placeholder='通知标题' maxlength={100} />
        <Textarea className='notices__textarea' value={body} maxlength={5000} placeholder='通知正文' onInput={(e) => setBody(e.detail.value)} />
      </Card>
      <Card title='发送范围'>
        <View className='notices__tags'>
          {(['subtree', 'organisation', 'roles', 'members'] as const).map((k) => (
            <Text key={k} data-target={k} className={`dj-tag ${kind === k ? 'dj-tag--primary' : 'dj-tag--neutral'}`} onClick={() => setKind(k)}>
              {NOTICE_TARGET_LABEL[k]}
            </Text>
          ))}
        </View>
        {kind === 'subtree' ? <Text className='notices__sub'>{`${org.orgName}全体党员（含下级组织）`}</Text> : null}
        {kind === 'organisation' ? (
          <View className='notices__tags'>
            {orgs.length ? null : <Text className='notices__sub'>本组织下没有支部或党小组</Text>}
            {orgs.map((o) => (
              <Text key={o.id} className={`dj-tag ${targetOrg?.id === o.id ? 'dj-tag--primary' : 'dj-tag--neutral'}`} onClick={() => setTargetOrg(o)}>
                {o.name}
              </Text>
            ))}
          </View>
        ) : null}
        {kind === 'roles' ? (
          <View className='notices__tags'>
            {POSITIONS.map((p) => (
              <Text
                key={p}
                className={`dj-tag ${positions.includes(p) ? 'dj-tag--primary' : 'dj-tag--neutral'}`}
                onClick={() => setPositions((ps) => (ps.includes(p) ? ps.filter((x) => x !== p) : [...ps, p]))}
              >
                {ROLE_LABEL[p]}
              </Text>
            ))}
          </View>
        ) : null}
        {kind === 'members' ? (
          <>
            <SearchBar
              value={query}
              placeholder='输入姓名查找党员'
              onSearch={(q) => {
                setQuery(q);
                void search(q);
              }}
            />
            <View className='notices__tags'>
              {found.map((m) => (
                <Text
                  key={m.id}
                  className={`dj-tag ${picked.some((x) => x.id === m.id) ? 'dj-tag--primary' : 'dj-tag--neutral'}`}
                  onClick={() => toggleMember(m)}
                >
                  {`${m.name} · ${m.orgName}`}
                </Text>
              ))}
            </View>
            <Text className='notices__sub'>{picked.length ? `已选 ${picked.length} 人：${picked.map((m) => m.name).join('、')}` : '尚未选择党员'}</Text>
          </>
        ) : null}
      </Card>
      <Card>
        <View className='notices__option'>
          <Text>需要回执确认</Text>
          <Switch checked={requiresAck} onChange={(e) => setRequiresAck(e.detail.value)} />
        </View>
        <View className='notices__option'>
          <Text>置顶</Text>
          <Switch checked={pinned} onChange={(e) => setPinned(e.detail.value)} />
        </View>
        {files.map((f) => (
          <Text key={f.id} className='notices__file'>{`附件：${f.name}`}</Text>
        ))}
        <DjButton variant='plain' onClick={() => void attach()}>
          添加附件（PDF、Office 文件、图片）
        </DjButton>
      </Card>
      <FormError message={error} />
      <View className='notices__actions'>
        <DjButton loading={busy} onClick={() => void submit()}>
          发布
        </DjButton>
      </View>
    </View>
  );
}
