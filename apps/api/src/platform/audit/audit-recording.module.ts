import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuditRecordingRepository } from './audit-recording.repository';

@Global()
@Module({
  providers: [AuditService, AuditRecordingRepository],
  exports: [AuditService],
})
export class AuditRecordingModule {}
