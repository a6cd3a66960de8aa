import type { PickSpec, UploadResult } from './file-upload.types';

export type { PickSpec, UploadResult };

/**
 * Lets the person pick one file and POSTs it to `path` (under /api/v1, multipart field `file`),
 * retrying once after a token refresh. Resolves null when they cancel; rejects with an ApiError only
 * when the request never got an answer — any HTTP answer (also 4xx with the server's code) is returned.
 * weapp: Taro.chooseMedia (photos, videos) or Taro.chooseMessageFile (a file from a chat) + Taro.uploadFile;
 * H5: an <input type=file> and fetch with FormData.
 */
export declare function pickAndUpload(path: string, spec: PickSpec): Promise<UploadResult | null>;

/** pickAndUpload for one .xlsx file. */
export declare function pickAndUploadXlsx(path: string): Promise<UploadResult | null>;
