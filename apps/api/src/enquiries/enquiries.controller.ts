import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConvertedEnquiry, Enquiry, Page } from '@venule/api-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, Public } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ConvertEnquiryDto } from './dto/convert-enquiry.dto';
import { EnquiryDto } from './dto/enquiry.dto';
import { ListEnquiriesQuery } from './dto/list-enquiries.dto';
import { UpdateEnquiryDto } from './dto/update-enquiry.dto';
import { EnquiriesService } from './enquiries.service';
import { ENQUIRY_PAGE, ENQUIRY_SENT, renderEnquiryPage } from './enquiry-page';

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
  @ApiAcceptedResponse({ description: '{ received: true }' })
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
  @Get()
  list(@Query() query: ListEnquiriesQuery): Promise<Page<Enquiry>> {
    return this.enquiries.list(query);
  }

  @Allow('readBookings')
  @Get(':id')
  get(@Param('id', uuid) id: string): Promise<Enquiry> {
    return this.enquiries.get(id);
  }

  @Allow('bookSessions')
  @ApiOperation({ summary: 'Mark it contacted, closed or new again, or write a note. 409 VERSION_CONFLICT when `version` is stale.' })
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
