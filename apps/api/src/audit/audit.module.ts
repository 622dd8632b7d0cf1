import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';

@Module({ controllers: [AuditController], providers: [AuditTrailService] })
export class AuditModule {}
