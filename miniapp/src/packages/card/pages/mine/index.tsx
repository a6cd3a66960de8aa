import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { CardQr, MemberCard } from '@dangjian/shared';
import { getMyCard, getMyCardQr, removeMyPhoto } from '@/api/card';
import { errorMessage, toApiError } from '@/api/errors';
import { serverUrl, withToken } from '@/api/links';
import { DjButton } from '@/components/DjButton';
import { pickAndUpload } from '@/platform/file-upload';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime } from '@/utils/format';
import { svgDataUri } from '@/utils/qr';
import { CARD_PHOTO_PICK, CARD_PHOTO_PATH } from '../../photo';
import { CardFace } from '../../CardFace';
import '../../card.scss';

const LAST_QR = 'dj.cardLastQr';

/** The last signed code kept on the phone, shown (marked as such) when the network is gone. */
const lastQr = (): CardQr | null => {
  const v: unknown = Taro.getStorageSync(LAST_QR);
  return typeof v === 'object' && v !== null && 'token' in v ? (v as CardQr) : null;
};

/**
 * 我的电子党员名片 (P1, P2): the whole card, and a QR that rotates every `refreshInS` like the check-in
 * code; anyone scanning it with a phone camera opens the public verify page. Without network the last
 * signed code is shown, marked 离线 with the time it was signed (a verifier sees the same).
 */
export default function MyCardPage() {
  const card = useQuery<MemberCard>('my-card', getMyCard);
  const [qr, setQr] = useState<{ code: CardQr; offline: boolean } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const visible = useRef(true);

  const rotate = useCallback(async () => {
    clearTimeout(timer.current);
    let next = 60;
    try {
      const code = await getMyCardQr();
      Taro.setStorageSync(LAST_QR, code);
      setQr({ code, offline: false });
      next = code.refreshInS;
    } catch {
      const kept = lastQr();
      if (kept) setQr({ code: kept, offline: true });
      next = 15;
    }
    if (visible.current) timer.current = setTimeout(() => void rotate(), next * 1000);
  }, []);

  useEffect(() => {
    void rotate();
    return () => clearTimeout(timer.current);
  }, [rotate]);
  useDidHide(() => {
    visible.current = false;
    clearTimeout(timer.current);
  });
  useDidShow(() => {
    if (visible.current) return;
    visible.current = true;
    void rotate();
  });

  const [photoBusy, setPhotoBusy] = useState(false);
  /** The member's own photo (P1): JPEG/PNG/WebP up to 2 MB; the server checks the bytes. */
  const changePhoto = async () => {
    setPhotoBusy(true);
    try {
      const r = await pickAndUpload(CARD_PHOTO_PATH, CARD_PHOTO_PICK);
      if (r && (r.status < 200 || r.status >= 300)) throw toApiError(r.status, r.body);
      if (r) await card.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setPhotoBusy(false);
    }
  };
  const dropPhoto = async () => {
    const ok = await Taro.showModal({ title: '删除照片', content: '删除后名片显示姓氏，确定删除？' });
    if (!ok.confirm) return;
    try {
      await removeMyPhoto();
      await card.reload();
    } catch {
      // the client showed the server's message
    }
  };

  // Offline before the card itself loaded: the kept code alone still proves who this is.
  const offlineOnly = card.error && qr?.offline;
  return (
    <View className='page card-page'>
      {offlineOnly ? (
        <View className='member-card'>
          <QrPart qr={qr} />
        </View>
      ) : (
        <StateView loading={card.loading} error={card.error} ready={card.data !== undefined} onRetry={() => void card.reload()}>
          {card.data ? (
            <CardFace card={card.data} photoSrc={card.data.photoUrl ? withToken(serverUrl(card.data.photoUrl)) : null}>
              <QrPart qr={qr} />
            </CardFace>
          ) : null}
        </StateView>
      )}
      <View className='card-actions'>
        <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: '/packages/card/pages/privacy/index' })}>
          公开展示设置
        </DjButton>
        {card.data ? (
          <DjButton variant='secondary' loading={photoBusy} onClick={() => void changePhoto()}>
            {card.data.photoUrl ? '更换照片' : '上传照片'}
          </DjButton>
        ) : null}
        {card.data?.photoUrl ? (
          <DjButton variant='secondary' onClick={() => void dropPhoto()}>
            删除照片
          </DjButton>
        ) : null}
      </View>
    </View>
  );
}

function QrPart({ qr }: { qr: { code: CardQr; offline: boolean } | null }) {
  if (!qr) return <Text className='member-card__hint'>正在生成名片二维码…</Text>;
  return (
    <View className='member-card__qr-box'>
      <Image className='member-card__qr' src={svgDataUri(qr.code.svg)} mode='aspectFit' data-testid='card-qr' />
      <Text className='member-card__hint'>
        {qr.offline ? `离线名片 · 签发于 ${formatDateTime(qr.code.issuedAt)}` : `扫码核验真伪 · 每 ${qr.code.refreshInS} 秒自动更新`}
      </Text>
      <Text className='member-card__hint'>{`截图在 ${formatDateTime(qr.code.offlineUntil)} 后失效，请出示实时名片`}</Text>
    </View>
  );
}
