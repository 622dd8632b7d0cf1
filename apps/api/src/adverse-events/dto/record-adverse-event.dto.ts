import {
  ADVERSE_EVENT_TYPES,
  SEVERITIES,
  type AdverseEventInput,
  type AdverseEventResolution,
  type AdverseEventType,
  type Severity,
} from '@venule/api-contract';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../platform/validation/date-fields';

export class RecordAdverseEventDto implements AdverseEventInput {
  @IsIn(ADVERSE_EVENT_TYPES, { message: `must be one of ${ADVERSE_EVENT_TYPES.join(', ')}` })
  type!: AdverseEventType;

  @IsIn(SEVERITIES, { message: 'must be mild, moderate or severe' })
  severity!: Severity;

  @IsCalendarDate()
  onsetOn!: string;

  @IsOptional()
  @IsBoolean()
  resolved?: boolean;

  @IsOptional()
  @IsCalendarDate()
  resolvedOn?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class ResolveAdverseEventDto implements AdverseEventResolution {
  @IsCalendarDate()
  resolvedOn!: string;
}
