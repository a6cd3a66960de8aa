import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import type { CheckinResult, GeoLocation } from '@dangjian/shared';
import { getMeeting } from '@/api/meetings';
import { submitCheckin } from '@/api/checkin';
import { ApiError, ClientErrorCode } from '@/api/errors';
import { hasSession } from '@/api/session';
import { onNetworkBack } from '@/platform/network';
import { readCheckinToken } from '@/utils/qr';
import { cachedMeeting, type CachedMeeting } from './meeting-cache';

/*
 * Scans made without network (weak network, C3/C4): kept on the device and sent when the network
 * returns, as the server's offline submission (`offline: true` with the scan time). The server records
 * them as pending confirmation; the member sees every entry as 待确认 until the secretary decides —
 * nothing is ever shown as done without the server saying so.
 *
 * waiting   → saved on the device, not yet sent
 * submitted → the server holds it, pending the secretary's confirmation
 * confirmed → the secretary confirmed it (or the member was already checked in)
 * failed    → refused by the server, or rejected by the secretary (`message` says why)
 */
export type OfflineState = 'waiting' | 'submitted' | 'confirmed' | 'failed';

export type OfflineCheckin = {
  id: string;
  token: string;
  meetingId: string | null;
  meeting: CachedMeeting | null;
  scannedAt: string;
  location: GeoLocation | null;
  state: OfflineState;
  /** The server's words for the last outcome (Chinese). */
  message: string | null;
  checkinId: string | null;
  updatedAt: string;
};

export const OFFLINE_STATE_LABEL: Record<OfflineState, string> = {
  waiting: '待提交',
  submitted: '待确认',
  confirmed: '已确认',
  failed: '未通过',
};

const KEY = 'dj.offlineCheckins';
/** Decided entries stay visible this long, then leave the list. */
const KEEP_DECIDED_MS = 3 * 86_400_000;

let entries: OfflineCheckin[] | null = null;
const listeners = new Set<() => void>();

function load(): OfflineCheckin[] {
  if (entries) return entries;
  const v: unknown = Taro.getStorageSync(KEY);
  entries = Array.isArray(v) ? (v as OfflineCheckin[]) : [];
  return entries;
}

function save(next: OfflineCheckin[]) {
  entries = next;
  Taro.setStorageSync(KEY, next);
  listeners.forEach((l) => l());
}

function update(id: string, patch: Partial<OfflineCheckin>) {
  save(load().map((e) => (e.id === id ? { ...e, ...patch, updatedAt: new Date().toISOString() } : e)));
}

export const listOfflineCheckins = (): OfflineCheckin[] => load();

/** Keeps a scan that could not be sent. A second scan of the same meeting replaces the first. */
export function queueOfflineCheckin(p: { token: string; scannedAt: string; location: GeoLocation | null }): OfflineCheckin {
  const meetingId = readCheckinToken(p.token)?.meetingId ?? null;
  const now = new Date().toISOString();
  const entry: OfflineCheckin = {
    id: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    token: p.token,
    meetingId,
    meeting: cachedMeeting(meetingId),
    scannedAt: p.scannedAt,
    location: p.location,
    state: 'waiting',
    message: null,
    checkinId: null,
    updatedAt: now,
  };
  const others = load().filter((e) => !(meetingId && e.meetingId === meetingId && e.state === 'waiting'));
  save([entry, ...others]);
  return entry;
}

export function dismissOfflineCheckin(id: string): void {
  save(load().filter((e) => e.id !== id));
}

const meetingOf = (r: CheckinResult): CachedMeeting => ({ ...r.meeting });

let flushing: Promise<void> | null = null;

/** Sends every waiting scan as an offline submission; stops at the first network failure. */
export function flushOfflineCheckins(): Promise<void> {
  flushing ??= (async () => {
    if (!hasSession()) return;
    for (const e of load().filter((x) => x.state === 'waiting')) {
      try {
        const r = await submitCheckin({
          token: e.token,
          offline: true,
          scannedAt: e.scannedAt,
          ...(e.meetingId ? { meetingId: e.meetingId } : {}),
          ...(e.location ? { location: e.location } : {}),
        });
        // Already present by another way (补签, a later online scan): the server's record stands.
        const state: OfflineState = r.status === 'pending_confirmation' ? 'submitted' : 'confirmed';
        update(e.id, { state, message: r.message, checkinId: r.checkinId, meeting: meetingOf(r) });
      } catch (err) {
        const error = err instanceof ApiError ? err : null;
        if (!error || error.code === ClientErrorCode.NETWORK || error.status >= 500 || error.status === 401) return;
        update(e.id, { state: 'failed', message: error.message });
      }
    }
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Asks the server how the secretary decided on the submitted scans; prunes old decided entries. */
export async function refreshOfflineCheckins(now: Date = new Date()): Promise<void> {
  const stale = (e: OfflineCheckin) => e.state !== 'waiting' && e.state !== 'submitted' && now.getTime() - Date.parse(e.updatedAt) > KEEP_DECIDED_MS;
  if (load().some(stale)) save(load().filter((e) => !stale(e)));
  if (!hasSession()) return;
  for (const e of load().filter((x) => x.state === 'submitted' && x.meetingId)) {
    try {
      const m = await getMeeting(e.meetingId!, { toast: false });
      const state = m.myAttendance?.state;
      if (state === 'present') update(e.id, { state: 'confirmed', message: '书记已确认您的离线签到' });
      else if (state && state !== 'pending_confirmation') update(e.id, { state: 'failed', message: '书记未确认这次离线签到，如有疑问请联系书记' });
    } catch {
      return; // no network again: ask next time
    }
  }
}

let started = false;

/** Once per app launch: send what is waiting now, and again whenever the network comes back. */
export function startOfflineSync(): () => void {
  if (started) return () => undefined;
  started = true;
  void flushOfflineCheckins();
  const off = onNetworkBack(() => void flushOfflineCheckins());
  return () => {
    started = false;
    off();
  };
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useOfflineCheckins(): OfflineCheckin[] {
  return useSyncExternalStore(subscribe, load);
}

/** Test hook: module state must not leak between test cases. */
export function resetOfflineCheckins(): void {
  entries = null;
  flushing = null;
  started = false;
  listeners.clear();
}
