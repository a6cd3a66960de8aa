import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Checkbox, Image, Text, Textarea, View } from '@tarojs/components';
import type { PdcaAssignment } from '@dangjian/shared';
import { listMeetings } from '@/api/meetings';
import { pdcaUploadPath, removePdcaFile, submitPdcaTask } from '@/api/pdca';
import { errorMessage } from '@/api/errors';
import { serverUrl } from '@/api/links';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import { pickAndUpload } from '@/platform/file-upload';
import { openExternal } from '@/platform/open';

const PHOTO = { contentTypes: ['image/jpeg', 'image/png', 'image/webp'], extensions: ['jpg', 'jpeg', 'png', 'webp'], source: 'media-image' } as const;
const FILE = {
  contentTypes: ['application/pdf', 'image/jpeg', 'image/png', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword'],
  extensions: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'jpg', 'jpeg', 'png'],
  source: 'chat-file',
} as const;

/** The photos and files of a task: thumbnails for photos, names for documents (opened in a tab / the document viewer). */
export function EvidenceFiles({ task, onRemove }: { task: PdcaAssignment; onRemove?: (fileId: string) => void }) {
  if (!task.files.length) return <Text className='pdca__hint'>暂无照片或文件</Text>;
  return (
    <View className='pdca__files'>
      {task.files.map((f) => (
        <View key={f.id} className='pdca__file' data-file={f.name}>
          {f.contentType.startsWith('image/') ? (
            <Image className='pdca__thumb' mode='aspectFill' src={serverUrl(f.url)} onClick={() => void Taro.previewImage({ urls: [serverUrl(f.url)] })} />
          ) : (
            <Text className='pdca__link' onClick={() => void openExternal(serverUrl(f.url), f.contentType === 'application/pdf' ? 'pdf' : 'page')}>
              {`📄 ${f.name}`}
            </Text>
          )}
          <Text className='pdca__file-name'>{f.name}</Text>
          {onRemove ? (
            <Text className='pdca__remove' onClick={() => onRemove(f.id)}>
              删除
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

/** 党支部落实 (K6): what the branch did, its meetings in the period, photos and files; then submit. */
export function TaskEvidence({ task, onChanged }: { task: PdcaAssignment; onChanged: (t?: PdcaAssignment) => void }) {
  const [summary, setSummary] = useState(task.summary ?? '');
  const [meetingIds, setMeetingIds] = useState<string[]>(task.links.map((l) => l.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const year = task.plan.dueOn.slice(0, 4);
  const meetings = useQuery(`pdca-meetings:${task.orgId}:${year}`, () =>
    listMeetings({ orgId: task.orgId, from: `${year}-01-01`, to: task.plan.dueOn, pageSize: 50 }, { toast: false }),
  );

  const upload = async (spec: typeof PHOTO | typeof FILE) => {
    setError(null);
    const r = await pickAndUpload(pdcaUploadPath(task.id), spec).catch(() => null);
    if (!r) return;
    if (r.status === 201) onChanged();
    else setError((r.body as { message?: string } | null)?.message ?? '上传失败');
  };
  const remove = async (fileId: string) => {
    try {
      await removePdcaFile(task.id, fileId);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await submitPdcaTask(task.id, { summary, meetingIds }));
      void Taro.showToast({ title: '已提交', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card title='落实情况'>
        <Textarea
          className='pdca__textarea'
          name='summary'
          value={summary}
          maxlength={4000}
          placeholder='写明支部做了什么、党员怎样参与、取得了什么成效（至少 10 个字）'
          onInput={(e) => setSummary(e.detail.value)}
        />
      </Card>
      <Card title={`关联会议（${meetingIds.length}）`}>
        {meetings.data?.items.length === 0 ? <Text className='pdca__hint'>本年度暂无会议记录</Text> : null}
        {meetings.data?.items.map((m) => (
          <View
            key={m.id}
            className='pdca__check'
            data-meeting={m.title}
            onClick={() => setMeetingIds((l) => (l.includes(m.id) ? l.filter((x) => x !== m.id) : [...l, m.id]))}
          >
            <Checkbox value={m.id} checked={meetingIds.includes(m.id)} />
            <Text>{`${m.startsAt.slice(0, 10)} ${m.title}`}</Text>
          </View>
        ))}
      </Card>
      <Card
        title='照片和文件'
        extra={
          <View className='pdca__item-head'>
            <Text className='pdca__link' onClick={() => void upload(PHOTO)}>
              + 照片
            </Text>
            <Text className='pdca__link' onClick={() => void upload(FILE)}>
              + 文件
            </Text>
          </View>
        }
      >
        <EvidenceFiles task={task} onRemove={(id) => void remove(id)} />
      </Card>
      <View className='pdca__actions'>
        <FormError message={error} />
        <DjButton loading={busy} onClick={() => void submit()}>
          {task.state === 'returned' ? '重新提交' : '提交落实情况'}
        </DjButton>
      </View>
    </>
  );
}
