import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AdverseEvent, Page } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { adverseEventExample } from './adverse-events.examples';
import { AdverseEventsService } from './adverse-events.service';
import { RecordAdverseEventDto, ResolveAdverseEventDto } from './dto/record-adverse-event.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('sessions')
@Controller()
export class AdverseEventsController {
  constructor(private readonly events: AdverseEventsService) {}

  @Allow('readClinical')
  @ApiResult(200, pageOf('AdverseEvent'), pageExample([adverseEventExample]))
  @ApiProblems(404)
  @Get('sessions/:id/adverse-events')
  adverseEvents(@Param('id', uuid) id: string, @CurrentStaff() staff: SignedInStaff): Promise<Page<AdverseEvent>> {
    return this.events.ofSession(id, staff);
  }

  @Allow('writeClinical')
  @ApiOperation({
    summary: 'Logs an adverse event against a completed session. 409 SESSION_NOT_COMPLETED before the session is completed.',
  })
  @ApiBodyExample(RecordAdverseEventDto, {
    type: 'hyperpigmentation',
    severity: 'mild',
    onsetOn: '2026-04-27',
    notes: adverseEventExample.notes ?? undefined,
  })
  @ApiResult(201, contract('AdverseEvent'), adverseEventExample)
  @ApiProblems(400, 404, { code: 'SESSION_NOT_COMPLETED', detail: 'Adverse events can only be logged against a completed session.' })
  @Post('sessions/:id/adverse-events')
  recordAdverseEvent(
    @Param('id', uuid) id: string,
    @Body() body: RecordAdverseEventDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<AdverseEvent> {
    return this.events.record(id, body, staff);
  }

  @Allow('writeClinical')
  @ApiOperation({
    summary:
      'Marks an adverse event resolved. 409 ADVERSE_EVENT_ALREADY_RESOLVED when it already is; resolvedOn runs from the onset to today.',
  })
  @ApiBodyExample(ResolveAdverseEventDto, { resolvedOn: '2026-06-01' })
  @ApiResult(200, contract('AdverseEvent'), { ...adverseEventExample, version: 2, resolved: true, resolvedOn: '2026-06-01' })
  @ApiProblems(400, 404, { code: 'ADVERSE_EVENT_ALREADY_RESOLVED', detail: 'This adverse event is already resolved.' })
  @Post('adverse-events/:id/resolve')
  @HttpCode(200)
  resolveAdverseEvent(
    @Param('id', uuid) id: string,
    @Body() body: ResolveAdverseEventDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<AdverseEvent> {
    return this.events.resolve(id, body.resolvedOn, staff);
  }
}
