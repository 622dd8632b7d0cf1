import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PAYMENT_KINDS, PAYMENT_METHODS, type PaymentKind, type PaymentMethod, type RecordPaymentRequest } from '@venule/api-contract';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Tidy } from '../../patients/dto/patient-fields';

export class RecordPaymentDto implements RecordPaymentRequest {
  @ApiProperty({ enum: PAYMENT_KINDS, description: 'A reversal corrects a mistake: it subtracts, and the ledger is never edited' })
  @IsIn(PAYMENT_KINDS, { message: `must be one of ${PAYMENT_KINDS.join(', ')}` })
  kind!: PaymentKind;

  @ApiProperty({ example: 2500, description: 'Integer pence, positive (a reversal is positive too)' })
  @IsInt({ message: 'must be a whole number of pence' })
  @Min(1, { message: 'must be at least 1 penny' })
  @Max(1_000_000, { message: 'must be at most 1000000 pence' })
  amountPence!: number;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS, { message: `must be one of ${PAYMENT_METHODS.join(', ')}` })
  method!: PaymentMethod;

  @ApiPropertyOptional({ maxLength: 200, description: 'Card terminal receipt, bank reference, or what a reversal corrects' })
  @Tidy(true)
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  reference?: string;
}
