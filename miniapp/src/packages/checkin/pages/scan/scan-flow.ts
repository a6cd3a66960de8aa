import type { CheckinRequest, CheckinResult, GeoLocation } from '@dangjian/shared';
import { MeetingErrorCode } from '@dangjian/shared';
import { submitCheckin } from '@/api/checkin';
import { ApiError, ClientErrorCode, errorMessage } from '@/api/errors';
import { getMeeting } from '@/api/meetings';
import { getLocation } from '@/platform/location';
import { cachedMeeting, type CachedMeeting } from '@/store/meeting-cache';
import { queueOfflineCheckin, type OfflineCheckin } from '@/store/offline-checkins';
import { readCheckinToken } from '@/utils/qr';

/** What the one confirmation screen after a scan shows. */
export type ScanOutcome =
  /** C3: the first check-in; `result.checkedInAt` is its time. */
  | { kind: 'checked_in'; result: CheckinResult }
  /** C3: checked in before; `result.checkedInAt` is the original time. */
  | { kind: 'already'; result: CheckinResult }
  /** The server holds an offline scan of this member, pending the secretary. */
  | { kind: 'pending'; result: CheckinResult }
  /** No network: kept on the device and sent later (then pending confirmation). */
  | { kind: 'queued'; entry: OfflineCheckin; meeting: CachedMeeting | null }
  /** Refused, with the server's (or the device's) message in Chinese. */
  | { kind: 'refused'; code: string; message: string; meeting: CachedMeeting | null };

/** A location for the offline queue is a bonus: a short wait, and none if it fails. */
const OFFLINE_LOCATION_MS = 4000;

export type ScanDeps = {
  submit: (body: CheckinRequest) => Promise<CheckinResult>;
  locate: (opts?: { timeoutMs?: number }) => Promise<GeoLocation>;
  now: () => Date;
};

const defaultDeps: ScanDeps = { submit: submitCheckin, locate: getLocation, now: () => new Date() };

function fromResult(result: CheckinResult): ScanOutcome {
  if (result.status === 'already_checked_in') return { kind: 'already', result };
  if (result.status === 'pending_confirmation') return { kind: 'pending', result };
  return { kind: 'checked_in', result };
}

/** The meeting a refused token names, when the member may read it (to say which meeting refused). */
async function meetingForRefusal(token: string): Promise<CachedMeeting | null> {
  const id = readCheckinToken(token)?.meetingId;
  if (!id) return null;
  const cached = cachedMeeting(id);
  if (cached) return cached;
  try {
    const m = await getMeeting(id, { toast: false });
    return { id: m.id, title: m.title, startsAt: m.startsAt, endsAt: m.endsAt, place: m.place, organisationName: m.organisationName };
  } catch {
    return null;
  }
}

/**
 * One scan, start to finish: submit the token; when the meeting has a geofence (the server answers
 * CHECKIN_LOCATION_REQUIRED) read the position and submit once more; without network keep the scan
 * for later; anything else is a refusal with the server's message.
 */
export async function checkInWithToken(token: string, deps: ScanDeps = defaultDeps): Promise<ScanOutcome> {
  const scannedAt = deps.now().toISOString();
  let location: GeoLocation | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return fromResult(await deps.submit({ token, offline: false, ...(location ? { location } : {}) }));
    } catch (e) {
      const error = e instanceof ApiError ? e : null;
      if (error?.code === ClientErrorCode.NETWORK) {
        const loc = await deps.locate({ timeoutMs: OFFLINE_LOCATION_MS }).catch(() => null);
        const entry = queueOfflineCheckin({ token, scannedAt, location: location ?? loc });
        return { kind: 'queued', entry, meeting: entry.meeting };
      }
      if (error?.code === MeetingErrorCode.CHECKIN_LOCATION_REQUIRED && !location) {
        try {
          location = await deps.locate();
        } catch (locErr) {
          // The device's reason (permission refused, no fix) tells the member what to do.
          const message = locErr instanceof Error ? locErr.message : error.message;
          return { kind: 'refused', code: error.code, message, meeting: await meetingForRefusal(token) };
        }
        continue;
      }
      return {
        kind: 'refused',
        code: error?.code ?? 'UNKNOWN',
        message: errorMessage(e),
        meeting: await meetingForRefusal(token),
      };
    }
  }
  // Unreachable: the second attempt always returns.
  return { kind: 'refused', code: 'UNKNOWN', message: '签到未成功，请重新扫码', meeting: null };
}
