import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditService } from './audit.service';
import { AuditRepository } from './audit.repository';
import { PageViewInterceptor } from './page-view';

@Global()
@Module({ providers: [AuditService, AuditRepository, { provide: APP_INTERCEPTOR, useClass: PageViewInterceptor }], exports: [AuditService] })
export class AuditRecordingModule {}
