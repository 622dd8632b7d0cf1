import type { BookSessionRequest } from '@venule/api-contract';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsInstant } from '../../platform/validation/date-fields';

export class BookSessionDto implements BookSessionRequest {
  @IsInstant()
  scheduledFor!: string;

  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a clinician' })
  clinicianId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a consultation' })
  consultationId?: string;

  @IsOptional()
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(10, { message: 'must be between 10 and 240 minutes' })
  @Max(240, { message: 'must be between 10 and 240 minutes' })
  durationMinutes?: number;
}
