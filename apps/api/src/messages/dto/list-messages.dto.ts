import { ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_STATES, type ListMessagesQuery as ListMessagesRequest, type MessageState } from '@venule/api-contract';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PagingQuery } from '../../platform/http/paging.dto';

export class ListMessagesQuery extends PagingQuery implements ListMessagesRequest {
  @ApiPropertyOptional({ enum: MESSAGE_STATES })
  @IsOptional()
  @IsIn(MESSAGE_STATES, { message: `must be one of ${MESSAGE_STATES.join(', ')}` })
  state?: MessageState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a patient id' })
  patientId?: string;
}
