import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { LiveClass, StoredStudyFile } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { closeLiveClass } from '@/api/live';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { pickStudyFile, uploadLimitText } from '@/packages/study/upload';

/**
 * The organiser closes a class after its end: a live stream's recording is uploaded and kept as a lesson
 * of the class's course (a premiere's video is kept already), and the host gets their points once members
 * attended (P3, 红色主播).
 */
export function ClosePanel({ c, onClosed }: { c: LiveClass; onClosed: () => Promise<unknown> }) {
  const [video, setVideo] = useState<StoredStudyFile | null>(null);
  const [minutes, setMinutes] = useState('');
  const [busy, setBusy] = useState<'upload' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const needsRecording = c.streamKind === 'hls' && !c.recordingLessonId;
  if (!needsRecording && c.hostPointsAwarded) return null;

  const upload = async () => {
    setBusy('upload');
    setError(null);
    try {
      const f = await pickStudyFile('video', c.orgId);
      if (f) setVideo(f);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const close = async () => {
    if (video && !(Number(minutes) > 0)) return setError('请填写回放视频的时长');
    setBusy('close');
    setError(null);
    try {
      await closeLiveClass(c.id, { recording: video ? { videoFileId: video.id, durationS: Math.round(Number(minutes) * 60) } : null });
      await onClosed();
      void Taro.showToast({ title: video ? '回放已保存为课程' : '已结束', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title='结束直播'>
      <Text className='live__sub'>
        {needsRecording
          ? `上传直播回放（${uploadLimitText('video')}），保存为本课程的一课，供未能到场的党员学习。`
          : '结束后为红色主播计入积分（有党员出席时）。'}
      </Text>
      {needsRecording ? (
        <>
          <View className='live__actions'>
            <DjButton variant='secondary' loading={busy === 'upload'} onClick={() => void upload()}>
              {video ? `已上传（${Math.round(video.sizeBytes / 1024 / 1024)} MB），重新上传` : '上传回放视频'}
            </DjButton>
          </View>
          {video ? <Field label='时长（分钟）' name='recordingMinutes' type='number' value={minutes} maxlength={4} onChange={setMinutes} /> : null}
        </>
      ) : null}
      <FormError message={error} />
      <View className='live__actions'>
        <DjButton loading={busy === 'close'} onClick={() => void close()}>
          {video ? '保存回放并结束' : '结束直播'}
        </DjButton>
      </View>
    </Card>
  );
}
