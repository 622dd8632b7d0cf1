import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditService } from './audit.service';
import { AuditRecordingRepository } from './audit-recording.repository';
import { PageViewInterceptor } from './page-view';

@Global()
@Module({
  providers: [AuditService, AuditRecordingRepository, { provide: APP_INTERCEPTOR, useClass: PageViewInterceptor }],
  exports: [AuditService],
})
export class AuditRecordingModule {}
