import { ApiPropertyOptional } from '@nestjs/swagger';
import { CONSULTATION_STATUSES, type ConsultationStatus } from '@venule/api-contract';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../platform/validation/date-fields';
import { PagingQuery } from '../../platform/http/paging.dto';

export class ListConsultationsQuery extends PagingQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a patient' })
  patientId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a clinician' })
  clinicianId?: string;

  @ApiPropertyOptional({ enum: CONSULTATION_STATUSES })
  @IsOptional()
  @IsIn(CONSULTATION_STATUSES, { message: `must be one of ${CONSULTATION_STATUSES.join(', ')}` })
  status?: ConsultationStatus;

  @ApiPropertyOptional({ description: 'From this clinic date (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'To this clinic date (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
