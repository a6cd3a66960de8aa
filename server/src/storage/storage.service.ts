import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { StoredFileEntity } from './stored-file.entity.js';

export type StoreInput = { data: Buffer; contentType: string; originalName: string | null; createdBy: string | null; prefix: string };

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
    const id = randomUUID();
    const now = new Date();
    const key = `${input.prefix}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
    await this.backend.put(key, input.data);
    const row = manager.create(StoredFileEntity, {
      id,
      storageKey: key,
      contentType: input.contentType,
      sizeBytes: input.data.length,
      sha256: createHash('sha256').update(input.data).digest('hex'),
      originalName: input.originalName?.slice(0, 200) ?? null,
      createdBy: input.createdBy,
    });
    await manager.insert(StoredFileEntity, row);
    return row;
  }

  async find(id: string): Promise<StoredFileEntity | null> {
    return this.db.getRepository(StoredFileEntity).findOneBy({ id });
  }

  open(file: StoredFileEntity): Promise<Readable> {
    return this.backend.open(file.storageKey);
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
