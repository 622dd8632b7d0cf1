import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Consultation, Page } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { ConsultationsService } from './consultations.service';
import { BookConsultationDto } from './dto/book-consultation.dto';
import { ListConsultationsQuery } from './dto/list-consultations.dto';
import { RecordPaymentDto } from './dto/record-payment.dto';
import { UpdateConsultationDto } from './dto/update-consultation.dto';
import {
  bookConsultationExample,
  consultationExample,
  movedConsultationExample,
  paidConsultationExample,
  recordPaymentExample,
  updateConsultationExample,
} from './consultations.examples';

const DOUBLE_BOOKED = { code: 'DOUBLE_BOOKED', detail: 'Dr Sarah Lind already has an appointment at that time.' } as const;

const uuid = new ParseUUIDPipe();

@ApiTags('consultations')
@Controller('consultations')
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Allow('readBookings')
  @ApiOperation({ summary: 'Consultations by start time, filtered by patient, clinician, status and clinic dates.' })
  @ApiResult(200, pageOf('Consultation'), pageExample([consultationExample]))
  @ApiProblems(400)
  @Get()
  list(@Query() query: ListConsultationsQuery): Promise<Page<Consultation>> {
    return this.consultations.list(query);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary:
      'Book a consultation. A free one is `booked` at once; a named-doctor one (fee and deposit from the clinic settings) is ' +
      '`awaiting_deposit` until its deposit is taken. 422 DOUBLE_BOOKED naming the session or consultation already in the clinician’s diary.',
  })
  @ApiBodyExample(BookConsultationDto, bookConsultationExample)
  @ApiResult(201, contract('Consultation'), { ...consultationExample, warnings: [] })
  @ApiProblems(400, DOUBLE_BOOKED)
  @Post()
  book(@Body() body: BookConsultationDto, @CurrentStaff() staff: SignedInStaff): Promise<Consultation> {
    return this.consultations.book(body, staff.id);
  }

  @Allow('readBookings')
  @ApiOperation({ summary: 'A consultation with its payment ledger, what was paid and what is still due.' })
  @ApiResult(200, contract('Consultation'), paidConsultationExample)
  @ApiProblems(404)
  @Get(':id')
  get(@Param('id', uuid) id: string): Promise<Consultation> {
    return this.consultations.get(id);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary:
      'Move it (422 DOUBLE_BOOKED), or set its status: cancelled (keeps any deposit), attended or did_not_attend (on or after its day). ' +
      '409 VERSION_CONFLICT when `version` is stale; 409 STATUS_CHANGE_REFUSED once it is closed.',
  })
  @ApiBodyExample(UpdateConsultationDto, updateConsultationExample)
  @ApiResult(200, contract('Consultation'), movedConsultationExample)
  @ApiProblems(400, 404, 409, { code: 'STATUS_CHANGE_REFUSED', detail: 'A cancelled consultation cannot change.' }, DOUBLE_BOOKED)
  @Patch(':id')
  update(@Param('id', uuid) id: string, @Body() body: UpdateConsultationDto, @CurrentStaff() staff: SignedInStaff): Promise<Consultation> {
    return this.consultations.update(id, body, staff.id);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary:
      'Append to the payment ledger (never edited): a deposit confirms a named-doctor consultation, the balance is taken on the day, ' +
      'a reversal corrects a mistake. 400 naming amountPence beyond what is due or was paid; 422 PAYMENT_REFUSED for the wrong moment.',
  })
  @ApiBodyExample(RecordPaymentDto, recordPaymentExample)
  @ApiResult(201, contract('Consultation'), paidConsultationExample)
  @ApiProblems(400, 404, { code: 'PAYMENT_REFUSED', detail: 'A cancelled consultation takes no deposit.' })
  @Post(':id/payments')
  @HttpCode(201)
  pay(@Param('id', uuid) id: string, @Body() body: RecordPaymentDto, @CurrentStaff() staff: SignedInStaff): Promise<Consultation> {
    return this.consultations.recordPayment(id, body, staff.id);
  }
}
