import { ApiPropertyOptional } from '@nestjs/swagger';
import type { OutcomesQuery } from '@venule/api-contract';
import { IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../platform/validation/date-fields';

export class OutcomesQueryDto implements OutcomesQuery {
  @ApiPropertyOptional({ description: 'First clinic date of the period (default: a year before `to`).' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last clinic date of the period, inclusive (default: today).' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One clinician; omitted: the whole clinic.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a staff id' })
  clinicianId?: string;
}
