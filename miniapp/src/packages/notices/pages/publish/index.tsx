import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Switch, Text, Textarea, View } from '@tarojs/components';
import { NOTICE_ATTACHMENT_TYPES, ROLE_LABEL, type CommitteePosition, type NoticeAttachment } from '@dangjian/shared';
import { noticeUploadPath, publishNotice } from '@/api/notices';
import { ApiError } from '@/api/errors';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { OrgSwitch } from '@/components/OrgSwitch';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { pickAndUpload } from '@/platform/file-upload';
import '../../notices.scss';

const POSITIONS: CommitteePosition[] = ['secretary', 'deputy_secretary', 'organisation_member', 'propaganda_member', 'discipline_member', 'group_leader'];
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Plain paragraphs become <p>; the server sanitises whatever arrives. */
const toHtml = (text: string) =>
  text
    .split(/\n+/)
    .filter((l) => l.trim())
    .map((l) => `<p>${escape(l)}</p>`)
    .join('');

/** 发布通知: to the organisation's whole subtree or to holders of positions there; receipt, pin, attachments. */
export default function PublishNoticePage() {
  const { grants, org, setPicked } = useOrgChoice('notice.publish');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [requiresAck, setRequiresAck] = useState(true);
  const [pinned, setPinned] = useState(false);
  const [positions, setPositions] = useState<CommitteePosition[]>([]);
  const [files, setFiles] = useState<Array<Pick<NoticeAttachment, 'id' | 'name'>>>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
      const target = positions.length
        ? { kind: 'roles' as const, organisationId: org.orgId, positions }
        : { kind: 'subtree' as const, organisationId: org.orgId };
      const n = await publishNotice({
        organisationId: org.orgId,
        title: title.trim(),
        bodyHtml: toHtml(body),
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
        <Text className='notices__sub'>{positions.length ? `${org.orgName}范围内担任所选职务的同志` : `${org.orgName}全体党员（含下级组织）`}</Text>
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
