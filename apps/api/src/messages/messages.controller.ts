import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Message, Page } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { ListMessagesQuery } from './dto/list-messages.dto';
import { failedMessageExample, messageExample, requeuedMessageExample } from './messages.examples';
import { MessagesService } from './messages.service';

const uuid = new ParseUUIDPipe();

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Allow('readBookings')
  @ApiOperation({
    summary:
      'The message outbox: session and consultation reminders, aftercare plans and recalls, latest due first; `state` (queued, sent, failed, cancelled) and ' +
      '`patientId` filter. Each message says where it went and why it did not (`lastError`), never its text.',
  })
  @ApiResult(200, pageOf('Message'), pageExample([messageExample, failedMessageExample]))
  @ApiProblems(400)
  @Get()
  list(@Query() query: ListMessagesQuery): Promise<Page<Message>> {
    return this.messages.list(query);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary: 'Queue a failed message again, due now (its attempts start afresh). 409 MESSAGE_NOT_FAILED for any other state.',
  })
  @ApiResult(200, contract('Message'), requeuedMessageExample)
  @ApiProblems(404, { code: 'MESSAGE_NOT_FAILED', detail: 'This message is sent; only a failed message can be sent again.' })
  @Post(':id/resend')
  @HttpCode(200)
  resend(@Param('id', uuid) id: string, @CurrentStaff() staff: SignedInStaff): Promise<Message> {
    return this.messages.resend(id, staff);
  }
}
