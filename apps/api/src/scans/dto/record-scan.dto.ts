import {
  SCAN_CONCLUSIONS,
  SCAN_FINDINGS,
  type IsoDate,
  type RecordScanRequest,
  type ScanConclusion,
  type ScanFinding,
  type ScanLegInput,
} from '@venule/api-contract';
import { Transform, Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from './is-calendar-date';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ScanLegDto implements ScanLegInput {
  /** Coded findings; an empty list when nothing abnormal was found. */
  @IsArray({ message: 'must be a list of finding codes (empty when none)' })
  @ArrayUnique({ message: 'must not repeat a finding' })
  @IsIn(SCAN_FINDINGS, { each: true, message: `each must be one of ${SCAN_FINDINGS.join(', ')}` })
  findings!: ScanFinding[];

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  notes?: string | null;

  @IsIn(SCAN_CONCLUSIONS, { message: `must be one of ${SCAN_CONCLUSIONS.join(', ')}` })
  conclusion!: ScanConclusion;
}

export class ScanLegsDto {
  /** Absent when the left leg was not scanned. */
  @IsOptional()
  @IsObject({ message: 'must be an object with findings and conclusion' })
  @ValidateNested()
  @Type(() => ScanLegDto)
  left?: ScanLegDto;

  /** Absent when the right leg was not scanned. */
  @IsOptional()
  @IsObject({ message: 'must be an object with findings and conclusion' })
  @ValidateNested()
  @Type(() => ScanLegDto)
  right?: ScanLegDto;
}

export class RecordScanDto implements RecordScanRequest {
  /** Scan date, not after today in the clinic time zone. */
  @IsCalendarDate()
  performedOn!: IsoDate;

  /** Who performed the scan: the clinic's vascular lab or an outside service. */
  @Transform(trim)
  @IsString({ message: 'must say who performed the scan' })
  @MinLength(1, { message: 'must say who performed the scan' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  performedBy!: string;

  /** At least one of left and right. */
  @IsObject({ message: 'must be an object with left and/or right' })
  @ValidateNested()
  @Type(() => ScanLegsDto)
  legs!: ScanLegsDto;
}
