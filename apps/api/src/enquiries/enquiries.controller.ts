import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ConvertedEnquiry, Enquiry, Page } from '@venule/api-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, Public } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { clinicIdentityExample } from '../settings/settings.examples';
import { ConvertEnquiryDto } from './dto/convert-enquiry.dto';
import { EnquiryDto } from './dto/enquiry.dto';
import { ListEnquiriesQuery } from './dto/list-enquiries.dto';
import { UpdateEnquiryDto } from './dto/update-enquiry.dto';
import { EnquiriesService } from './enquiries.service';
import { ENQUIRY_PAGE, ENQUIRY_SENT, renderEnquiryPage } from './enquiry-page';
import {
  convertedEnquiryExample,
  convertEnquiryExample,
  enquiryExample,
  enquiryRequestExample,
  updateEnquiryExample,
} from './enquiries.examples';

const uuid = new ParseUUIDPipe();

@ApiTags('enquiries')
@Controller('enquiries')
export class EnquiriesController {
  constructor(private readonly enquiries: EnquiriesService) {}

  @Public()
  @ApiOperation({
    summary:
      'The public enquiry form (no sign-in, no CSRF token: other sites link to it). JSON, or an HTML form post which is redirected ' +
      `to ${ENQUIRY_SENT}. Rate-limited per address (429). A filled \`website\` honeypot is answered the same and never stored.`,
  })
  @ApiBodyExample(EnquiryDto, enquiryRequestExample)
  @ApiResult(
    202,
    { type: 'object', required: ['received', 'message'], properties: { received: { type: 'boolean' }, message: { type: 'string' } } },
    { received: true, message: 'Thank you. The clinic will be in touch.' },
    { description: 'Received (a JSON request)' },
  )
  @ApiResponse({ status: 303, description: `Received (an HTML form post): redirected to ${ENQUIRY_SENT}` })
  @ApiProblems(400, 429)
  @Post()
  async submit(@Body() body: EnquiryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.enquiries.receive(body, request.ip);
    if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      await reply.redirect(ENQUIRY_SENT, 303);
      return;
    }
    await reply.status(202).send({ received: true, message: 'Thank you. The clinic will be in touch.' });
  }

  @Allow('readBookings')
  @ApiOperation({ summary: 'The enquiry inbox, newest first; `status` filters (new, contacted, booked, closed).' })
  @ApiResult(200, pageOf('Enquiry'), pageExample([enquiryExample]))
  @ApiProblems(400)
  @Get()
  list(@Query() query: ListEnquiriesQuery): Promise<Page<Enquiry>> {
    return this.enquiries.list(query);
  }

  @Allow('readBookings')
  @ApiResult(200, contract('Enquiry'), enquiryExample)
  @ApiProblems(404)
  @Get(':id')
  get(@Param('id', uuid) id: string): Promise<Enquiry> {
    return this.enquiries.get(id);
  }

  @Allow('bookSessions')
  @ApiOperation({ summary: 'Mark it contacted, closed or new again, or write a note. 409 VERSION_CONFLICT when `version` is stale.' })
  @ApiBodyExample(UpdateEnquiryDto, updateEnquiryExample)
  @ApiResult(200, contract('Enquiry'), { ...enquiryExample, ...updateEnquiryExample, version: 2 })
  @ApiProblems(400, 404, 409)
  @Patch(':id')
  update(@Param('id', uuid) id: string, @Body() body: UpdateEnquiryDto, @CurrentStaff() staff: SignedInStaff): Promise<Enquiry> {
    return this.enquiries.update(id, body, staff.id);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary:
      'Register the patient (409 DUPLICATE_PATIENT unless confirmDuplicate) and book the consultation (422 DOUBLE_BOOKED) in one ' +
      'transaction; the enquiry becomes booked. Either refusal leaves nothing behind.',
  })
  @ApiBodyExample(ConvertEnquiryDto, convertEnquiryExample)
  @ApiResult(201, contract('ConvertedEnquiry'), convertedEnquiryExample)
  @ApiProblems(
    400,
    404,
    { code: 'DUPLICATE_PATIENT', detail: 'A patient with this name and date of birth is already registered.' },
    { code: 'DOUBLE_BOOKED', detail: 'Dr Sarah Lind already has an appointment at that time.' },
  )
  @Post(':id/convert')
  @HttpCode(201)
  convert(@Param('id', uuid) id: string, @Body() body: ConvertEnquiryDto, @CurrentStaff() staff: SignedInStaff): Promise<ConvertedEnquiry> {
    return this.enquiries.convert(id, body, staff.id);
  }
}

/** `/enquire`, outside /api: the page the clinic's website links to, plain HTML that works without JavaScript. */
@ApiTags('enquiries')
@Controller(ENQUIRY_PAGE)
export class EnquiryPageController {
  constructor(private readonly enquiries: EnquiriesService) {}

  @Public()
  @ApiOperation({ summary: 'The public enquiry page (HTML).' })
  @ApiResponse({
    status: 200,
    description: 'The page',
    content: {
      'text/html': {
        schema: { type: 'string' },
        example: renderEnquiryPage({ clinic: clinicIdentityExample, clinicians: ['Dr Sarah Lind'], sent: false }),
      },
    },
  })
  @Get()
  async page(@Query('sent') sent: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const facts = await this.enquiries.publicFacts();
    await reply
      .status(200)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(renderEnquiryPage({ ...facts, sent: sent === '1' }));
  }
}
