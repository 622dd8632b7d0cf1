import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ABSOLUTE_CONTRAINDICATIONS,
  RELATIVE_CONTRAINDICATIONS,
  type Ceap,
  type ConditionCode,
  type MedicalHistoryInput,
  type RelativeContraindication,
} from '@venule/api-contract';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsNumber, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { IsRealDate } from '../../patients/dto/patient-fields';
import { IsRecordVersion } from '../../platform/http/record-version';

/** CEAP of one leg (CEAP 2020): clinical class C0–C6 (C2r, C4a–c, C6r), etiology, anatomy, pathophysiology. */
export class CeapDto implements Ceap {
  @ApiProperty({ example: 'C1', description: 'C0, C1, C2, C2r, C3, C4a, C4b, C4c, C5, C6, C6r' })
  @Matches(/^C(0|1|2r?|3|4[abc]|5|6r?)$/, { message: 'must be a CEAP clinical class: C0, C1, C2, C2r, C3, C4a, C4b, C4c, C5, C6 or C6r' })
  c!: string;

  @ApiPropertyOptional({ example: 'Ep', description: 'Ec, Ep, Es, Esi, Ese or En' })
  @IsOptional()
  @Matches(/^E(c|p|s|si|se|n)$/, { message: 'must be a CEAP etiology: Ec, Ep, Es, Esi, Ese or En' })
  e?: string;

  @ApiPropertyOptional({ example: 'As', description: 'As, Ap, Ad or An' })
  @IsOptional()
  @Matches(/^A(s|p|d|n)$/, { message: 'must be a CEAP anatomy: As, Ap, Ad or An' })
  a?: string;

  @ApiPropertyOptional({ example: 'Pn', description: 'Pr, Po, Pr,o or Pn' })
  @IsOptional()
  @Matches(/^P(r|o|r,o|n)$/, { message: 'must be a CEAP pathophysiology: Pr, Po, Pr,o or Pn' })
  p?: string;

  @ApiPropertyOptional({ example: '2026-01-05' })
  @IsOptional()
  @IsRealDate()
  assessedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  symptomatic?: boolean;
}

export class CeapLegsDto {
  @ApiPropertyOptional({ type: CeapDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CeapDto)
  left?: CeapDto;

  @ApiPropertyOptional({ type: CeapDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CeapDto)
  right?: CeapDto;
}

const ALL_CODES = [...ABSOLUTE_CONTRAINDICATIONS, ...RELATIVE_CONTRAINDICATIONS];

/**
 * `PUT /api/patients/:id/medical-history` replaces the whole history. Every relative condition in
 * `conditions` needs a note in `acknowledgements` under its code.
 */
export class PutMedicalHistoryDto implements MedicalHistoryInput {
  @ApiProperty({ enum: ALL_CODES, isArray: true, example: ['smoking'] })
  @IsArray({ message: 'must be a list of condition codes' })
  @ArrayMaxSize(ALL_CODES.length)
  @IsString({ each: true, message: 'must be a list of condition codes' })
  conditions!: ConditionCode[];

  @ApiPropertyOptional({
    example: { smoking: '10 a day; advised to stop; accepts the risk' },
    description: 'A clinician’s note per relative condition present',
  })
  @IsOptional()
  @IsObject({ message: 'must be an object of notes keyed by condition code' })
  acknowledgements: Partial<Record<RelativeContraindication, string>> = {};

  @ApiPropertyOptional({ type: Number, nullable: true, example: 64.5, description: 'kg, 30–250, one decimal place' })
  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 },
    { message: 'must be a number of kilograms with at most one decimal place' },
  )
  weightKg: number | null = null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-01-05',
    description: 'When the weight was measured; not in the future',
  })
  @IsOptional()
  @IsRealDate()
  weightMeasuredOn: string | null = null;

  @ApiPropertyOptional({ type: CeapLegsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CeapLegsDto)
  ceap?: CeapLegsDto;

  @ApiPropertyOptional({ description: 'The version read. Leave out only when recording the first history.' })
  @IsOptional()
  @IsRecordVersion('must be the whole-number version of the history you read')
  version?: number;
}
