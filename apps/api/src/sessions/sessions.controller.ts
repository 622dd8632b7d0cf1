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
import { BookSessionDto } from './dto/book-session.dto';
import { ChangeSessionStatusDto } from './dto/change-session-status.dto';
import { CompleteSessionDto, CompletionFactsQuery } from './dto/complete-session.dto';
import { MoveSessionDto } from './dto/move-session.dto';
import { SessionsService } from './sessions.service';

const uuid = new ParseUUIDPipe();

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Allow('readBookings')
  @ApiOperation({ summary: "A course's sessions by sequence. Reception sees bookings only (no agent, dose, batch, reactions)." })
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
  @Post('courses/:id/sessions')
  book(@Param('id', uuid) id: string, @Body() body: BookSessionDto, @CurrentStaff() staff: SignedInStaff): Promise<BookedSession> {
    return this.sessions.book(id, body, staff);
  }

  @Allow('readBookings')
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
      '`warnings` name each of the patient\'s bookings the completion leaves inside a leg\'s interval.',
  })
  @Post('sessions/:id/complete')
  complete(@Param('id', uuid) id: string, @Body() body: CompleteSessionDto, @CurrentStaff() staff: SignedInStaff): Promise<CompletedSession> {
    return this.sessions.complete(id, body, staff);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary:
      'Move a booked session to another time (same course, clinician and length): refused like a booking (interval per leg, DOUBLE_BOOKED); ' +
      'clearance on the new date comes back as warnings.',
  })
  @HttpCode(200)
  @Post('sessions/:id/move')
  move(@Param('id', uuid) id: string, @Body() body: MoveSessionDto, @CurrentStaff() staff: SignedInStaff): Promise<BookedSession> {
    return this.sessions.move(id, body, staff);
  }

  @Allow('bookSessions')
  @ApiOperation({ summary: 'Cancels a booked session. 409 SESSION_NOT_BOOKED when it is already cancelled, missed or completed.' })
  @HttpCode(200)
  @Post('sessions/:id/cancel')
  cancel(@Param('id', uuid) id: string, @Body() body: ChangeSessionStatusDto, @CurrentStaff() staff: SignedInStaff) {
    return this.sessions.cancel(id, body, staff);
  }

  @Allow('bookSessions')
  @ApiOperation({
    summary: 'Marks a booked session not attended. 409 SESSION_NOT_BOOKED when it is not booked any more; 409 SESSION_NOT_DUE before its day.',
  })
  @HttpCode(200)
  @Post('sessions/:id/did-not-attend')
  didNotAttend(@Param('id', uuid) id: string, @Body() body: ChangeSessionStatusDto, @CurrentStaff() staff: SignedInStaff) {
    return this.sessions.didNotAttend(id, body, staff);
  }

  @Allow('readAftercare')
  @ApiOperation({ summary: 'The dated aftercare plan of a completed session (SPEC §1.8), in the clinic time zone. 404 NO_AFTERCARE_YET before completion.' })
  @Get('sessions/:id/aftercare')
  aftercare(@Param('id', uuid) id: string): Promise<Aftercare> {
    return this.sessions.aftercare(id);
  }

  @Allow('readAftercare')
  @ApiOperation({ summary: 'Pre-treatment advice for a booked session. 404 NO_PRE_TREATMENT_ADVICE when the session is not booked any more.' })
  @Get('sessions/:id/pre-treatment')
  preTreatment(@Param('id', uuid) id: string): Promise<PreTreatmentAdvice> {
    return this.sessions.preTreatment(id);
  }
}
