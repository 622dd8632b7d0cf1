import {
  AGENTS,
  CONFIRMATION_CODES,
  FORMS,
  LEGS,
  type Checklist,
  type CompleteSessionRequest,
  type Compression,
  type ConfirmationInput,
  type Leg,
  type SclerosantAgent,
  type SclerosantForm,
} from '@venule/api-contract';
import { Type } from 'class-transformer';
import { IsInstant } from '../../platform/validation/date-fields';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class CompressionDto implements Compression {
  @IsOptional()
  @IsInt({ message: 'must be a whole number of mmHg' })
  @Min(5)
  @Max(60)
  mmHg?: number;

  @IsOptional()
  @IsInt({ message: 'must be a whole number of hours' })
  @Min(1)
  @Max(2000)
  hours?: number;
}

export class ChecklistDto implements Checklist {
  @IsBoolean()
  noLotions!: boolean;

  @IsBoolean()
  stockingsBrought!: boolean;
}

export class ConfirmationDto implements ConfirmationInput {
  @IsIn(CONFIRMATION_CODES, { message: `must be one of ${CONFIRMATION_CODES.join(', ')}` })
  code!: string;

  @IsString()
  @MinLength(3, { message: 'must give the clinical reason' })
  @MaxLength(500)
  reason!: string;
}

export class CompleteSessionDto implements CompleteSessionRequest {
  @IsArray({ message: 'must be a list of legs: left, right' })
  @ArrayMinSize(1, { message: 'must name the treated leg' })
  @ArrayUnique({ message: 'must not repeat a leg' })
  @IsIn(LEGS, { each: true, message: 'each leg must be left or right' })
  legs!: Leg[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  areas?: string[];

  @IsIn(AGENTS, { message: `must be one of ${AGENTS.join(', ')}` })
  agent!: SclerosantAgent;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  product?: string;

  @IsString()
  @MinLength(1, { message: 'must be the batch (lot) number on the vial' })
  @MaxLength(60)
  batchNumber!: string;

  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false }, { message: 'must be a number with at most 3 decimals (% w/v)' })
  @Min(0.01, { message: 'must be above 0 %' })
  @Max(5, { message: 'must be at most 5 %' })
  concentrationPercent!: number;

  @IsIn(FORMS, { message: 'must be liquid or foam' })
  form!: SclerosantForm;

  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'must be a number of mL with at most 2 decimals' })
  @Min(0.01, { message: 'must be above 0 mL' })
  @Max(100, { message: 'must be at most 100 mL' })
  volumeMl!: number;

  @IsInt({ message: 'must be a whole number of injections' })
  @Min(1)
  @Max(500)
  injections!: number;

  @IsDefined({ message: 'must give the compression prescribed ({} when none)' })
  @ValidateNested()
  @Type(() => CompressionDto)
  compression!: CompressionDto;

  @IsDefined({ message: 'must record the pre-treatment checklist' })
  @ValidateNested()
  @Type(() => ChecklistDto)
  checklist!: ChecklistDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => ConfirmationDto)
  confirmations?: ConfirmationDto[];

  @IsOptional()
  @IsInstant()
  treatedAt?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  immediateReactions?: string;
}

/** `?treatedAt=` of the completion form's facts: the time the treatment is being recorded for. */
export class CompletionFactsQuery {
  @IsOptional()
  @IsInstant()
  treatedAt?: string;
}
