import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  WEEKDAYS,
  type ClinicIdentity,
  type ClinicianWorkingDays,
  type OpeningHours,
  type OpeningTimes,
  type UpdateClinicSettingsRequest,
  type Weekday,
} from '@venule/api-contract';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsPlausiblePhone, Tidy } from '../../patients/dto/patient-fields';
import { IsRecordVersion } from '../../platform/http/record-version';

/** A whole number within [min, max], said the way the form says it. */
const WholeNumber = (min: number, max: number, unit: string) => {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return (target: object, property: string) => {
    IsInt({ message })(target, property);
    Min(min, { message })(target, property);
    Max(max, { message })(target, property);
  };
};

const Required = () => IsDefined({ message: 'is required' });
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export class ClinicIdentityDto implements ClinicIdentity {
  @ApiProperty({ example: 'Harbour Vein Clinic' })
  @Tidy()
  @Required()
  @IsString({ message: 'must be text' })
  @MinLength(2, { message: 'must be at least 2 characters' })
  @MaxLength(120, { message: 'must be at most 120 characters' })
  name!: string;

  @ApiProperty({ example: '14 Quay Street, Bristol BS1 4DB' })
  @Tidy()
  @Required()
  @IsString({ message: 'must be text' })
  @MinLength(5, { message: 'must be the clinic’s postal address' })
  @MaxLength(300, { message: 'must be at most 300 characters' })
  address!: string;

  @ApiProperty({ example: '0117 496 0321' })
  @Tidy()
  @Required()
  @IsPlausiblePhone()
  phone!: string;

  @ApiProperty({ example: '07700 900461', description: 'What a patient calls about a reaction when the clinic is closed' })
  @Tidy()
  @Required()
  @IsPlausiblePhone()
  outOfHoursPhone!: string;
}

export class OpeningTimesDto implements OpeningTimes {
  @ApiProperty({ example: '09:00' })
  @Required()
  @Matches(CLOCK, { message: 'must be a time of day, HH:MM (24-hour)' })
  opens!: string;

  @ApiProperty({ example: '18:00' })
  @Required()
  @Matches(CLOCK, { message: 'must be a time of day, HH:MM (24-hour)' })
  closes!: string;
}

/** A day left out is refused (the whole week is sent); `null` is a closed day. */
const Day = () => (target: object, property: string) => {
  ApiProperty({ type: OpeningTimesDto, nullable: true })(target, property);
  ValidateIf((_, value) => value !== null)(target, property);
  IsObject({ message: 'must be the opening and closing times, or null when closed' })(target, property);
  ValidateNested()(target, property);
  Type(() => OpeningTimesDto)(target, property);
};

export class OpeningHoursDto implements OpeningHours {
  @Day() monday!: OpeningTimesDto | null;
  @Day() tuesday!: OpeningTimesDto | null;
  @Day() wednesday!: OpeningTimesDto | null;
  @Day() thursday!: OpeningTimesDto | null;
  @Day() friday!: OpeningTimesDto | null;
  @Day() saturday!: OpeningTimesDto | null;
  @Day() sunday!: OpeningTimesDto | null;
}

export class ClinicianWorkingDaysDto implements ClinicianWorkingDays {
  @ApiProperty()
  @IsUUID('all', { message: 'must be the id of a clinician' })
  clinicianId!: string;

  @ApiPropertyOptional({ description: 'Ignored: the name comes from the staff account' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  displayName?: string;

  @ApiProperty({ enum: WEEKDAYS, isArray: true })
  @IsArray({ message: 'must be a list of weekdays' })
  @ArrayMaxSize(7, { message: 'must name each weekday at most once' })
  @IsIn(WEEKDAYS, { each: true, message: `must name weekdays: ${WEEKDAYS.join(', ')}` })
  workingDays!: Weekday[];
}

/** `PUT /api/settings`: the whole document as read, with its version. */
export class UpdateSettingsDto implements UpdateClinicSettingsRequest {
  @ApiProperty()
  @IsRecordVersion('must be the whole-number version of the settings you read')
  version!: number;

  @ApiProperty({ type: ClinicIdentityDto })
  @Required()
  @IsObject({ message: 'must be the clinic’s name, address and phone numbers' })
  @ValidateNested()
  @Type(() => ClinicIdentityDto)
  clinic!: ClinicIdentityDto;

  @ApiProperty({ minimum: 1, maximum: 60, example: 12 })
  @WholeNumber(1, 60, 'months')
  scanValidityMonths!: number;

  @ApiProperty({ minimum: 1, maximum: 365, example: 28 })
  @WholeNumber(1, 365, 'days')
  minIntervalDays!: number;

  @ApiProperty({ minimum: 1, maximum: 730, example: 84 })
  @WholeNumber(1, 730, 'days')
  maxIntervalDays!: number;

  @ApiProperty({ minimum: 0, maximum: 31, example: 7 })
  @WholeNumber(0, 31, 'days')
  lateEntryDays!: number;

  @ApiProperty({ minimum: 5, maximum: 720, example: 30 })
  @WholeNumber(5, 720, 'minutes')
  sessionIdleMinutes!: number;

  @ApiProperty({ minimum: 0, maximum: 1_000_000, example: 5000, description: 'pence' })
  @WholeNumber(0, 1_000_000, 'pence')
  namedDoctorFeePence!: number;

  @ApiProperty({ minimum: 0, maximum: 1_000_000, example: 2500, description: 'pence, not above the fee' })
  @WholeNumber(0, 1_000_000, 'pence')
  consultationDepositPence!: number;

  @ApiProperty({ type: OpeningHoursDto })
  @Required()
  @IsObject({ message: 'must give each weekday its hours, or null when closed' })
  @ValidateNested()
  @Type(() => OpeningHoursDto)
  openingHours!: OpeningHoursDto;

  @ApiProperty({ type: ClinicianWorkingDaysDto, isArray: true })
  @IsArray({ message: 'must be a list of clinicians with their working days' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ClinicianWorkingDaysDto)
  clinicians!: ClinicianWorkingDaysDto[];
}
