import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { VOLUNTEER_LIMITS, type VolunteerActivity } from '@dangjian/shared';
import { errorMessage, toApiError } from '@/api/errors';
import { activityPhotoPath, cancelActivity, saveActivityReport } from '@/api/volunteer';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { pickAndUpload } from '@/platform/file-upload';

const PHOTO_PICK = { contentTypes: ['image/jpeg', 'image/png', 'image/webp'], extensions: ['jpg', 'jpeg', 'png', 'webp'], source: 'media-image' } as const;

/**
 * What the activity's organisers do on its page: the rotating code and the roster, cancelling it before
 * it starts, and after the start the short report and up to nine photos (P4).
 */
export function Organiser({ a, onChanged }: { a: VolunteerActivity; onChanged: () => Promise<unknown> }) {
  const [report, setReport] = useState(a.report ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'report' | 'photo' | null>(null);
  const started = Date.now() >= Date.parse(a.startsAt);
  const ended = Date.now() > Date.parse(a.endsAt);

  const cancel = async () => {
    const ok = await Taro.showModal({ title: '取消活动', content: `取消“${a.title}”？已报名的志愿者将看到活动已取消。` });
    if (!ok.confirm) return;
    try {
      await cancelActivity(a.id);
      await onChanged();
      void Taro.showToast({ title: '活动已取消', icon: 'none' });
    } catch {
      // the client showed the server's message
    }
  };
  const saveReport = async () => {
    setBusy('report');
    setError(null);
    try {
      await saveActivityReport(a.id, { report });
      await onChanged();
      void Taro.showToast({ title: '总结已保存', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const addPhoto = async () => {
    setBusy('photo');
    setError(null);
    try {
      const r = await pickAndUpload(activityPhotoPath(a.id), PHOTO_PICK);
      if (r && (r.status < 200 || r.status >= 300)) throw toApiError(r.status, r.body);
      if (r) await onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title='组织者'>
      <View className='vol__actions'>
        <DjButton onClick={() => void Taro.navigateTo({ url: `/packages/volunteer/pages/code/index?id=${a.id}` })}>签到码</DjButton>
        <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: `/packages/volunteer/pages/roster/index?id=${a.id}` })}>
          报名名单与签到
        </DjButton>
        {!a.cancelled && !started ? (
          <DjButton variant='secondary' onClick={() => void cancel()}>
            取消活动
          </DjButton>
        ) : null}
      </View>
      {started && !a.cancelled ? (
        <>
          <Text className='vol__sub'>{ended ? '活动总结' : '活动总结（活动结束后也可补写）'}</Text>
          <Textarea
            className='vol__textarea'
            value={report}
            maxlength={VOLUNTEER_LIMITS.textMax}
            placeholder='简要记录服务内容、参与人数和成效'
            onInput={(e) => setReport(e.detail.value)}
          />
          <FormError message={error} />
          <View className='vol__actions'>
            <DjButton loading={busy === 'report'} disabled={!report.trim()} onClick={() => void saveReport()}>
              保存总结
            </DjButton>
            {a.photos.length < VOLUNTEER_LIMITS.photosMax ? (
              <DjButton variant='secondary' loading={busy === 'photo'} onClick={() => void addPhoto()}>
                {`上传照片（${a.photos.length}/${VOLUNTEER_LIMITS.photosMax}）`}
              </DjButton>
            ) : null}
          </View>
        </>
      ) : null}
    </Card>
  );
}
