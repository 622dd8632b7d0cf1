import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FILE_STORE } from './file-store';
import { LocalDiskFileStore } from './local-disk-file-store';

/** The FileStore: local disk under `<VENULE_DATA_DIR>/files` (both database modes). */
@Module({
  providers: [
    {
      provide: FILE_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskFileStore(join(config.dataDir, 'files')),
    },
  ],
  exports: [FILE_STORE],
})
export class FilesModule {}
