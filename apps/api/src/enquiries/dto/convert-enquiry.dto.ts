import { ApiProperty } from '@nestjs/swagger';
import type { ConvertEnquiryRequest } from '@venule/api-contract';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { ConsultationSlotDto } from '../../consultations/dto/book-consultation.dto';
import { RegisterPatientDto } from '../../patients/dto/register-patient.dto';

export class ConvertEnquiryDto implements ConvertEnquiryRequest {
  @ApiProperty({ type: RegisterPatientDto, description: 'The patient to register (409 DUPLICATE_PATIENT unless confirmDuplicate)' })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be the patient’s details' })
  @ValidateNested()
  @Type(() => RegisterPatientDto)
  patient!: RegisterPatientDto;

  @ApiProperty({ type: ConsultationSlotDto })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be the consultation to book' })
  @ValidateNested()
  @Type(() => ConsultationSlotDto)
  consultation!: ConsultationSlotDto;
}
