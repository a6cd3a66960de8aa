import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import type { LetterVerifyResult } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { verifyLetter } from '@/api/transfers';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { scanQrCode } from '@/platform/scan';
import { formatDate } from '@/utils/format';
import { letterCodeFrom, letterCodeFromParams } from '../../letter-code';
import '../../transfer.scss';

function Result({ r }: { r: LetterVerifyResult }) {
  const good = r.genuine && r.status === 'valid';
  return (
    <Card
      title='查验结果'
      className='transfer-verify__result'
      extra={<Tag tone={good ? 'success' : 'warning'}>{r.genuine ? r.statusLabel : '非本平台开具'}</Tag>}
    >
      {r.letter ? (
        <>
          <InfoRow label='介绍信编号' value={r.letter.number} />
          <InfoRow label='类型' value={r.letter.kindLabel} />
          <InfoRow label='党员姓名' value={r.letter.memberName} />
          <InfoRow label='转出党组织' value={r.letter.fromOrgName} />
          <InfoRow label='接收党组织' value={r.letter.toOrgName} />
          <InfoRow label='开具党委' value={r.letter.issuingCommittee} />
          <InfoRow label='开具日期' value={formatDate(r.letter.issuedOn)} />
          <InfoRow label='有效期至' value={formatDate(r.letter.validUntil)} />
          <Text className='transfer-hint'>请核对纸质介绍信上的内容与以上信息一致。</Text>
        </>
      ) : (
        <Notice tone='warning'>二维码与本平台开具的介绍信不符，可能是伪造或已被改动，请与开具党委联系核实。</Notice>
      )}
    </Card>
  );
}

/**
 * 查验介绍信: the receiving side scans the QR code on a letter (or pastes its link, e.g. on a computer
 * without a camera) and sees whether the platform issued it and whether it is still valid (T4, T6).
 */
export default function VerifyLetterPage() {
  const { params } = useRouter();
  const [text, setText] = useState('');
  const [result, setResult] = useState<LetterVerifyResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = async (raw: string) => {
    const code = letterCodeFrom(raw);
    setResult(null);
    if (!code) return setError('无法识别：请扫描介绍信上的二维码，或粘贴二维码中的链接');
    setBusy(true);
    setError(null);
    try {
      setResult(await verifyLetter(code.id, code.sig));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  // Opened from the QR's own link (H5 route or WeChat's scanner): check at once.
  useEffect(() => {
    const code = letterCodeFromParams(params);
    if (code) void check(`?id=${code.id}&sig=${code.sig}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page opens: the link's parameters do not change while it is shown
  }, []);

  const scan = async () => {
    try {
      const scanned = await scanQrCode();
      if (scanned) {
        setText(scanned);
        await check(scanned);
      }
    } catch (e) {
      void Taro.showToast({ title: e instanceof Error ? e.message : '无法扫码', icon: 'none', duration: 3000 });
    }
  };

  return (
    <View className='page transfer-page transfer-verify'>
      <Card title='扫码查验'>
        <Text className='transfer-hint'>扫描介绍信右上角的二维码，核验介绍信是否由本平台开具、是否仍在有效期内。</Text>
        <View className='transfer-verify__scan'>
          <DjButton onClick={() => void scan()}>扫描二维码</DjButton>
        </View>
        <Text className='transfer-hint'>无法扫码时，可粘贴二维码中的链接：</Text>
        <Textarea
          className='transfer-textarea transfer-verify__input'
          value={text}
          maxlength={1000}
          placeholder='粘贴介绍信二维码链接'
          onInput={(e) => setText(e.detail.value)}
        />
        <FormError message={error} />
        <View className='transfer-verify__scan'>
          <DjButton variant='secondary' loading={busy} disabled={!text.trim()} onClick={() => void check(text)}>
            查验
          </DjButton>
        </View>
      </Card>
      {result ? <Result r={result} /> : null}
    </View>
  );
}
