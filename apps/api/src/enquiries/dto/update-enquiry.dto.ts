import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdateEnquiryRequest } from '@venule/api-contract';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Tidy } from '../../patients/dto/patient-fields';

const SETTABLE = ['new', 'contacted', 'closed'] as const;

export class UpdateEnquiryDto implements UpdateEnquiryRequest {
  @ApiProperty()
  @IsInt({ message: 'must be the version of the enquiry you are changing' })
  @Min(1, { message: 'must be the version of the enquiry you are changing' })
  version!: number;

  @ApiPropertyOptional({ enum: SETTABLE, description: '`booked` is reached by converting the enquiry' })
  @IsOptional()
  @IsIn(SETTABLE, { message: `must be one of ${SETTABLE.join(', ')} (an enquiry is booked by converting it)` })
  status?: (typeof SETTABLE)[number];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @Tidy(true)
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  note?: string | null;
}
