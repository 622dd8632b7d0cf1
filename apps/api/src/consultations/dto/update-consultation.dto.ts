import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSULTATION_MINUTES,
  CONSULTATION_STATUS_CHANGES,
  type ConsultationStatusChange,
  type UpdateConsultationRequest,
} from '@venule/api-contract';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../platform/validation/date-fields';
import { Tidy } from '../../patients/dto/patient-fields';

const MINUTES = `must be between ${CONSULTATION_MINUTES.min} and ${CONSULTATION_MINUTES.max} minutes`;

export class UpdateConsultationDto implements UpdateConsultationRequest {
  @ApiProperty({ description: 'The version you read; 409 VERSION_CONFLICT when someone changed it since' })
  @IsInt({ message: 'must be the version of the consultation you are changing' })
  @Min(1, { message: 'must be the version of the consultation you are changing' })
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(CONSULTATION_MINUTES.min, { message: MINUTES })
  @Max(CONSULTATION_MINUTES.max, { message: MINUTES })
  durationMinutes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a clinician' })
  clinicianId?: string;

  @ApiPropertyOptional({ enum: CONSULTATION_STATUS_CHANGES, description: 'Cancelling keeps a deposit paid (non-refundable)' })
  @IsOptional()
  @IsIn(CONSULTATION_STATUS_CHANGES, { message: `must be one of ${CONSULTATION_STATUS_CHANGES.join(', ')}` })
  status?: ConsultationStatusChange;

  @ApiPropertyOptional({ maxLength: 500 })
  @Tidy(true)
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  reason?: string;
}
