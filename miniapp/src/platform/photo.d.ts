import type { MeetingPhoto } from '@dangjian/shared';

/**
 * Lets the person pick one photo and uploads it to the meeting (multipart field `file`); resolves
 * null when they cancel, rejects with an ApiError when the upload fails.
 * weapp: Taro.chooseImage + Taro.uploadFile; H5: an <input type=file> and fetch with FormData.
 */
export declare function pickAndUploadPhoto(meetingId: string): Promise<MeetingPhoto | null>;
