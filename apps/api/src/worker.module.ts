import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { MessagesModule } from './messages/messages.module';
import { AuditRecordingModule } from './platform/audit/audit-recording.module';
import { APP_CONFIG, type AppConfig } from './platform/config/app-config';
import { ClinicClock } from './platform/config/clinic-clock';
import { runtimeDataSourceOptions } from './platform/database/data-source-options';
import type { DatabaseTarget } from './platform/database/embedded-postgres';
import { loggerOptions } from './platform/logging/logger-options';

/**
 * The separate message worker (`npm run worker`): the outbox and its delivery schedule, no HTTP.
 * It runs no migrations (the API owns the schema and migrates at its start-up) and works as the
 * API's runtime role. Its schedule runs whatever `SEND_MESSAGES` says: sending is its only job.
 */
@Module({})
export class WorkerModule {
  static register(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot({ ...runtimeDataSourceOptions(database), autoLoadEntities: true }),
        AuditRecordingModule,
        MessagesModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: { ...config, sendMessages: true } }, ClinicClock],
      exports: [APP_CONFIG, ClinicClock],
    };
  }
}
