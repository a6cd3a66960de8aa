import { API_BASE } from '@/platform/api-base';
import { getMe } from './auth';
import { API_PREFIX } from './client';
import { getAccessToken } from './session';

/** The absolute address of an API path (downloads, images, the event stream). */
export const apiUrl = (path: string) => `${API_BASE}${API_PREFIX}${path}`;

/** A server-made address (signed media links come as `/api/v1/…`) made absolute for weapp; H5 keeps it same-origin. */
export const serverUrl = (url: string) => (/^https?:\/\//.test(url) ? url : `${API_BASE}${url}`);

/** The same for the images of server-made HTML (an article's `<img src="/api/v1/…">`). */
export const serverHtml = (html: string) => html.replace(/src="(\/api\/[^"]*)"/g, (_m, url: string) => `src="${serverUrl(url)}"`);

/**
 * An API address carrying the access token (`?access_token=`), for what cannot send a header: an
 * <image>, a browser tab, a download. `fresh` first makes one authenticated call, which renews an
 * expired token, so a link opened later in another tab still works.
 */
export async function authedUrl(path: string, opts: { fresh?: boolean } = {}): Promise<string> {
  if (opts.fresh) await getMe();
  return withToken(apiUrl(path));
}

/** Synchronous form for images rendered in a list (the token is renewed by the page's own calls). */
export function withToken(url: string): string {
  const token = getAccessToken();
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
}
