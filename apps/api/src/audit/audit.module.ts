import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';
import { AuditRepository } from './audit.repository';

@Module({ controllers: [AuditController], providers: [AuditTrailService, AuditRepository] })
export class AuditModule {}
