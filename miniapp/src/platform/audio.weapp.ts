import Taro from '@tarojs/taro';
import type { AudioEvents, AudioPlayer } from './audio.types';

export function createAudioPlayer(src: string, startS: number, events: AudioEvents): AudioPlayer {
  const ctx = Taro.createInnerAudioContext();
  ctx.src = src;
  ctx.startTime = startS;
  ctx.onPlay(events.onPlay);
  ctx.onPause(events.onPause);
  ctx.onStop(events.onPause);
  ctx.onEnded(events.onPause);
  ctx.onTimeUpdate(() => events.onTime(ctx.currentTime, ctx.duration));
  ctx.onError(() => events.onError('音频加载失败，请稍后重试'));
  return {
    play: () => ctx.play(),
    pause: () => ctx.pause(),
    seek: (s) => ctx.seek(s),
    destroy: () => ctx.destroy(),
  };
}
