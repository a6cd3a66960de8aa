import { CARD_PHOTO_LIMITS } from '@dangjian/shared';
import type { PickSpec } from '@/platform/file-upload';

/** Where the member's own photo is uploaded (multipart `file`), and what the picker offers. */
export const CARD_PHOTO_PATH = '/card/me/photo';
export const CARD_PHOTO_PICK: PickSpec = { contentTypes: CARD_PHOTO_LIMITS.contentTypes, extensions: ['jpg', 'jpeg', 'png', 'webp'], source: 'media-image' };
