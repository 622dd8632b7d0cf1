import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../platform/validation/date-fields';

export class DiaryQuery {
  @ApiProperty({ example: '2026-12-01', description: 'First clinic date shown' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-12-07', description: 'Last clinic date shown (inclusive), at most 31 days after `from`' })
  @IsCalendarDate()
  to!: string;

  @ApiPropertyOptional({ description: 'Only this clinician’s lane' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a clinician' })
  clinicianId?: string;
}
