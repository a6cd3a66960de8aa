import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Picker, Text, Textarea, View } from '@tarojs/components';
import { NEWS_LIMITS } from '@dangjian/shared';
import { ApiError } from '@/api/errors';
import { listMeetings } from '@/api/meetings';
import { serverUrl } from '@/api/links';
import { createNews, getNews, updateNews } from '@/api/news';
import { noticeUploadPath } from '@/api/notices';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { OrgSwitch } from '@/components/OrgSwitch';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { pickAndUpload } from '@/platform/file-upload';
import { formatDate } from '@/utils/format';
import { htmlToParagraphs, paragraphsToHtml } from '@/utils/rich-text';
import '../../news.scss';

type Img = { id: string; url: string };
type MeetingRef = { id: string; title: string; startsAt: string };
const meetingLabel = (m: MeetingRef) => `${formatDate(m.startsAt)} ${m.title}`;
const IMAGE_PICK = { contentTypes: ['image/jpeg', 'image/png', 'image/webp'], extensions: ['jpg', 'jpeg', 'png', 'webp'], source: 'media-image' } as const;

/** 写动态 / 修改: title, cover, text and photos of a branch's activity; saved as a draft, submitted from the detail page. */
export default function NewsEditPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const { grants, org, setPicked } = useOrgChoice('notice.publish');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [cover, setCover] = useState<Img | null>(null);
  const [photos, setPhotos] = useState<Img[]>([]);
  const [meeting, setMeeting] = useState<MeetingRef | null>(null);
  const [orgName, setOrgName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!id) return;
    void getNews(id).then((n) => {
      setTitle(n.title);
      setBody(htmlToParagraphs(n.bodyHtml));
      setCover(n.coverImageId && n.coverUrl ? { id: n.coverImageId, url: n.coverUrl } : null);
      setPhotos(n.photos);
      setMeeting(n.meeting);
      setPicked({ orgId: n.organisationId, orgName: n.orgName });
      setOrgName(n.orgName);
    });
  }, [id, setPicked]);

  // The activity the news reports: the organisation's recent ended meetings (the API checks the subtree).
  const recent = useQuery(org ? `news-meetings-${org.orgId}` : null, () =>
    listMeetings({ orgId: org!.orgId, status: 'ended', pageSize: 20 }, { toast: false }),
  );
  const meetings: MeetingRef[] = recent.data?.items ?? [];
  const choices = meeting && !meetings.some((m) => m.id === meeting.id) ? [meeting, ...meetings] : meetings;

  const upload = async (): Promise<Img | null> => {
    if (!org) return null;
    const r = await pickAndUpload(noticeUploadPath(org.orgId), IMAGE_PICK).catch(() => null);
    if (!r) return null;
    const b = r.body as { id?: string; url?: string; message?: string } | null;
    if (r.status === 201 && b?.id && b.url) return { id: b.id, url: b.url };
    setError(b?.message ?? '上传失败');
    return null;
  };

  const save = async () => {
    if (!org) return;
    if (!title.trim()) return setError('请填写标题');
    setBusy(true);
    setError(null);
    try {
      const content = {
        title: title.trim(),
        bodyHtml: paragraphsToHtml(body),
        coverImageId: cover?.id ?? null,
        photoIds: photos.map((p) => p.id),
        meetingId: meeting?.id ?? null,
      };
      const n = id ? await updateNews(id, content) : await createNews({ organisationId: org.orgId, ...content });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/news/pages/detail/index?id=${n.id}` });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  if (!org)
    return (
      <View className='page news'>
        <Text className='news__sub'>您没有撰写党建动态的权限</Text>
      </View>
    );
  return (
    <View className='page news'>
      <Card title='撰写组织'>
        {id ? (
          <Text className='news__sub'>{orgName ?? org.orgName}</Text>
        ) : (
          <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='news__sub' />
        )}
      </Card>
      <Card>
        <Field label='标题' name='title' value={title} onChange={setTitle} placeholder='动态标题' maxlength={NEWS_LIMITS.titleMax} />
        <Textarea className='news__textarea' value={body} maxlength={5000} placeholder='活动情况' onInput={(e) => setBody(e.detail.value)} />
      </Card>
      <Card title='关联活动'>
        <Picker
          mode='selector'
          range={['不关联', ...choices.map(meetingLabel)]}
          value={meeting ? choices.findIndex((m) => m.id === meeting.id) + 1 : 0}
          onChange={(e) => setMeeting(choices[Number(e.detail.value) - 1] ?? null)}
        >
          <Text className='news-meeting'>{meeting ? `${meetingLabel(meeting)} ▾` : choices.length ? '选择已召开的会议 ▾' : '暂无已召开的会议'}</Text>
        </Picker>
      </Card>
      <Card title='封面与照片'>
        {cover ? <Image className='news__cover' src={serverUrl(cover.url)} mode='aspectFill' /> : null}
        <DjButton variant='plain' onClick={() => void upload().then((i) => i && setCover(i))}>
          {cover ? '更换封面' : '上传封面'}
        </DjButton>
        <View className='news__photos'>
          {photos.map((p) => (
            <Image
              key={p.id}
              className='news__photo'
              src={serverUrl(p.url)}
              mode='aspectFill'
              onClick={() => setPhotos((ps) => ps.filter((x) => x.id !== p.id))}
            />
          ))}
        </View>
        {photos.length < NEWS_LIMITS.photosMax ? (
          <DjButton variant='plain' onClick={() => void upload().then((i) => i && setPhotos((ps) => [...ps, i]))}>
            添加照片（点照片可移除）
          </DjButton>
        ) : null}
      </Card>
      <FormError message={error} />
      <View className='news__actions'>
        <DjButton loading={busy} onClick={() => void save()}>
          保存草稿
        </DjButton>
      </View>
    </View>
  );
}
