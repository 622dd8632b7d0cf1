import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EditableMessageTemplate, MessageWords } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiBodyExample, ApiProblems, ApiResult, contract, listOf, type Refusal } from '../platform/openapi/api-docs';
import { PreviewMessageTemplateDto, ResetMessageTemplateDto, UpdateMessageTemplateDto } from './dto/message-template.dto';
import { editableTemplateExample, previewExample, updateTemplateExample } from './message-templates.examples';
import { MessageTemplatesService } from './message-templates.service';

const BROKEN: Refusal = {
  code: 'VALIDATION_FAILED',
  detail: 'The subject uses {{surname}}, which is not one of this message’s placeholders ({{firstName}}, {{clinicName}}, {{when}}).',
  errors: [{ field: 'subject', messages: ['The subject uses {{surname}}, which is not one of this message’s placeholders.'] }],
};

/** The clinic's words for its messages (issue 13): staff accounts and settings are the admin's (SPEC §3). */
@ApiTags('message templates')
@Controller('message-templates')
export class MessageTemplatesController {
  constructor(private readonly templates: MessageTemplatesService) {}

  @Allow('manageStaff')
  @ApiOperation({
    summary:
      'Every message template, in the clinic’s words (`customised`) or the built-in ones, with the placeholders each may use. ' +
      '`version` is 0 until the clinic first saves its own words.',
  })
  @ApiResult(200, listOf('EditableMessageTemplate'), [editableTemplateExample])
  @Get()
  list(): Promise<EditableMessageTemplate[]> {
    return this.templates.list();
  }

  @Allow('manageStaff')
  @ApiOperation({
    summary:
      'Save the clinic’s words for a template, with the `version` read. 400 VALIDATION_FAILED naming `subject`, `text` or `html` ' +
      'when a part does not compile or uses something other than its placeholders, `{{#if}}`, `{{#unless}}` and `{{#each}}` ' +
      '(and triple braces in the HTML: values are always escaped there); 409 VERSION_CONFLICT when someone saved first. ' +
      'Messages written from then on use these words. Audited with each part before and after.',
  })
  @ApiBodyExample(UpdateMessageTemplateDto, updateTemplateExample)
  @ApiResult(200, contract('EditableMessageTemplate'), editableTemplateExample)
  @ApiProblems(BROKEN, 404, 409)
  @Put(':template')
  update(
    @Param('template') template: string,
    @Body() body: UpdateMessageTemplateDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<EditableMessageTemplate> {
    return this.templates.update(template, body, staff.id);
  }

  @Allow('manageStaff')
  @ApiOperation({
    summary: 'Go back to the built-in words, with the `version` read (409 VERSION_CONFLICT when someone saved first). Audited.',
  })
  @ApiBodyExample(ResetMessageTemplateDto, { version: 2 })
  @ApiResult(200, contract('EditableMessageTemplate'), { ...editableTemplateExample, customised: false, version: 3 })
  @ApiProblems(400, 404, 409)
  @Post(':template/reset')
  @HttpCode(200)
  reset(
    @Param('template') template: string,
    @Body() body: ResetMessageTemplateDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<EditableMessageTemplate> {
    return this.templates.reset(template, body.version, staff.id);
  }

  @Allow('manageStaff')
  @ApiOperation({
    summary:
      'The message unsaved words make, for a made-up patient (Alex) of this clinic with dates from today: subject, plain text and ' +
      'HTML (every value escaped). 400 VALIDATION_FAILED as for a save.',
  })
  @ApiBodyExample(PreviewMessageTemplateDto, {
    subject: updateTemplateExample.subject,
    text: updateTemplateExample.text,
    html: updateTemplateExample.html,
  })
  @ApiResult(200, contract('MessageWords'), previewExample)
  @ApiProblems(BROKEN, 404)
  @Post(':template/preview')
  @HttpCode(200)
  preview(@Param('template') template: string, @Body() body: PreviewMessageTemplateDto): Promise<MessageWords> {
    return this.templates.preview(template, body);
  }
}
