import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTIVE_COURSE_STATES,
  COURSE_PROGRESS_SORTS,
  LEGS,
  type ActiveCourseState,
  type CourseProgressQuery,
  type CourseProgressSort,
  type Leg,
} from '@venule/api-contract';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../platform/validation/date-fields';
import { PagingQuery } from '../../platform/http/paging.dto';

export class CourseProgressQueryDto extends PagingQuery implements CourseProgressQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Courses counted under this clinician (who gave the latest session, else who planned it).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a staff id' })
  clinicianId?: string;

  @ApiPropertyOptional({ enum: ACTIVE_COURSE_STATES })
  @IsOptional()
  @IsIn(ACTIVE_COURSE_STATES, { message: `must be one of ${ACTIVE_COURSE_STATES.join(', ')}` })
  state?: ActiveCourseState;

  @ApiPropertyOptional({ description: 'Courses planned on or after this clinic date.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Courses planned on or before this clinic date.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: LEGS, description: 'Courses treating this leg.' })
  @IsOptional()
  @IsIn(LEGS, { message: 'must be left or right' })
  leg?: Leg;

  @ApiPropertyOptional({ enum: COURSE_PROGRESS_SORTS, default: 'daysOverdue' })
  @IsOptional()
  @IsIn(COURSE_PROGRESS_SORTS, { message: `must be one of ${COURSE_PROGRESS_SORTS.join(', ')}` })
  sort?: CourseProgressSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'Default: desc for daysOverdue, else asc.' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'must be asc or desc' })
  direction?: 'asc' | 'desc';
}
