import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CourseProgressPage, OutcomesReport, OverdueReport, RecallCall } from '@venule/api-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { sendAsCsv, wantsCsv } from '../platform/http/csv';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { CourseProgressQueryDto } from './dto/course-progress-query.dto';
import { OutcomesQueryDto } from './dto/outcomes-query.dto';
import { RecallCallDto } from './dto/recall-call.dto';
import { courseProgressCsv, outcomesCsv, overdueCsv } from './reports.csv';
import { ReportsService } from './reports.service';
import {
  courseProgressRowExample,
  outcomesReportExample,
  overdueReportExample,
  recallCallExample,
  recallCallInputExample,
} from './reports.examples';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @ApiOperation({
    summary: 'Every active course: sessions, last and next session, window state, days overdue, latest ratings',
    description: 'A page of rows; with `Accept: text/csv`, every matching row (filters and sort apply, paging does not).',
  })
  @Allow('readReports')
  @ApiResult(200, pageOf('CourseProgressRow'), pageExample([courseProgressRowExample]), {
    csv: courseProgressCsv([courseProgressRowExample]),
  })
  @ApiProblems(400)
  @Get('course-progress')
  async courseProgress(
    @Query() query: CourseProgressQueryDto,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CourseProgressPage | string> {
    if (!wantsCsv(request)) return this.reports.courseProgress(query, staff);
    sendAsCsv(reply, 'course-progress');
    return courseProgressCsv((await this.reports.courseProgress(query, staff, true)).items);
  }

  @ApiOperation({
    summary: 'Who to phone: overdue courses, recalls due, clear scans running out',
    description: 'Reception gets names, phone numbers and dates only; clinicians and managers also each course’s legs and sessions.',
  })
  @Allow('readRecallList')
  @ApiResult(200, contract('OverdueReport'), overdueReportExample, { csv: overdueCsv(overdueReportExample) })
  @Get('overdue')
  async overdue(
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OverdueReport | string> {
    if (!wantsCsv(request)) return this.reports.overdue(staff);
    sendAsCsv(reply, 'overdue');
    return overdueCsv(await this.reports.overdue(staff, true));
  }

  @ApiOperation({ summary: 'What came of a call from the overdue or recall list: left a message, booked or declined' })
  @Allow('readRecallList')
  @ApiBodyExample(RecallCallDto, recallCallInputExample)
  @ApiResult(201, contract('RecallCall'), recallCallExample)
  @ApiProblems(400, 404)
  @Post('overdue/calls')
  recordCall(@Body() body: RecallCallDto, @CurrentStaff() staff: SignedInStaff): Promise<RecallCall> {
    return this.reports.recordCall(body, staff);
  }

  @ApiOperation({ summary: 'Outcomes against the clinic’s promise over a period, for the clinic or one clinician' })
  @Allow('readReports')
  @ApiResult(200, contract('OutcomesReport'), outcomesReportExample, { csv: outcomesCsv(outcomesReportExample) })
  @ApiProblems(400)
  @Get('outcomes')
  async outcomes(
    @Query() query: OutcomesQueryDto,
    @CurrentStaff() staff: SignedInStaff,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutcomesReport | string> {
    if (!wantsCsv(request)) return this.reports.outcomes(query, staff);
    sendAsCsv(reply, 'outcomes');
    return outcomesCsv(await this.reports.outcomes(query, staff, true));
  }
}
