import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { FILE_STORAGE, type ByteRange, type FileStorage } from './file-storage.js';
import { StoredFileEntity } from './stored-file.entity.js';

export type StoreInput = { data: Buffer; contentType: string; originalName: string | null; createdBy: string | null; prefix: string };
/** A file already written to a local temporary path (a streamed upload), with its size and digest. */
export type StoreFileInput = Omit<StoreInput, 'data'> & { localPath: string; sizeBytes: number; sha256: string };

/**
 * Stores files: bytes in the backend first, then the metadata row in the caller's transaction. A
 * transaction that rolls back leaves an orphaned file, never a row without its bytes. Type and size
 * are validated by the calling module, which knows what it accepts.
 */
@Injectable()
export class StorageService {
  private readonly logger = new Logger('Storage');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly backend: FileStorage,
  ) {}

  async store(input: StoreInput, manager: EntityManager = this.db.manager): Promise<StoredFileEntity> {
    const { id, key } = this.newKey(input.prefix);
    await this.backend.put(key, input.data);
    return this.insertRow(manager, id, key, { ...input, sizeBytes: input.data.length, sha256: createHash('sha256').update(input.data).digest('hex') });
  }

  /** Like `store`, for a file streamed to a temporary path first (large media): the bytes never sit in memory. */
  async storeFile(input: StoreFileInput, manager: EntityManager = this.db.manager): Promise<StoredFileEntity> {
    const { id, key } = this.newKey(input.prefix);
    await this.backend.putFile(key, input.localPath, input.sizeBytes);
    return this.insertRow(manager, id, key, input);
  }

  private newKey(prefix: string) {
    const id = randomUUID();
    const now = new Date();
    return { id, key: `${prefix}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}` };
  }

  private async insertRow(manager: EntityManager, id: string, key: string, input: Omit<StoreFileInput, 'localPath'>): Promise<StoredFileEntity> {
    const row = manager.create(StoredFileEntity, {
      id,
      storageKey: key,
      contentType: input.contentType,
      sizeBytes: input.sizeBytes,
      sha256: input.sha256,
      originalName: input.originalName?.slice(0, 200) ?? null,
      createdBy: input.createdBy,
    });
    await manager.insert(StoredFileEntity, row);
    return row;
  }

  async find(id: string): Promise<StoredFileEntity | null> {
    return this.db.getRepository(StoredFileEntity).findOneBy({ id });
  }

  open(file: StoredFileEntity, range?: ByteRange): Promise<Readable> {
    return this.backend.open(file.storageKey, range);
  }

  /** Deletes the row in the caller's transaction; call `removeBytes` after it commits. */
  async removeRow(id: string, manager: EntityManager): Promise<StoredFileEntity | null> {
    const row = await manager.findOneBy(StoredFileEntity, { id });
    if (row) await manager.delete(StoredFileEntity, { id });
    return row;
  }

  async removeBytes(file: StoredFileEntity): Promise<void> {
    try {
      await this.backend.remove(file.storageKey);
    } catch (err) {
      this.logger.warn({ err, key: file.storageKey }, 'could not remove stored bytes');
    }
  }
}
