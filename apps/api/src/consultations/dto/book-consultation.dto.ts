import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSULTATION_MINUTES, CONSULTATION_TYPES, type BookConsultationRequest, type ConsultationType } from '@venule/api-contract';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsInstant } from '../../platform/validation/date-fields';

const MINUTES = `must be between ${CONSULTATION_MINUTES.min} and ${CONSULTATION_MINUTES.max} minutes`;

/** A consultation without its patient: what converting an enquiry books. */
export class ConsultationSlotDto implements Omit<BookConsultationRequest, 'patientId'> {
  @ApiProperty({ enum: CONSULTATION_TYPES })
  @IsIn(CONSULTATION_TYPES, { message: `must be one of ${CONSULTATION_TYPES.join(', ')}` })
  type!: ConsultationType;

  @ApiPropertyOptional({ description: 'Required for a named-doctor consultation' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a clinician' })
  clinicianId?: string;

  @ApiProperty({ example: '2026-12-09T10:00:00Z' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ minimum: CONSULTATION_MINUTES.min, maximum: CONSULTATION_MINUTES.max, example: CONSULTATION_MINUTES.default })
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(CONSULTATION_MINUTES.min, { message: MINUTES })
  @Max(CONSULTATION_MINUTES.max, { message: MINUTES })
  durationMinutes!: number;
}

export class BookConsultationDto extends ConsultationSlotDto implements BookConsultationRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'must be the id of a patient' })
  patientId!: string;
}
