import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import type { UpdatePatientRequest } from '@venule/api-contract';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsRecordVersion } from '../../platform/http/record-version';
import { PatientFieldsDto } from './register-patient.dto';

/** Any subset of the demographics, the version read, and `archived` to archive or restore. */
export class UpdatePatientDto extends PartialType(PatientFieldsDto) implements UpdatePatientRequest {
  @ApiProperty({ description: 'The version read; a stale one answers 409 VERSION_CONFLICT' })
  @IsRecordVersion()
  version!: number;

  @ApiPropertyOptional({ description: 'true archives (hidden from lists and search), false restores' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  archived?: boolean;
}
