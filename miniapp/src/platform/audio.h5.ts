import type { AudioEvents, AudioPlayer } from './audio.types';

export function createAudioPlayer(src: string, startS: number, events: AudioEvents): AudioPlayer {
  const audio = new Audio();
  audio.preload = 'metadata';
  let started = false;
  audio.addEventListener('loadedmetadata', () => {
    if (!started && startS > 0 && startS < audio.duration) audio.currentTime = startS;
    started = true;
    events.onTime(audio.currentTime, audio.duration);
  });
  audio.addEventListener('play', events.onPlay);
  audio.addEventListener('pause', events.onPause);
  audio.addEventListener('ended', events.onPause);
  audio.addEventListener('timeupdate', () => events.onTime(audio.currentTime, Number.isFinite(audio.duration) ? audio.duration : 0));
  audio.addEventListener('error', () => events.onError('音频加载失败，请稍后重试'));
  audio.src = src;
  return {
    play: () => void audio.play().catch(() => events.onError('无法播放音频')),
    pause: () => audio.pause(),
    seek: (s) => {
      audio.currentTime = s;
    },
    destroy: () => {
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
    },
  };
}
