import { ApiPropertyOptional } from '@nestjs/swagger';
import type { PatientSearchQuery } from '@venule/api-contract';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PagingQuery } from '../../platform/http/paging.dto';

export class SearchPatientsQuery extends PagingQuery implements PatientSearchQuery {
  @ApiPropertyOptional({
    description:
      'Name fragments (accent- and case-insensitive, typo-tolerant), clinic number (VN-001234 or 1234), phone digits in any format, or date of birth (YYYY-MM-DD or DD/MM/YYYY)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  q?: string;

  @ApiPropertyOptional({ description: 'Include archived patients (default false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  includeArchived?: boolean;
}
