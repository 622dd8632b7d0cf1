import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEvent, Page } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { AuditTrailService } from './audit-trail.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  @ApiOperation({ summary: 'The audit trail, newest first', description: 'Filters: patientId, actorId, from (inclusive), to (exclusive; a date includes that day), entity, action.' })
  @Allow('readAudit')
  @Get()
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEvent>> {
    return this.trail.list(query);
  }
}
