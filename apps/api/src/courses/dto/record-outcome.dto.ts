import { OUTCOME_RATERS, type OutcomeInput, type OutcomeRater } from '@venule/api-contract';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../platform/validation/date-fields';

export class RecordOutcomeDto implements OutcomeInput {
  @IsCalendarDate()
  assessedOn!: string;

  @IsIn(OUTCOME_RATERS, { message: 'must be patient or clinician' })
  ratedBy!: OutcomeRater;

  @IsInt({ message: 'must be a whole percentage' })
  @Min(0, { message: 'must be between 0 and 100' })
  @Max(100, { message: 'must be between 0 and 100' })
  improvementPercent!: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}
