import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Diary } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { DiaryQuery } from './dto/diary-query.dto';
import { DiaryService } from './diary.service';

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
  @Get()
  get(@Query() query: DiaryQuery): Promise<Diary> {
    return this.diary.get(query.from, query.to, query.clinicianId);
  }
}
