import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  Aftercare,
  BookedSession,
  CompletedSession,
  CompletionFacts,
  Page,
  PreTreatmentAdvice,
  SessionBooking,
  SessionDetail,
} from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { PagingQuery } from '../platform/http/paging.dto';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { BookSessionDto } from './dto/book-session.dto';
import { ChangeSessionStatusDto } from './dto/change-session-status.dto';
import { CompleteSessionDto, CompletionFactsQuery } from './dto/complete-session.dto';
import { MoveSessionDto } from './dto/move-session.dto';
import { SessionsService } from './sessions.service';
import {
  aftercareExample,
  bookedSessionExample,
  bookSessionExample,
  completedSessionExample,
  completeSessionExample,
  completionFactsExample,
  moveSessionExample,
  preTreatmentExample,
  sessionBookingExample,
  sessionDetailExample,
} from './sessions.examples';

const DOUBLE_BOOKED = { code: 'DOUBLE_BOOKED', detail: 'Dr Sarah Lind already has an appointment at that time.' } as const;
const NOT_BOOKED = { code: 'SESSION_NOT_BOOKED', detail: 'This session is not booked any more.' } as const;
/** A session as its reader's role may see it: the booking (reception) or the booking with what was done. */
const SESSION = { anyOf: [contract('SessionBooking'), contract('SessionDetail')] };

