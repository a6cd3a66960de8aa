import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, Textarea, View } from '@tarojs/components';
import type { MeetingPhoto } from '@dangjian/shared';
import { MEETING_PHOTO_LIMITS } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { withToken } from '@/api/links';
import { deletePhoto, getMeeting, saveMinutes } from '@/api/meetings';
import { Card, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { API_BASE } from '@/platform/api-base';
import { pickAndUploadPhoto } from '@/platform/photo';
import { formatDateTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import './index.scss';

/** An <image> cannot send the bearer header: the photo's address carries the access token. */
const photoSrc = (p: MeetingPhoto) => withToken(`${API_BASE}${p.url}`);

/** C2: the minutes and the photos of a meeting, once it has started. */
export default function MinutesPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id);
  const q = useQuery(id || null, () => getMeeting(id));
  const [text, setText] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const m = q.data;

  useEffect(() => {
    if (m && text === null) setText(m.minutes ?? '');
  }, [m, text]);

  const started = m ? m.status === 'in_progress' || m.status === 'ended' : false;
  const dirty = m ? (text ?? '') !== (m.minutes ?? '') : false;

  const save = async () => {
    if (!text?.trim()) {
      setError('请填写会议记录');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await saveMinutes(id, { text: text.trim() });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      await q.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const addPhoto = async () => {
    setUploading(true);
    try {
      const photo = await pickAndUploadPhoto(id);
      if (photo) {
        void Taro.showToast({ title: '照片已上传', icon: 'success' });
        await q.reload();
      }
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 });
    } finally {
      setUploading(false);
    }
  };

  const removePhoto = async (p: MeetingPhoto) => {
    const { confirm } = await Taro.showModal({ title: '删除照片', content: '确定删除这张照片吗？', confirmColor: '#c8161d' });
    if (!confirm) return;
    try {
      await deletePhoto(id, p.id);
      await q.reload();
    } catch {
      // the client has shown the server's message
    }
  };

  const photos = m?.photos ?? [];
  return (
    <View className='page minutes'>
      <StateView loading={q.loading} error={q.error} ready={m !== undefined} onRetry={() => void q.reload()}>
        {m ? (
          <>
            <Text className='minutes__meeting'>{m.title}</Text>
            {!started ? <Notice>会议开始后才能填写会议记录和上传照片。</Notice> : null}
            <Card title='会议记录' extra={m.minutesUpdatedAt ? <Text className='minutes__saved'>保存于 {formatDateTime(m.minutesUpdatedAt)}</Text> : undefined}>
              <Textarea
                className='minutes__text'
                value={text ?? ''}
                maxlength={50_000}
                disabled={!started}
                placeholder='记录会议议程、发言要点、决议事项等'
                placeholderClass='minutes__placeholder'
                onInput={(e) => setText(e.detail.value)}
              />
              <FormError message={error} />
              <DjButton className='minutes__save' loading={saving} disabled={!started || !dirty} onClick={() => void save()}>
                保存记录
              </DjButton>
            </Card>
            <Card title={`会议照片（${photos.length}/${MEETING_PHOTO_LIMITS.maxPerMeeting}）`}>
              <View className='minutes__photos'>
                {photos.map((p) => (
                  <View key={p.id} className='minutes__photo'>
                    <Image
                      className='minutes__img'
                      src={photoSrc(p)}
                      mode='aspectFill'
                      onClick={() => void Taro.previewImage({ urls: photos.map(photoSrc), current: photoSrc(p) })}
                    />
                    <Text className='minutes__remove' onClick={() => void removePhoto(p)}>
                      ×
                    </Text>
                  </View>
                ))}
                {started && photos.length < MEETING_PHOTO_LIMITS.maxPerMeeting ? (
                  <View className='minutes__photo minutes__add' onClick={uploading ? undefined : () => void addPhoto()}>
                    <Text className='minutes__add-plus'>{uploading ? '…' : '+'}</Text>
                    <Text className='minutes__add-text'>{uploading ? '上传中' : '添加照片'}</Text>
                  </View>
                ) : null}
              </View>
            </Card>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
