import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { FILE_STORAGE } from './file-storage.js';
import { LocalDiskStorage } from './local-disk.storage.js';
import { StorageService } from './storage.service.js';

/** File storage behind an interface: local disk under STORAGE_DIR (an S3 backend can replace the provider). */
@Module({
  providers: [
    { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(config.STORAGE_DIR) },
    StorageService,
  ],
  exports: [StorageService],
})
export class StorageModule {}
