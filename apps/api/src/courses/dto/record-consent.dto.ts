import type { ConsentInput } from '@venule/api-contract';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from '../../platform/validation/date-fields';

export class RecordConsentDto implements ConsentInput {
  @IsCalendarDate()
  consentedOn!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'must name the consent form version, e.g. v3' })
  @MaxLength(40)
  formVersion!: string;
}
