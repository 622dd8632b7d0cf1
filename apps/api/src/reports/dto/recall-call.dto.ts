import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECALL_CALL_OUTCOMES, type RecallCallInput, type RecallCallOutcome } from '@venule/api-contract';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class RecallCallDto implements RecallCallInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a course id' })
  courseId!: string;

  @ApiProperty({ enum: RECALL_CALL_OUTCOMES })
  @IsIn(RECALL_CALL_OUTCOMES, { message: `must be one of ${RECALL_CALL_OUTCOMES.join(', ')}` })
  outcome!: RecallCallOutcome;

  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
