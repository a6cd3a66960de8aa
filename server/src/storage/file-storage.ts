import type { Readable } from 'node:stream';

/**
 * Where file bytes live. Local disk today (LocalDiskStorage); an S3-compatible backend implements
 * the same three calls. Keys are relative, slash-separated and chosen by the storage service.
 */
export type FileStorage = {
  put(key: string, data: Buffer): Promise<void>;
  /** A stream of the bytes; rejects with code 'ENOENT' when missing. */
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
};

export const FILE_STORAGE = Symbol('FILE_STORAGE');
