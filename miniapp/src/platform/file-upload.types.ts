/** The server's answer to an upload: the HTTP status and the parsed JSON body (null when not JSON). */
export type UploadResult = { status: number; body: unknown };

/** What the person may pick: content types (H5 accept), extensions (weapp chat files), and where weapp picks from. */
export type PickSpec = { contentTypes: readonly string[]; extensions: readonly string[]; source: 'media-image' | 'media-video' | 'chat-file' };

export const XLSX_PICK: PickSpec = {
  contentTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  extensions: ['xlsx'],
  source: 'chat-file',
};
