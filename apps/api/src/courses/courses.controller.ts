import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Consent, Course, Outcome, Page } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { PagingQuery } from '../platform/http/paging.dto';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { CoursesService } from './courses.service';
import { CreateCourseDto } from './dto/create-course.dto';
import { RecordConsentDto } from './dto/record-consent.dto';
import { RecordOutcomeDto } from './dto/record-outcome.dto';
import { UpdateCourseDto } from './dto/update-course.dto';
import { consentExample, courseExample, createCourseExample, outcomeExample, updateCourseExample } from './courses.examples';

const uuid = new ParseUUIDPipe();

@ApiTags('courses')
@Controller()
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Allow('readBookings')
  @ApiOperation({ summary: "A patient's treatment courses, active first. Reception sees bookings, not clinical detail." })
  @ApiResult(200, pageOf('Course'), pageExample([courseExample]))
  @ApiProblems(400, 404)
  @Get('patients/:id/courses')
  list(@Param('id', uuid) id: string, @Query() page: PagingQuery, @CurrentStaff() staff: SignedInStaff): Promise<Page<Course>> {
    return this.courses.listForPatient(id, staff, page.limit, page.offset);
  }

  @Allow('writeClinical')
  @ApiOperation({ summary: 'Plan a course. Never refused for clearance: `warnings` names every leg not cleared today.' })
  @ApiBodyExample(CreateCourseDto, createCourseExample)
  @ApiResult(201, contract('Course'), { ...courseExample, warnings: [] })
  @ApiProblems(400, 404)
  @Post('patients/:id/courses')
  create(@Param('id', uuid) id: string, @Body() body: CreateCourseDto, @CurrentStaff() staff: SignedInStaff): Promise<Course> {
    return this.courses.create(id, body, staff);
  }

  @Allow('readBookings')
  @ApiResult(200, contract('Course'), courseExample)
  @ApiProblems(404)
  @Get('courses/:id')
  get(@Param('id', uuid) id: string, @CurrentStaff() staff: SignedInStaff): Promise<Course> {
    return this.courses.get(id, staff);
  }

  @Allow('writeClinical')
  @ApiOperation({
    summary:
      'Change an active course: close it (status completed, with an outcome), discontinue it (with a reason), ' +
      'or change areas / planned sessions. A closed course answers 422 COURSE_CLOSED. Closing cancels its booked sessions.',
  })
  @ApiBodyExample(UpdateCourseDto, updateCourseExample)
  @ApiResult(200, contract('Course'), { ...courseExample, version: 4, plannedSessions: 4 })
  @ApiProblems(400, 404, 409, { code: 'COURSE_CLOSED', detail: 'This course is closed: it cannot change.' })
  @Patch('courses/:id')
  update(@Param('id', uuid) id: string, @Body() body: UpdateCourseDto, @CurrentStaff() staff: SignedInStaff): Promise<Course> {
    return this.courses.update(id, body, staff);
  }

  @Allow('writeClinical')
  @ApiBodyExample(RecordConsentDto, { consentedOn: '2026-03-17', formVersion: 'MS-consent-2025-09' })
  @ApiResult(201, contract('Consent'), consentExample)
  @ApiProblems(400, 404, { code: 'COURSE_CLOSED', detail: 'This course is closed: it cannot change.' })
  @Post('courses/:id/consent')
  consent(@Param('id', uuid) id: string, @Body() body: RecordConsentDto, @CurrentStaff() staff: SignedInStaff): Promise<Consent> {
    return this.courses.recordConsent(id, body, staff);
  }

  @Allow('writeClinical')
  @HttpCode(201)
  @ApiBodyExample(RecordOutcomeDto, {
    assessedOn: '2026-06-09',
    ratedBy: 'patient',
    improvementPercent: 70,
    notes: 'Pleased with the left thigh.',
  })
  @ApiResult(201, contract('Outcome'), outcomeExample)
  @ApiProblems(400, 404)
  @Post('courses/:id/outcomes')
  outcome(@Param('id', uuid) id: string, @Body() body: RecordOutcomeDto, @CurrentStaff() staff: SignedInStaff): Promise<Outcome> {
    return this.courses.recordOutcome(id, body, staff);
  }
}
