import { ApiPropertyOptional } from '@nestjs/swagger';
import { ENQUIRY_STATUSES, type EnquiryStatus } from '@venule/api-contract';
import { IsIn, IsOptional } from 'class-validator';
import { PagingQuery } from '../../platform/http/paging.dto';

export class ListEnquiriesQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: ENQUIRY_STATUSES })
  @IsOptional()
  @IsIn(ENQUIRY_STATUSES, { message: `must be one of ${ENQUIRY_STATUSES.join(', ')}` })
  status?: EnquiryStatus;
}
