import type { Readable } from 'node:stream';

/** An inclusive byte range, as in an HTTP Range header. */
export type ByteRange = { start: number; end: number };

/**
 * Where file bytes live: local disk (LocalDiskStorage, the default) or an S3-compatible object store
 * (S3Storage), chosen by STORAGE_BACKEND. Keys are relative, slash-separated and chosen by the storage service.
 */
export type FileStorage = {
  put(key: string, data: Buffer): Promise<void>;
  /** Stores a file already on local disk (an upload streamed to a temporary file), without reading it into memory. */
  putFile(key: string, localPath: string, size: number): Promise<void>;
  /** A stream of the bytes, or of `range` only; rejects with code 'ENOENT' when missing. */
  open(key: string, range?: ByteRange): Promise<Readable>;
  /** Size in bytes; rejects with code 'ENOENT' when missing. */
  stat(key: string): Promise<{ size: number }>;
  remove(key: string): Promise<void>;
};

export const FILE_STORAGE = Symbol('FILE_STORAGE');

export const enoent = (key: string) => Object.assign(new Error(`no stored file ${key}`), { code: 'ENOENT' });