const uuid = new ParseUUIDPipe();

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Allow('readBookings')
  @ApiOperation({ summary: "A course's sessions by sequence. Reception sees bookings only (no agent, dose, batch, reactions)." })
  @ApiResult(200, pageOf('SessionBooking', 'SessionDetail'), pageExample([sessionDetailExample]))
  @ApiProblems(400, 404)
  @Get('courses/:id/sessions')
  list(
    @Param('id', uuid) id: string,
    @Query() page: PagingQuery,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<Page<SessionBooking | SessionDetail>> {
    return this.sessions.list(id, staff, page.limit, page.offset);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary:
      'Book the next session. 422 INTERVAL_TOO_SHORT before the window opens (clinic dates from the last completed session), ' +
      '422 COURSE_CLOSED, 422 DOUBLE_BOOKED; never refused for clearance: `warnings` names every course leg not cleared on the booked date.',
  })
  @ApiBodyExample(BookSessionDto, bookSessionExample)
  @ApiResult(201, contract('BookedSession'), bookedSessionExample)
  @ApiProblems(
    400,
    404,
    { code: 'INTERVAL_TOO_SHORT', detail: 'The next session cannot be booked yet.' },
    { code: 'COURSE_CLOSED', detail: 'This course is closed.' },
    DOUBLE_BOOKED,
  )
  @Post('courses/:id/sessions')
  book(@Param('id', uuid) id: string, @Body() body: BookSessionDto, @CurrentStaff() staff: SignedInStaff): Promise<BookedSession> {
    return this.sessions.book(id, body, staff);
  }

  @Allow('readBookings')
  @ApiResult(
    200,
    { allOf: [SESSION, { type: 'object', properties: { preTreatment: contract('PreTreatmentAdvice') } }] },
    { ...sessionBookingExample, preTreatment: preTreatmentExample },
  )
  @ApiProblems(404)
  @Get('sessions/:id')
  get(@Param('id', uuid) id: string, @CurrentStaff() staff: SignedInStaff) {
    return this.sessions.get(id, staff);
  }

  @Allow('writeClinical')
  @ApiOperation({
    summary:
      'What the completion form checks as it is typed, read as the completion reads it: polidocanol already given on the treatment date ' +
      '(clinic date of `treatedAt`, default now) in every course, sessions completed before, weight and conditions.',
  })
  @ApiResult(200, contract('CompletionFacts'), completionFactsExample)
  @ApiProblems(400, 404)
  @Get('sessions/:id/completion-facts')
  completionFacts(
    @Param('id', uuid) id: string,
    @Query() query: CompletionFactsQuery,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<CompletionFacts> {
    return this.sessions.completionFacts(id, query.treatedAt, staff);
  }

  @Allow('writeClinical')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the session as done. `treatedAt` (default now) is when the treatment was given: up to the late-entry limit (7 days) back, ' +
      'not before the booked day, never in the future (400 naming treatedAt); its clinic date is the treatment date every rule is evaluated on. ' +
      '422 with every reason that applies (course closed, scan, history, age, consent, interval per leg across courses, dose, confirmations); ' +
      "`warnings` name each of the patient's bookings the completion leaves inside a leg's interval.",
  })
  @ApiBodyExample(CompleteSessionDto, completeSessionExample)
  @ApiResult(200, contract('CompletedSession'), completedSessionExample)
  @ApiProblems(400, 404, NOT_BOOKED, {
    code: 'DOSE_LIMIT_EXCEEDED',
    detail: 'The session cannot be recorded.',
    reasons: [{ code: 'DOSE_LIMIT_EXCEEDED', message: 'Polidocanol today would be 180 mg, above the 136 mg limit for 68 kg.' }],
  })
  @Post('sessions/:id/complete')
  complete(
    @Param('id', uuid) id: string,
    @Body() body: CompleteSessionDto,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<CompletedSession> {
    return this.sessions.complete(id, body, staff);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary:
      'Move a booked session to another time (same course, clinician and length): refused like a booking (interval per leg, DOUBLE_BOOKED); ' +
      'clearance on the new date comes back as warnings.',
  })
  @HttpCode(200)
  @ApiBodyExample(MoveSessionDto, moveSessionExample)
  @ApiResult(200, contract('BookedSession'), { ...bookedSessionExample, version: 2, scheduledFor: '2026-04-16T14:00:00.000Z' })
  @ApiProblems(400, 404, 409, NOT_BOOKED, { code: 'INTERVAL_TOO_SHORT', detail: 'The session cannot move to that day.' }, DOUBLE_BOOKED)
  @Post('sessions/:id/move')
  move(@Param('id', uuid) id: string, @Body() body: MoveSessionDto, @CurrentStaff() staff: SignedInStaff): Promise<BookedSession> {
    return this.sessions.move(id, body, staff);
  }

  @Allow('bookSessions')
  @ApiOperation({ summary: 'Cancels a booked session. 409 SESSION_NOT_BOOKED when it is already cancelled, missed or completed.' })
  @HttpCode(200)
  @ApiBodyExample(ChangeSessionStatusDto, { version: 1, reason: 'Patient unwell' })
  @ApiResult(200, SESSION, { ...sessionBookingExample, version: 2, status: 'cancelled', statusChangedAt: '2026-04-13T16:20:00.000Z' })
  @ApiProblems(400, 404, 409, NOT_BOOKED)
  @Post('sessions/:id/cancel')
  cancel(@Param('id', uuid) id: string, @Body() body: ChangeSessionStatusDto, @CurrentStaff() staff: SignedInStaff) {
    return this.sessions.cancel(id, body, staff);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary:
      'Marks a booked session not attended. 409 SESSION_NOT_BOOKED when it is not booked any more; 409 SESSION_NOT_DUE before its day.',
  })
  @HttpCode(200)
  @ApiBodyExample(ChangeSessionStatusDto, { version: 1 })
  @ApiResult(200, SESSION, { ...sessionBookingExample, version: 2, status: 'did_not_attend', statusChangedAt: '2026-04-14T10:30:00.000Z' })
  @ApiProblems(400, 404, 409, NOT_BOOKED, { code: 'SESSION_NOT_DUE', detail: 'A session can only be marked not attended from its day.' })
  @Post('sessions/:id/did-not-attend')
  didNotAttend(@Param('id', uuid) id: string, @Body() body: ChangeSessionStatusDto, @CurrentStaff() staff: SignedInStaff) {
    return this.sessions.didNotAttend(id, body, staff);
  }

  @Allow('readAftercare')
  @ApiOperation({
    summary:
      'The dated aftercare plan of a completed session (SPEC §1.8), in the clinic time zone. 404 NO_AFTERCARE_YET before completion.',
  })
  @ApiResult(200, contract('Aftercare'), aftercareExample)
  @ApiProblems(404, { code: 'NO_AFTERCARE_YET', detail: 'This session has not been completed yet, so it has no aftercare plan.' })
  @Get('sessions/:id/aftercare')
  aftercare(@Param('id', uuid) id: string): Promise<Aftercare> {
    return this.sessions.aftercare(id);
  }

  @Allow('readAftercare')
  @ApiOperation({
    summary: 'Pre-treatment advice for a booked session. 404 NO_PRE_TREATMENT_ADVICE when the session is not booked any more.',
  })
  @ApiResult(200, contract('PreTreatmentAdvice'), preTreatmentExample)
  @ApiProblems(404, { code: 'NO_PRE_TREATMENT_ADVICE', detail: 'This session is not booked any more.' })
  @Get('sessions/:id/pre-treatment')
  preTreatment(@Param('id', uuid) id: string): Promise<PreTreatmentAdvice> {
    return this.sessions.preTreatment(id);
  }
}
