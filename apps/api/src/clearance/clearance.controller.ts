import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clearance, ClearanceBatch } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiProblems, ApiResult, contract } from '../platform/openapi/api-docs';
import { clearanceBatchExample, clearanceExample } from '../scans/scans.examples';
import { ClearanceService } from './clearance.service';
import { ClearanceBatchQueryDto, ClearanceQuery } from './dto/clearance-query.dto';

@ApiTags('clearance')
@Controller()
export class ClearanceController {
  constructor(private readonly clearance: ClearanceService) {}

  @Allow('readClearance')
  @ApiResult(200, contract('Clearance'), clearanceExample)
  @ApiProblems(400, 404)
  @Get('patients/:id/clearance')
  @ApiOperation({
    summary: 'Clearance of one patient on a date (SPEC §1.1–1.3)',
    description:
      '`{patientId, on, eligible, legs: {left, right: {status, validUntil?, scanId?, reasons}}, blockers: [{code, message}]}`. ' +
      'Leg status is cleared | no_scan | expired | referred | inconclusive; blockers are MEDICAL_HISTORY_REQUIRED, CONTRAINDICATED, UNDER_18. ' +
      '`on` defaults to today in the clinic time zone. Never contains scan findings; for reception a contraindication is not named.',
  })
  forPatient(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ClearanceQuery,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<Clearance> {
    return this.clearance.forPatient(id, query.on, staff);
  }

  @Allow('readClearance')
  @ApiResult(200, contract('ClearanceBatch'), clearanceBatchExample)
  @ApiProblems(400)
  @Get('clearance')
  @ApiOperation({
    summary: 'Clearance badges for many patients at once (search results)',
    description:
      '`?patientIds=a,b,c&on=YYYY-MM-DD` (1–100 ids) → `{on, items: [{patientId, eligible, legs: {left, right: {status, validUntil?}}, blockers}]}` ' +
      'in the order asked, each id once; ids of no patient are left out. Each patient shown is audited as a clearance read.',
  })
  forPatients(@Query() query: ClearanceBatchQueryDto, @CurrentStaff() staff: SignedInStaff): Promise<ClearanceBatch> {
    return this.clearance.forPatients(query.patientIds, query.on, staff);
  }
}
