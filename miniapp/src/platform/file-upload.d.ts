/** The server's answer to an upload: the HTTP status and the parsed JSON body (null when not JSON). */
export type UploadResult = { status: number; body: unknown };

/**
 * Lets the person pick one .xlsx file and POSTs it to `path` (under /api/v1, multipart field `file`),
 * retrying once after a token refresh. Resolves null when they cancel; rejects with an ApiError only
 * when the request never got an answer — any HTTP answer (also 4xx with a row report) is returned.
 * weapp: Taro.chooseMessageFile (a file from a chat) + Taro.uploadFile; H5: an <input type=file> and fetch with FormData.
 */
export declare function pickAndUploadXlsx(path: string): Promise<UploadResult | null>;
