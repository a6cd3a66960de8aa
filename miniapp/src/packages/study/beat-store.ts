import Taro from '@tarojs/taro';
import type { Beat } from './heartbeat';

/*
 * What the heartbeats keep on the device: its id, its last sequence number (so a reload never reuses a
 * seq the server has already seen — it would drop the new beat as a replay) and the beats of each lesson
 * still waiting for an answer (sent first when that lesson opens again).
 */

const DEVICE_KEY = 'dj.study.deviceId';
const SEQ_KEY = 'dj.study.seq';
const PENDING_KEY = 'dj.study.pending';

export function deviceId(): string {
  const stored: unknown = Taro.getStorageSync(DEVICE_KEY);
  if (typeof stored === 'string' && stored) return stored;
  const id = `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  Taro.setStorageSync(DEVICE_KEY, id);
  return id;
}

export function nextSeq(): number {
  const stored: unknown = Taro.getStorageSync(SEQ_KEY);
  const next = (typeof stored === 'number' ? stored : 0) + 1;
  Taro.setStorageSync(SEQ_KEY, next);
  return next;
}

type Pending = Record<string, Beat[]>;

const readPending = (): Pending => {
  const v: unknown = Taro.getStorageSync(PENDING_KEY);
  return typeof v === 'object' && v !== null ? (v as Pending) : {};
};

export const pendingBeats = (lessonId: string): Beat[] => readPending()[lessonId] ?? [];

export function savePendingBeats(lessonId: string, beats: readonly Beat[]): void {
  const all = readPending();
  if (beats.length) all[lessonId] = [...beats];
  else delete all[lessonId];
  Taro.setStorageSync(PENDING_KEY, all);
}
