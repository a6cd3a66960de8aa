import type { AudioEvents, AudioPlayer } from './audio.types';

/**
 * An audio player for `src` that starts (when played) at `startS`.
 * weapp: Taro.createInnerAudioContext; H5: an HTMLAudioElement.
 */
export declare function createAudioPlayer(src: string, startS: number, events: AudioEvents): AudioPlayer;
