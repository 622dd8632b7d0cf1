import { ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction, type AuditQuery } from '@venule/api-contract';
import { isIsoDate, isIsoInstant } from '@venule/clinical-rules';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateBy } from 'class-validator';
import { PagingQuery } from '../../platform/http/paging.dto';

const IsInstantOrDate = () =>
  ValidateBy({
    name: 'isInstantOrDate',
    validator: {
      validate: (v: unknown) => isIsoDate(v) || isIsoInstant(v),
      defaultMessage: () => 'must be a date YYYY-MM-DD or an instant with an offset, e.g. 2026-03-01T09:00:00Z',
    },
  });

export class AuditQueryDto extends PagingQuery implements AuditQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a patient id' })
  patientId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a staff id' })
  actorId?: string;

  @ApiPropertyOptional({ description: 'Inclusive. A date means the start of that day in the clinic time zone.' })
  @IsOptional()
  @IsInstantOrDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive. A date includes that whole day (clinic time zone).' })
  @IsOptional()
  @IsInstantOrDate()
  to?: string;

  @ApiPropertyOptional({ example: 'medical_history' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entity?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `must be one of ${AUDIT_ACTIONS.join(', ')}` })
  action?: AuditAction;
}
