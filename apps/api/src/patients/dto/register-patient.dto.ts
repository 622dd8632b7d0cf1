import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONTACT_PREFERENCES, SEXES, type ContactPreference, type RegisterPatientRequest, type Sex } from '@venule/api-contract';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { invalidFields, validationFailed } from '../../platform/errors/domain-error';
import { IsPlausiblePhone, IsRealDate, normalisePostcode, PERSON_NAME, Tidy, UK_POSTCODE } from './patient-fields';

export const EARLIEST_BIRTH_DATE = '1900-01-01';
const NAME_MESSAGE = 'must start with a letter and contain only letters, digits, spaces, apostrophes, hyphens and full stops';

/** The demographic fields, shared by registration (all required) and PATCH (all optional). */
export class PatientFieldsDto {
  @ApiProperty({ example: 'Siobhán', maxLength: 100 })
  @Tidy()
  @IsNotEmpty({ message: 'is required' })
  @IsString({ message: 'must be text' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  @Matches(PERSON_NAME, { message: NAME_MESSAGE })
  firstName!: string;

  @ApiProperty({ example: 'Ó Briain', maxLength: 100 })
  @Tidy()
  @IsNotEmpty({ message: 'is required' })
  @IsString({ message: 'must be text' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  @Matches(PERSON_NAME, { message: NAME_MESSAGE })
  lastName!: string;

  @ApiProperty({ example: '1984-02-29', description: 'YYYY-MM-DD, from 1900-01-01, not after today (clinic time zone)' })
  @IsNotEmpty({ message: 'is required' })
  @IsRealDate(EARLIEST_BIRTH_DATE)
  dateOfBirth!: string;

  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES, { message: `must be one of ${SEXES.join(', ')}` })
  sex!: Sex;

  @ApiPropertyOptional({ type: String, example: '+44 7700 900123', nullable: true, description: 'Phone or email (or both) is required' })
  @Tidy(true)
  @IsOptional()
  @IsPlausiblePhone()
  phone!: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'siobhan@example.org',
    nullable: true,
    description: 'Phone or email (or both) is required',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() || null : value))
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address, e.g. name@example.org' })
  @MaxLength(254, { message: 'must be at most 254 characters' })
  email!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 300 })
  @Tidy(true)
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(300, { message: 'must be at most 300 characters' })
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'SW1A 1AA', description: 'A UK postcode; stored upper-case as `SW1A 1AA`' })
  @Transform(({ value }) => normalisePostcode(value))
  @IsOptional()
  @Matches(UK_POSTCODE, { message: 'must be a UK postcode, e.g. SW1A 1AA' })
  postcode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 120 })
  @Tidy(true)
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(120, { message: 'must be at most 120 characters' })
  gpName?: string | null;

  @ApiPropertyOptional({
    enum: CONTACT_PREFERENCES,
    description:
      'How the clinic sends reminders and aftercare: email (needs an email address), sms (needs a phone number) or none (opted out). ' +
      'Registration defaults to email when an address is given, else sms.',
  })
  @IsOptional()
  @IsIn(CONTACT_PREFERENCES, { message: `must be one of ${CONTACT_PREFERENCES.join(', ')}` })
  contactPreference?: ContactPreference;
}

/** The chosen way of sending messages must have its address (the database holds the same rule). */
export function requireReachableAsPreferred(
  p: { phone: string | null; email: string | null; contactPreference: ContactPreference },
  field: 'contactPreference' | 'phone' | 'email',
): void {
  if (p.contactPreference === 'email' && p.email === null) {
    throw validationFailed(
      field,
      field === 'contactPreference'
        ? 'cannot be email: the patient has no email address'
        : 'cannot be removed while messages go by email: change the contact preference first',
    );
  }
  if (p.contactPreference === 'sms' && p.phone === null) {
    throw validationFailed(
      field,
      field === 'contactPreference'
        ? 'cannot be text message: the patient has no phone number'
        : 'cannot be removed while messages go by text message: change the contact preference first',
    );
  }
}

/** Phone, email or both: the clinic must be able to reach the patient (the form says the same). */
export function requireWayToReach(dto: Pick<PatientFieldsDto, 'phone' | 'email'>): void {
  if (dto.phone == null && dto.email == null) {
    throw invalidFields([
      { field: 'phone', message: 'is required when there is no email address' },
      { field: 'email', message: 'is required when there is no phone number' },
    ]);
  }
}

export class RegisterPatientDto extends PatientFieldsDto implements RegisterPatientRequest {
  @ApiPropertyOptional({
    description: 'Register even though a patient with the same name and date of birth exists (after a 409 DUPLICATE_PATIENT).',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  confirmDuplicate?: boolean;
}
