import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClinicianOption, Diary, Page } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { DiaryQuery } from './dto/diary-query.dto';
import { DiaryService } from './diary.service';
import { clinicianOptionExample, diaryExample } from './diary.examples';

@ApiTags('diary')
@Controller('diary')
export class DiaryController {
  constructor(private readonly diary: DiaryService) {}

  @Allow('readBookings')
  @ApiOperation({
    summary:
      'Sessions and consultations from `from` to `to` (clinic dates, inclusive, at most 31 days), one lane per clinician; ' +
      'cancelled bookings are left out. Bookings only: no clinical detail.',
  })
  @ApiResult(200, contract('Diary'), diaryExample)
  @ApiProblems(400)
  @Get()
  get(@Query() query: DiaryQuery): Promise<Diary> {
    return this.diary.get(query.from, query.to, query.clinicianId);
  }
}

@ApiTags('diary')
@Controller('clinicians')
export class CliniciansController {
  constructor(private readonly diary: DiaryService) {}

  @Allow('readBookings')
  @ApiOperation({ summary: 'The active clinicians, by name: whom a session or consultation can be booked with.' })
  @ApiResult(200, pageOf('ClinicianOption'), pageExample([clinicianOptionExample]))
  @Get()
  list(): Promise<Page<ClinicianOption>> {
    return this.diary.clinicians();
  }
}
