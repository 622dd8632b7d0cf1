import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AdverseEventsModule } from './adverse-events/adverse-events.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClearanceModule } from './clearance/clearance.module';
import { CoursesModule } from './courses/courses.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { DemoModule } from './demo/demo.module';
import { DiaryModule } from './diary/diary.module';
import { EnquiriesModule } from './enquiries/enquiries.module';
import { HealthModule } from './health/health.module';
import { AuditRecordingModule } from './platform/audit/audit-recording.module';
import { APP_CONFIG, type AppConfig } from './platform/config/app-config';
import { ClinicClock } from './platform/config/clinic-clock';
import { migrate, runtimeDataSourceOptions } from './platform/database/data-source-options';
import type { DatabaseTarget } from './platform/database/embedded-postgres';
import { MedicalHistoryModule } from './medical-history/medical-history.module';
import { MessagesModule } from './messages/messages.module';
import { NotesModule } from './notes/notes.module';
import { PatientsModule } from './patients/patients.module';
import { ReportsModule } from './reports/reports.module';
import { TableStatistics } from './platform/database/table-statistics';
import { TableStatisticsRepository } from './platform/database/table-statistics.repository';
import { loggerOptions } from './platform/logging/logger-options';
import { ScansModule } from './scans/scans.module';
import { SessionsModule } from './sessions/sessions.module';
import { SettingsModule } from './settings/settings.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...runtimeDataSourceOptions(database, config.sqlCapture), autoLoadEntities: true }),
          // Migrations run as the schema's owner before the API's own pool (the runtime role) opens.
          dataSourceFactory: async (options) => {
            await migrate(database);
            return new DataSource(options as DataSourceOptions);
          },
        }),
        AuditRecordingModule,
        AuthModule,
        HealthModule,
        UsersModule,
        PatientsModule,
        MedicalHistoryModule,
        AuditModule,
        ScansModule,
        ClearanceModule,
        CoursesModule,
        SessionsModule,
        AdverseEventsModule,
        NotesModule,
        ReportsModule,
        DiaryModule,
        ConsultationsModule,
        EnquiriesModule,
        MessagesModule,
        SettingsModule,
        DemoModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        ClinicClock,
        // A server's autovacuum keeps its statistics; the embedded database has none.
        ...('socketDir' in database ? [TableStatisticsRepository, TableStatistics] : []),
      ],
      exports: [APP_CONFIG, ClinicClock],
    };
  }
}
