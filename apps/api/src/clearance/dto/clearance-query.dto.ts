import { CLEARANCE_BATCH_MAX, type ClearanceBatchQuery, type IsoDate } from '@venule/api-contract';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../scans/dto/is-calendar-date';

export class ClearanceQuery {
  /** The clinic calendar date to judge clearance on; today in the clinic time zone when absent. */
  @IsOptional()
  @IsCalendarDate()
  on?: IsoDate;
}

const splitIds = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : value;

export class ClearanceBatchQueryDto implements Omit<ClearanceBatchQuery, 'patientIds'> {
  /** Comma-separated patient ids (at most 100). Unknown ids are left out of the answer. */
  @Transform(splitIds)
  @IsArray({ message: 'must be a comma-separated list of patient ids' })
  @ArrayMinSize(1, { message: 'must name at least one patient' })
  @ArrayMaxSize(CLEARANCE_BATCH_MAX, { message: `may name at most ${CLEARANCE_BATCH_MAX} patients` })
  @IsUUID('all', { each: true, message: 'must be patient ids (UUIDs)' })
  patientIds!: string[];

  @IsOptional()
  @IsCalendarDate()
  on?: IsoDate;
}
