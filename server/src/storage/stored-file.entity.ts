import { Column, Entity, Index } from 'typeorm';

/** A file kept by the storage module (metadata here, bytes behind `FileStorage`). */
@Entity('stored_file')
export class StoredFileEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  /** Where the bytes are inside the storage backend (relative path / object key). */
  @Index('UQ_stored_file_key', { unique: true })
  @Column({ type: 'varchar', length: 200, name: 'storage_key' })
  storageKey: string;

  @Column({ type: 'varchar', length: 100, name: 'content_type' })
  contentType: string;

  @Column({ type: 'int', name: 'size_bytes' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 200, name: 'original_name', nullable: true })
  originalName: string | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
