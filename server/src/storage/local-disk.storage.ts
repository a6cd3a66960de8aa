import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { ByteRange, FileStorage } from './file-storage.js';

/** Files under one directory (STORAGE_DIR). Writes go to a temporary name first, so a crash leaves no half file. */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private resolve(key: string): string {
    const full = path.resolve(this.root, key);
    // Keys come from the storage service, never from a request; still, never leave the root.
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`storage key outside the root: ${key}`);
    return full;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.resolve(key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    const fh = await open(tmp, 'wx', 0o640);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
  }

  async putFile(key: string, localPath: string): Promise<void> {
    const target = this.resolve(key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    // A copy, not a rename: the upload's temporary file may be on another file system.
    await copyFile(localPath, tmp);
    await rename(tmp, target);
  }

  async stat(key: string): Promise<{ size: number }> {
    return { size: (await stat(this.resolve(key))).size };
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const target = this.resolve(key);
    const stream = createReadStream(target, range ? { start: range.start, end: range.end } : {});
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  }

  async remove(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }
}
