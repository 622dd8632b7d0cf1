import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditEvent, AuditStaffMember, Page } from '@venule/api-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { sendAsCsv, wantsCsv } from '../platform/http/csv';
import { ApiProblems, ApiResult, listOf, pageExample, pageOf } from '../platform/openapi/api-docs';
import { auditCsv } from './audit.csv';
import { AuditTrailService } from './audit-trail.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { auditEventExample, auditStaffExample } from './audit.examples';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  @ApiOperation({
    summary: 'The audit trail, newest first',
    description:
      'Filters: patientId, actorId, from (inclusive), to (exclusive; a date includes that day), entity, action. With `Accept: text/csv`, every matching row (paging does not apply); the download is audited.',
  })
  @Allow('readAudit')
  @ApiResult(200, pageOf('AuditEvent'), pageExample([auditEventExample]), { csv: auditCsv([auditEventExample]) })
  @ApiProblems(400)
  @Get()
  async list(
    @Query() query: AuditQueryDto,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<AuditEvent> | string> {
    if (!wantsCsv(request)) return this.trail.list(query);
    sendAsCsv(reply, 'audit-trail');
    return auditCsv(await this.trail.export(query, staff));
  }

  @ApiOperation({ summary: 'Every staff account by name, for the audit trail’s staff filter' })
  @Allow('readAudit')
  @ApiResult(200, listOf('AuditStaffMember'), [auditStaffExample])
  @Get('staff')
  staff(): Promise<AuditStaffMember[]> {
    return this.trail.staff();
  }
}
