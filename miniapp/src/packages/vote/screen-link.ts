import { createScreenLink } from '@/api/checkin';
import { openExternal } from '@/platform/open';

/**
 * The vote screen works by the meeting's screen token, like the check-in screen: the projector needs
 * no session. The link is the check-in screen's address with the vote screen's route.
 */
export async function openVoteScreen(meetingId: string, target: { kind: 'election' | 'motion'; id: string }): Promise<string> {
  const link = await createScreenLink(meetingId);
  const origin = link.url.split('#')[0] ?? '';
  const url = `${origin}#/vote/screen?kind=${target.kind}&id=${encodeURIComponent(target.id)}&s=${encodeURIComponent(link.token)}`;
  await openExternal(url, 'page');
  return url;
}
