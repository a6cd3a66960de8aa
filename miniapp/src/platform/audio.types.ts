export type AudioEvents = {
  onPlay: () => void;
  /** Paused, ended, or stopped by the system (a call came in). */
  onPause: () => void;
  onTime: (positionS: number, durationS: number) => void;
  onError: (message: string) => void;
};

export type AudioPlayer = {
  play: () => void;
  pause: () => void;
  seek: (positionS: number) => void;
  destroy: () => void;
};
