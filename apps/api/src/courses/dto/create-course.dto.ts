import { LEGS, type CreateCourseRequest, type Leg } from '@venule/api-contract';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class CreateCourseDto implements CreateCourseRequest {
  @IsArray({ message: 'must be a list of legs: left, right' })
  @ArrayMinSize(1, { message: 'must name at least one leg' })
  @ArrayUnique({ message: 'must not repeat a leg' })
  @IsIn(LEGS, { each: true, message: 'each leg must be left or right' })
  legs!: Leg[];

  @IsOptional()
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'each area must not be empty' })
  @MaxLength(120, { each: true })
  areas?: string[];

  @IsInt({ message: 'must be a whole number of sessions' })
  @Min(1, { message: 'must be between 1 and 6' })
  @Max(6, { message: 'must be between 1 and 6' })
  plannedSessions!: number;
}
