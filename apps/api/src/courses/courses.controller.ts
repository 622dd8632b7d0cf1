import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Consent, Course, Outcome, Page } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { PagingQuery } from '../platform/http/paging.dto';
import { CoursesService } from './courses.service';
import { CreateCourseDto } from './dto/create-course.dto';
import { RecordConsentDto } from './dto/record-consent.dto';
import { RecordOutcomeDto } from './dto/record-outcome.dto';
import { UpdateCourseDto } from './dto/update-course.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('courses')
@Controller()
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Allow('readBookings')
  @ApiOperation({ summary: "A patient's treatment courses, active first. Reception sees bookings, not clinical detail." })
  @Get('patients/:id/courses')
  list(@Param('id', uuid) id: string, @Query() page: PagingQuery, @CurrentStaff() staff: SignedInStaff): Promise<Page<Course>> {
    return this.courses.listForPatient(id, staff, page.limit, page.offset);
  }

  @Allow('writeClinical')
  @ApiOperation({ summary: 'Plan a course. Never refused for clearance: `warnings` names every leg not cleared today.' })
  @Post('patients/:id/courses')
  create(@Param('id', uuid) id: string, @Body() body: CreateCourseDto, @CurrentStaff() staff: SignedInStaff): Promise<Course> {
    return this.courses.create(id, body, staff);
  }

  @Allow('readBookings')
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
  @Patch('courses/:id')
  update(@Param('id', uuid) id: string, @Body() body: UpdateCourseDto, @CurrentStaff() staff: SignedInStaff): Promise<Course> {
    return this.courses.update(id, body, staff);
  }

  @Allow('writeClinical')
  @Post('courses/:id/consent')
  consent(@Param('id', uuid) id: string, @Body() body: RecordConsentDto, @CurrentStaff() staff: SignedInStaff): Promise<Consent> {
    return this.courses.recordConsent(id, body, staff);
  }

  @Allow('writeClinical')
  @HttpCode(201)
  @Post('courses/:id/outcomes')
  outcome(@Param('id', uuid) id: string, @Body() body: RecordOutcomeDto, @CurrentStaff() staff: SignedInStaff): Promise<Outcome> {
    return this.courses.recordOutcome(id, body, staff);
  }
}
