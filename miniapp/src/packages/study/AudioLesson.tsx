import { useEffect, useRef, useState } from 'react';
import { Slider, Text, View } from '@tarojs/components';
import { Card } from '@/components/Card';
import { createAudioPlayer } from '@/platform/audio';
import type { AudioPlayer } from '@/platform/audio.types';
import { formatDuration } from './format';

type Props = { src: string; startS: number; position: { current: number }; block: (reason: string, blocked: boolean) => void };

/** An audio lesson: play/pause and a seek bar; playing time is study time (the page reports it). */
export function AudioLesson({ src, startS, position, block }: Props) {
  const player = useRef<AudioPlayer | null>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState({ at: startS, duration: 0 });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const p = createAudioPlayer(src, startS, {
      onPlay: () => {
        setPlaying(true);
        block('paused', false);
      },
      onPause: () => {
        setPlaying(false);
        block('paused', true);
      },
      onTime: (at, duration) => {
        position.current = at;
        setTime({ at, duration });
      },
      onError: setError,
    });
    player.current = p;
    return () => p.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one player per source: startS, position and block are read once, when it is made
  }, [src]);

  return (
    <Card className='study-audio'>
      <View className='study-audio__controls'>
        <View
          className={`study-audio__button ${playing ? 'study-audio__button--on' : ''}`}
          onClick={() => (playing ? player.current?.pause() : player.current?.play())}
        >
          <Text>{playing ? '暂停' : '播放'}</Text>
        </View>
        <View className='study-audio__bar'>
          <Slider
            min={0}
            max={Math.max(1, Math.round(time.duration))}
            value={Math.round(time.at)}
            blockSize={16}
            activeColor='#c8161d'
            onChange={(e) => player.current?.seek(e.detail.value)}
          />
          <Text className='study-audio__time'>{`${formatDuration(time.at)} / ${formatDuration(time.duration)}`}</Text>
        </View>
      </View>
      {error ? <Text className='study-audio__error'>{error}</Text> : null}
      <Text className='study-hint'>播放时计入学时；下次打开从上次位置继续</Text>
    </Card>
  );
}
