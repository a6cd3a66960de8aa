import { useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { BallotCode, VoteScreen } from '@dangjian/shared';
import { SCREEN_TOKEN_PARAM } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { getBallotCode, getVoteScreen, type VoteTarget } from '@/api/vote';
import { formatClock } from '@/utils/format';
import { safeDecode, svgDataUri } from '@/utils/qr';
import { ElectionTallyView, MotionTallyView } from '../../Tally';
import '../../vote.scss';
import './index.scss';

const POLL_MS = 1000;

/** Results only once the box is counted; the server sends none before, and the screen checks again. */
export const showsResults = (s: VoteScreen | null) => !!s && s.boxState === 'counted' && !!(s.electionTally ?? s.motionTally);

/**
 * The projector (H5), opened by the screen link without signing in: the rotating ballot QR while
 * voting is open and the turnout (voted / present), polled every second.
 */
export default function VoteScreenPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id);
  const kind = params.kind === 'motion' ? 'motion' : 'election';
  const screenToken = safeDecode(params[SCREEN_TOKEN_PARAM]) || null;
  const [screen, setScreen] = useState<VoteScreen | null>(null);
  const [code, setCode] = useState<{ code: BallotCode; at: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const codeRef = useRef(code);
  codeRef.current = code;

  useEffect(() => {
    if (!id) return;
    const target: VoteTarget = { kind, id };
    let stopped = false;
    const tick = async () => {
      try {
        const s = await getVoteScreen(target, screenToken);
        if (stopped) return;
        setScreen(s);
        setError(null);
        const c = codeRef.current;
        if (s.boxState === 'open') {
          if (!c || Date.now() - c.at >= c.code.expiresInMs - 300) {
            const next = await getBallotCode(target, screenToken);
            if (!stopped) setCode({ code: next, at: Date.now() });
          }
        } else if (c) setCode(null);
      } catch (e) {
        if (!stopped) setError(errorMessage(e));
      }
    };
    void tick();
    const t = setInterval(() => {
      setNow(Date.now());
      void tick();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [id, kind, screenToken]);

  if (!id || (error && !screen)) {
    return (
      <View className='vscreen vscreen--error'>
        <Text className='vscreen__error'>无法显示投票大屏：{error ?? '链接不完整'}</Text>
      </View>
    );
  }

  const open = screen?.boxState === 'open';
  const left = code ? Math.max(0, code.code.expiresInMs - (now - code.at)) : 0;
  return (
    <View className='vscreen'>
      <View className='vscreen__header'>
        <Text className='vscreen__badge'>{kind === 'election' ? '无记名投票选举' : '无记名投票表决'}</Text>
        <Text className='vscreen__title'>{screen?.title ?? ''}</Text>
        <Text className='vscreen__state'>
          {screen?.stateLabel ?? ''}
          {screen?.round ? ` · 第 ${screen.round} 轮` : ''}
        </Text>
      </View>
      <View className='vscreen__body'>
        <View className='vscreen__qr-panel'>
          {open && code ? (
            <>
              <Image className='vscreen__qr' src={svgDataUri(code.code.svg)} mode='aspectFit' data-step={code.code.step} />
              <Text className='vscreen__hint'>已签到的党员请扫码领取选票</Text>
              <Text className='vscreen__hint'>
                二维码每 {code.code.stepSeconds} 秒更新，{Math.ceil(left / 1000)} 秒后刷新
              </Text>
            </>
          ) : showsResults(screen) ? (
            <View className='vscreen__results'>
              {screen?.electionTally ? <ElectionTallyView tally={screen.electionTally} /> : null}
              {screen?.motionTally ? <MotionTallyView tally={screen.motionTally} /> : null}
            </View>
          ) : (
            <Text className='vscreen__wait'>{screen ? (screen.boxState === 'closed' ? '投票已结束，等待计票' : '投票尚未开始') : '连接中…'}</Text>
          )}
        </View>
        <View className='vscreen__turnout'>
          <Text className='vscreen__label'>已投票 / 实到</Text>
          <View className='vscreen__count-line'>
            <Text className='vscreen__voted'>{screen?.voted ?? '–'}</Text>
            <Text className='vscreen__present'> / {screen?.present ?? '–'}</Text>
          </View>
          <Text className='vscreen__label'>应到会 {screen?.required ?? '–'} 人</Text>
          {screen ? <Text className={`vscreen__quorum ${screen.quorum.met ? '' : 'vscreen__quorum--no'}`}>{screen.quorum.message}</Text> : null}
          {showsResults(screen) ? null : <Text className='vscreen__secret'>计票前不显示任何票数</Text>}
        </View>
      </View>
      <View className='vscreen__footer'>
        <Text>{error ? `连接中断：${error}` : '● 实时更新'}</Text>
        <Text>{formatClock(new Date(now).toISOString(), true)}</Text>
      </View>
    </View>
  );
}
