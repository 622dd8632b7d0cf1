import type { UpdateCourseRequest } from '@venule/api-contract';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsRecordVersion } from '../../platform/http/record-version';
import { RecordOutcomeDto } from './record-outcome.dto';

export class UpdateCourseDto implements UpdateCourseRequest {
  @IsRecordVersion()
  version!: number;

  @IsOptional()
  @IsIn(['completed', 'discontinued'], { message: 'must be completed (close with an outcome) or discontinued (with a reason)' })
  status?: 'completed' | 'discontinued';

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(3, { message: 'must say why the course is discontinued' })
  @MaxLength(500)
  discontinuedReason?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => RecordOutcomeDto)
  outcome?: RecordOutcomeDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  areas?: string[];

  @IsOptional()
  @IsInt()
  @Min(1, { message: 'must be between 1 and 6' })
  @Max(6, { message: 'must be between 1 and 6' })
  plannedSessions?: number;
}
