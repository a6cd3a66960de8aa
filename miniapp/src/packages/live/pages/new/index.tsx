import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { CreateLiveClassSchema, LIVE_LIMITS, LIVE_STREAM_KIND_LABEL, type LiveStreamKind, type MemberRef, type StoredStudyFile } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { createLiveClass } from '@/api/live';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { PickerRow, TimeSlotRows } from '@/packages/admin/components/PickerRow';
import { MemberPicker } from '@/packages/meetings/components/MemberPicker';
import { pickStudyFile, uploadLimitText } from '@/packages/study/upload';
import { useMe } from '@/store/me';
import { chinaDateAndTime, chinaInstant } from '@/utils/format';
import { liveOrgOptions } from '../../manage-orgs';
import '../../live.scss';

const KINDS = (['hls', 'premiere'] as const).map((k) => ({ value: k, label: LIVE_STREAM_KIND_LABEL[k] }));

/**
 * Schedules a 红色直播间 class (study.manage): topic, time, the host (by default the next on the rota) and
 * the stream — a live HLS address, or an uploaded video premiered at the start time.
 */
export default function LiveNewPage() {
  const { me } = useMe();
  const orgs = liveOrgOptions(me);
  const tomorrow = chinaDateAndTime(new Date(Date.now() + 24 * 3600_000)).date;
  const [form, setForm] = useState({ orgId: '', topic: '', summary: '', date: tomorrow, start: '19:30', end: '20:30', streamUrl: '', minutes: '' });
  const [kind, setKind] = useState<LiveStreamKind>('hls');
  const [host, setHost] = useState<MemberRef | null>(null);
  const [video, setVideo] = useState<StoredStudyFile | null>(null);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState<'upload' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const orgId = form.orgId || orgs[0]?.value || '';

  const upload = async () => {
    setBusy('upload');
    setError(null);
    try {
      const f = await pickStudyFile('video', orgId || null);
      if (f) setVideo(f);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    const parsed = CreateLiveClassSchema.safeParse({
      orgId,
      topic: form.topic,
      summary: form.summary,
      startsAt: chinaInstant(form.date, form.start),
      endsAt: chinaInstant(form.date, form.end),
      hostMemberId: host?.id ?? null,
      streamKind: kind,
      streamUrl: kind === 'hls' ? form.streamUrl.trim() || null : null,
      videoFileId: kind === 'premiere' ? (video?.id ?? null) : null,
      videoDurationS: kind === 'premiere' && Number(form.minutes) > 0 ? Math.round(Number(form.minutes) * 60) : null,
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写的内容');
    setBusy('save');
    setError(null);
    try {
      const c = await createLiveClass(parsed.data);
      void Taro.showToast({ title: '直播课已安排', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/live/pages/room/index?id=${c.id}` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className='page live'>
      <Card title='直播课'>
        <PickerRow label='组织' name='org' mode='selector' options={orgs} value={orgId} placeholder='请选择' onChange={(v) => set({ orgId: v })} />
        <Field
          label='主题'
          name='topic'
          value={form.topic}
          maxlength={LIVE_LIMITS.topicMax}
          placeholder='例如：讲述红色故事'
          onChange={(topic) => set({ topic })}
        />
        <TimeSlotRows slot={form} onChange={set} />
        {/* Picking a member is a sheet, not a Picker: the row keeps PickerRow's look. */}
        <View className='dj-picker-row' onClick={() => setPicking(true)}>
          <Text className='dj-picker-row__label'>红色主播</Text>
          <Text className='dj-picker-row__value'>{host?.name ?? '按轮值表的下一位'}</Text>
          {host ? (
            <Text
              className='live__link'
              onClick={(e) => {
                e.stopPropagation();
                setHost(null);
              }}
            >
              改回轮值
            </Text>
          ) : (
            <Text className='dj-picker-row__arrow'>›</Text>
          )}
        </View>
        <Textarea
          className='live__textarea'
          value={form.summary}
          maxlength={LIVE_LIMITS.summaryMax}
          placeholder='内容简介（选填）'
          onInput={(e) => set({ summary: e.detail.value })}
        />
      </Card>
      <Card title='直播方式'>
        <PickerRow label='方式' name='kind' mode='selector' options={KINDS} value={kind} placeholder='请选择' onChange={(v) => setKind(v as LiveStreamKind)} />
        {kind === 'hls' ? (
          <Field
            label='直播地址'
            name='streamUrl'
            value={form.streamUrl}
            maxlength={500}
            placeholder='https://…/live.m3u8'
            onChange={(streamUrl) => set({ streamUrl })}
          />
        ) : (
          <>
            <Text className='live__sub'>
              {video ? `已上传视频（${Math.round(video.sizeBytes / 1024 / 1024)} MB）` : `上传视频：${uploadLimitText('video')}`}
            </Text>
            <View className='live__actions'>
              <DjButton variant='secondary' loading={busy === 'upload'} onClick={() => void upload()}>
                {video ? '重新上传' : '上传视频'}
              </DjButton>
            </View>
            <Field
              label='视频时长（分钟）'
              name='minutes'
              type='number'
              value={form.minutes}
              maxlength={4}
              placeholder='例如 45'
              onChange={(minutes) => set({ minutes })}
            />
          </>
        )}
        <FormError message={error} />
        <DjButton loading={busy === 'save'} onClick={() => void submit()}>
          安排直播课
        </DjButton>
      </Card>
      {orgId ? <MemberPicker open={picking} title='选择红色主播' orgId={orgId} onPick={setHost} onClose={() => setPicking(false)} /> : null}
    </View>
  );
}
