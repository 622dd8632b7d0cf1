import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EnquiryRequest } from '@venule/api-contract';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Tidy } from '../../patients/dto/patient-fields';

/** What the public form sends, as JSON or as an HTML form (where an empty field arrives as ''). */
export class EnquiryDto implements EnquiryRequest {
  @ApiProperty({ maxLength: 200 })
  @Tidy()
  @IsString({ message: 'must be text' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name!: string;

  @ApiPropertyOptional({ description: 'An email address or a phone number is required' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() || null : value))
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address, e.g. name@example.org' })
  @MaxLength(254, { message: 'must be at most 254 characters' })
  email?: string;

  @ApiPropertyOptional()
  @Tidy(true)
  @IsOptional()
  @IsString({ message: 'must be text' })
  @Matches(/^\+?[\d\s().-]{6,40}$/, { message: 'must be a phone number, e.g. 07700 900123' })
  phone?: string;

  @ApiProperty({ maxLength: 5000, description: 'Kept exactly as written' })
  @IsString({ message: 'must be text' })
  @Matches(/\S/, { message: 'is required' })
  @MaxLength(5000, { message: 'must be at most 5000 characters' })
  message!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @Tidy(true)
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  preferredClinician?: string;

  @ApiPropertyOptional({ description: 'Must stay empty: a form that fills it is a robot (answered as accepted, never stored)' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  website?: string;
}
