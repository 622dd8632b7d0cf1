import { randomUUID } from 'node:crypto';
import { onOneConnection } from '../platform/database/one-connection';
import { retryOnDeadlock } from '../platform/database/retry-on-deadlock';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_SESSION_MINUTES,
  can,
  type Aftercare,
  type BookedSession,
  type CompletedSession,
  type CompletionFacts,
  type ConditionCode,
  type IsoDate,
  type Leg,
  type Page,
  type PreTreatmentAdvice,
  type Reason,
  type SessionBooking,
  type SessionDetail,
} from '@venule/api-contract';
import {
  aftercarePlan,
  appointmentHoursWarnings,
  bookingCapacityReasons,
  checkBookingDate,
  checkSessionCompletion,
  clinicDate,
  courseClosedReasons,
  courseStatusAfterCompletion,
  courseWindow,
  formatDate,
  legIntervalReasons,
  legTreatments,
  preTreatmentAdvice,
  treatmentDate,
  type ClinicalPolicy,
  type LegTreatment,
} from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { loadClearanceFacts, loadLegTreatments, loadPolicy } from '../clearance/clinical-facts.repository';
import { clearanceWarnings } from '../clearance/clearance-warnings';
import { AuditService, type AuditRecord } from '../platform/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ClinicClock } from '../platform/config/clinic-clock';
import {
  BOOKING_CANCELLED,
  BOOKING_MISSED,
  COURSE_ENDED,
  LATER_SESSION_TOOK_PLACE,
  OutboxService,
  SESSION_TOOK_PLACE,
} from '../messages/outbox.service';
import { DomainError, notFound, refuse, validationFailed, versionConflict } from '../platform/errors/domain-error';
import { SettingsRepository, type BookingHoursSettings } from '../settings/settings.repository';
import { BookingRepository } from './booking.repository';
import type { BookSessionDto } from './dto/book-session.dto';
import type { ChangeSessionStatusDto } from './dto/change-session-status.dto';
import type { CompleteSessionDto } from './dto/complete-session.dto';
import type { MoveSessionDto } from './dto/move-session.dto';
import { CompletionRepository, type CompletionGrounds } from './completion.repository';
import { SessionsRepository, toDetail, type SessionRow } from './sessions.repository';

/** PostgreSQL's exclusion_violation: the clinician's one diary already holds a session or consultation at that time. */
const EXCLUSION_VIOLATION = '23P01';

/** Reads of the facts a booking or a completion makes before giving up, when each time another write of the patient's sessions came in between. */
const OPTIMISTIC_ATTEMPTS = 5;

const doubleBooked = () =>
  new DomainError('DOUBLE_BOOKED', 'The clinician already has a session or consultation booked at that time.', {
    reasons: [
      {
        code: 'DOUBLE_BOOKED',
        message: 'The clinician already has a session or consultation booked at that time. Choose another time or clinician.',
      },
    ],
  });

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
    private readonly settings: SettingsRepository,
    private readonly sessions: SessionsRepository,
    private readonly booking: BookingRepository,
    private readonly outbox: OutboxService,
    private readonly completion: CompletionRepository,
  ) {}

  private get zone(): string {
    return this.config.clinicTimeZone;
  }

  async list(courseId: string, staff: SignedInStaff, limit: number, offset: number): Promise<Page<SessionBooking | SessionDetail>> {
    return this.db.transaction(async (tx) => {
      const patientId = await this.sessions.coursePatient(tx, courseId);
      if (!patientId) throw notFound('The course');
      const rows = await this.sessions.ofCourses(tx, [courseId]);
      const items = await this.sessions.shape(tx, rows.slice(offset, offset + limit), staff.role, this.zone);
      await this.auditRead(tx, staff, 'session', null, patientId);
      return { items, total: rows.length, limit, offset };
    });
  }

  async get(id: string, staff: SignedInStaff): Promise<(SessionBooking | SessionDetail) & { preTreatment?: PreTreatmentAdvice }> {
    return this.db.transaction(async (tx) => {
      const row = await this.requireSession(tx, id);
      const [session] = await this.sessions.shape(tx, [row], staff.role, this.zone);
      await this.auditRead(tx, staff, 'session', id, row.patient_id);
      return row.status === 'scheduled' ? { ...session, preTreatment: this.advice(row) } : session;
    });
  }

  /**
   * What the completion form shows before it is submitted, read the way `complete` reads it: the
   * polidocanol already given on the treatment date in every course, the sessions completed
   * before, the weight and conditions the dose and test-injection rules use.
   */
  async completionFacts(id: string, treatedAt: string | undefined, staff: SignedInStaff): Promise<CompletionFacts> {
    return this.db.transaction(async (tx) => {
      const session = await this.requireSession(tx, id);
      const at = treatedAt ?? new Date().toISOString();
      const on = treatmentDate({ treatedAt: at, timeZone: this.zone });
      const patient = await loadClearanceFacts(tx, session.patient_id);
      if (!patient) throw notFound('The patient');
      const counts = await this.sessions.completionCounts(tx, {
        courseId: session.course_id,
        patientId: session.patient_id,
        on,
        treatedAt: at,
        exceptSessionId: id,
      });
      await this.auditRead(tx, staff, 'session', id, session.patient_id);
      return {
        on,
        polidocanolMgSameDay: counts.polidocanolMgSameDay,
        completedSessionsBefore: counts.patientCompletedBefore,
        weightKg: patient.medicalHistory?.weightKg ?? null,
        weightMeasuredOn: patient.medicalHistory?.weightMeasuredOn ?? null,
        conditions: [...(patient.medicalHistory?.conditions ?? [])] as ConditionCode[],
      };
    });
  }

  /**
   * Books the next session of a course. Refused (every reason at once) for a closed course, one
   * already holding a booking for each planned session left, or a date on which a leg of the
   * course is inside its interval, counted from that leg's treatments in every course (SPEC §1.4);
   * clearance on the booked date and a date beyond the window are warnings. Two statements and no
   * transaction (a hot route, issue 14): every fact in one snapshot, then the write, which is
   * made only if no writer of the patient's sessions (a completion, a move, another booking) nor
   * of the course came in between; else the facts are read again and the rules asked again.
   */
  async book(courseId: string, dto: BookSessionDto, staff: SignedInStaff): Promise<BookedSession> {
    const scheduledOn = clinicDate(dto.scheduledFor, this.zone);
    return this.untilWritten((m) => this.tryBooking(m, courseId, dto, scheduledOn, staff), 'The course');
  }

  /** One attempt of `book`: null when the facts changed before the write (nothing was written). */
  private async tryBooking(
    db: EntityManager,
    courseId: string,
    dto: BookSessionDto,
    scheduledOn: IsoDate,
    staff: SignedInStaff,
  ): Promise<BookedSession | null> {
    const facts = await this.booking.facts(db, {
      courseId,
      clinicianId: dto.clinicianId ?? null,
      consultationId: dto.consultationId ?? null,
    });
    if (!facts) throw notFound('The course');
    if (scheduledOn < this.clock.today()) throw validationFailed('scheduledFor', 'must not be in the past');
    if (dto.consultationId && !facts.consultation)
      throw validationFailed('consultationId', 'must be a consultation of this course’s patient');
    const clinicianId = dto.clinicianId ?? facts.consultation?.clinicianId ?? undefined;
    if (clinicianId && !facts.clinicianActive)
      throw dto.clinicianId
        ? validationFailed('clinicianId', 'must be an active clinician')
        : validationFailed('consultationId', 'must be with a clinician who is still active');

    const { course, policy, counts, treatments } = facts;
    const interval = checkBookingDate(
      scheduledOn,
      { legs: course.legs, courseLastCompletedOn: counts.lastCompletedOn, treatments },
      policy,
    );
    const reasons = [
      ...courseClosedReasons(course.status),
      ...(course.status === 'active' ? bookingCapacityReasons(course.planned_sessions, counts.completed, counts.booked) : []),
      ...interval.reasons,
    ];
    if (reasons.length) refuse(reasons, 'The session cannot be booked.');
    const warnings = [...interval.warnings, ...clearanceWarnings(facts.clearance, course.legs, scheduledOn, policy, staff.role)];

    const id = randomUUID();
    const patientId = course.patient_id;
    let row: SessionRow | null;
    try {
      row = await this.booking.write(db, {
        session: {
          id,
          courseId,
          sequence: counts.nextSequence,
          scheduledFor: dto.scheduledFor,
          minutes: dto.durationMinutes ?? DEFAULT_SESSION_MINUTES,
          clinicianId: clinicianId ?? null,
          bookedBy: staff.id,
        },
        guard: facts.guard,
        audit: this.audit.rowsOf([
          { actorId: staff.id, action: 'create', entity: 'session', entityId: id, patientId, fields: Object.keys(dto) },
        ])[0],
        reminder: this.outbox.sessionReminder(
          { id, patientId, scheduledFor: dto.scheduledFor },
          { clinic: facts.clinic, recipient: facts.recipient, words: facts.reminderWords },
        ),
      });
    } catch (e) {
      if ((e as { code?: string }).code === EXCLUSION_VIOLATION) throw doubleBooked();
      throw e;
    }
    if (!row) return null;
    const [session] = await this.sessions.shape(db, [row], staff.role, this.zone);
    // Added to the session's detail rather than spread with it (see toDetail).
    return Object.assign(session, {
      window: interval.window,
      warnings: [...warnings, ...this.hoursWarningsOf(row, facts.hours)],
      preTreatment: this.advice(row),
    });
  }

  /**
   * Records a session as completed. The treatment date is the clinic date of `treatedAt` (when it
   * was given; default now), and every dated rule is evaluated on it (SPEC §1.9): gather the facts
   * (the daily dose and the per-leg interval count every course of the patient), let
   * `checkSessionCompletion` decide with every reason at once, store the detail, complete the
   * course when its planned sessions are done, and warn about each of the patient's bookings that
   * now falls inside a leg's interval. Two statements and no transaction (a hot route, issue 14):
   * the facts in one snapshot, then the writes, made only if no writer of the patient's sessions,
   * of the course or of the session came in between; else the facts are read again.
   */
  async complete(id: string, dto: CompleteSessionDto, staff: SignedInStaff): Promise<CompletedSession> {
    return this.untilWritten((m) => this.tryCompletion(m, id, dto, staff), 'The session');
  }

  /**
   * Runs `attempt` (facts, rules, checked write) until it writes: again on fresh facts when they
   * changed before its write (it answered null), or when PostgreSQL broke a deadlock; each time
   * on one connection. After OPTIMISTIC_ATTEMPTS changes in a row, 409 naming `what`.
   */
  private async untilWritten<T>(attempt: (m: EntityManager) => Promise<T | null>, what: string): Promise<T> {
    for (let n = 1; ; n++) {
      const written = await retryOnDeadlock(() => onOneConnection(this.db, attempt));
      if (written) return written;
      if (n === OPTIMISTIC_ATTEMPTS) throw versionConflict(what);
    }
  }

  /** One attempt of `complete`: null when the facts changed before the write (nothing was written). */
  private async tryCompletion(
    db: EntityManager,
    id: string,
    dto: CompleteSessionDto,
    staff: SignedInStaff,
  ): Promise<CompletedSession | null> {
    const now = new Date().toISOString();
    const treatedAt = dto.treatedAt ?? now;
    const on = treatmentDate({ treatedAt, timeZone: this.zone });
    const facts = await this.completion.facts(db, { sessionId: id, on, treatedAt });
    if (!facts) throw notFound('The session');
    const { session, course, policy, patient, treatments, counts: f } = facts;
    const timing = { treatedAt, recordedAt: now, scheduledFor: session.scheduledFor.toISOString(), timeZone: this.zone };
    if (!patient) throw notFound('The patient');
    const check = checkSessionCompletion(
      {
        on,
        session: { status: session.status },
        timing,
        course: { status: course.status, legs: course.legs, lastCompletedOn: f.courseLastCompletedOn },
        consent: f.consentedOn ? { consentedOn: f.consentedOn } : null,
        patient,
        legs: dto.legs,
        treatments,
        patientCompletedSessionsBefore: f.patientCompletedBefore,
        dose: {
          agent: dto.agent,
          form: dto.form,
          concentrationPercent: dto.concentrationPercent,
          volumeMl: dto.volumeMl,
          otherPolidocanolMgSameDay: f.polidocanolMgSameDay,
        },
        confirmations: dto.confirmations,
      },
      policy,
    );
    if (!check.allowed) refuse(check.reasons, 'The session cannot be recorded as completed.');

    // Everything below is known before the write, which then makes it so in one statement.
    const courseStatus = courseStatusAfterCompletion(course.plannedSessions, facts.completedBefore + 1);
    const courseCompletes = courseStatus === 'completed';
    const after = [...treatments, ...legTreatments([{ id, legs: dto.legs, on }])];
    // Dated from the times as the write stores them (`treatedAt` as the database reads it).
    const aftercare = this.aftercareOf({ id, treated_at: facts.treatedAt, completed_at: new Date(now) }, course.legs, after, policy);
    const aftercareMessage = this.outbox.aftercareMessage(facts, facts.patientId, aftercare);
    const audit: AuditRecord[] = [
      {
        actorId: staff.id,
        action: 'update',
        entity: 'session',
        entityId: id,
        patientId: facts.patientId,
        fields: ['status', ...Object.keys(dto)],
        occurredAt: treatedAt,
      },
    ];
    if (courseCompletes) {
      audit.push({
        actorId: staff.id,
        action: 'update',
        entity: 'course',
        entityId: facts.courseId,
        patientId: facts.patientId,
        fields: ['status'],
      });
    }
    const row = await this.completion.write(db, {
      sessionId: id,
      courseId: facts.courseId,
      guard: facts.guard,
      record: {
        at: now,
        treatedAt,
        on,
        by: staff.id,
        legs: dto.legs,
        areas: dto.areas ?? [],
        agent: dto.agent,
        product: dto.product ?? null,
        batchNumber: dto.batchNumber.trim(),
        concentrationPercent: dto.concentrationPercent,
        form: dto.form,
        volumeMl: dto.volumeMl,
        injections: dto.injections,
        doseMg: check.dose.doseMg,
        compressionMmHg: dto.compression.mmHg ?? null,
        compressionHours: dto.compression.hours ?? null,
        checklist: dto.checklist,
        confirmations: dto.confirmations ?? [],
        immediateReactions: dto.immediateReactions ?? null,
      },
      audit: this.audit.rowsOf(audit),
      reminderCancelled: SESSION_TOOK_PLACE,
      courseCompleted: courseCompletes ? { reason: 'Course completed', remindersCancelled: BOOKING_CANCELLED } : null,
      recallsCancelled: courseCompletes ? COURSE_ENDED : LATER_SESSION_TOOK_PLACE,
      aftercare: aftercareMessage ? [aftercareMessage] : [],
      recalls: courseCompletes
        ? []
        : this.outbox.recallMessages(facts, {
            courseId: facts.courseId,
            sessionId: id,
            sequence: session.sequence,
            patientId: facts.patientId,
            window: aftercare.nextWindow,
          }),
    });
    if (!row) return null;
    // The bookings left after this completion: not the session itself, nor the course's when it completed.
    const booked = facts.booked.filter((b) => b.id !== id && !(courseCompletes && b.courseId === facts.courseId));
    return {
      ...toDetail(row, [], this.zone),
      warnings: [...check.warnings, ...this.bookingsInsideWindow(booked, after, policy)],
      aftercare,
      courseStatus,
    };
  }

  /**
   * Moves a booked session to another time: the same checks as a booking (the interval per leg,
   * the clinician's diary), in the same lock order, keeping its length, course and clinician.
   */
  async move(id: string, dto: MoveSessionDto, staff: SignedInStaff): Promise<BookedSession> {
    return retryOnDeadlock(() =>
      this.db.transaction(async (tx) => {
        const first = await this.requireSession(tx, id);
        await this.sessions.lockPatient(tx, first.patient_id);
        const course = await this.sessions.lockCourse(tx, first.course_id);
        const locked = await this.sessions.lockSession(tx, id);
        if (!locked) throw notFound('The session');
        if (locked.version !== dto.version) throw versionConflict('The session');
        if (locked.status !== 'scheduled') {
          refuse(
            [
              {
                code: 'SESSION_NOT_BOOKED',
                message: `This session is ${String(locked.status).replace(/_/g, ' ')}; only a booked session can be moved.`,
              },
            ],
            '',
          );
        }
        const scheduledOn = clinicDate(dto.scheduledFor, this.zone);
        if (scheduledOn < this.clock.today()) throw validationFailed('scheduledFor', 'must not be in the past');

        const policy = await loadPolicy(tx);
        const lastCompletedOn = await this.sessions.lastCompletedOn(tx, course.id);
        const treatments = (await loadLegTreatments(tx, [first.patient_id])).get(first.patient_id) ?? [];
        const interval = checkBookingDate(scheduledOn, { legs: course.legs, courseLastCompletedOn: lastCompletedOn, treatments }, policy);
        if (!interval.allowed) refuse(interval.reasons, 'The session cannot be moved to that date.');
        try {
          await this.sessions.reschedule(tx, id, dto.scheduledFor);
        } catch (e) {
          if ((e as { code?: string }).code === EXCLUSION_VIOLATION) throw doubleBooked();
          throw e;
        }
        await this.audit.record(
          { actorId: staff.id, action: 'update', entity: 'session', entityId: id, patientId: first.patient_id, fields: ['scheduledFor'] },
          tx,
        );
        const facts = await loadClearanceFacts(tx, first.patient_id);
        const row = (await this.sessions.find(tx, id)) as SessionRow;
        await this.remind(tx, row);
        const [session] = await this.sessions.shape(tx, [row], staff.role, this.zone);
        const warnings = [
          ...interval.warnings,
          ...(facts ? clearanceWarnings(facts, course.legs, scheduledOn, policy, staff.role) : []),
          ...(await this.hoursWarnings(tx, row)),
        ];
        return { ...session, window: interval.window, warnings, preTreatment: this.advice(row) };
      }),
    );
  }

  /** Outside the clinic's opening hours, or on a day its clinician does not work: said, never refused. */
  private async hoursWarnings(tx: EntityManager, row: SessionRow): Promise<Reason[]> {
    return this.hoursWarningsOf(row, await this.settings.bookingHours(tx, row.clinician_id));
  }

  private hoursWarningsOf(row: SessionRow, hours: BookingHoursSettings): Reason[] {
    return appointmentHoursWarnings({ startsAt: row.scheduled_for.toISOString(), endsAt: row.ends_at.toISOString(), ...hours }, this.zone);
  }

  async cancel(id: string, dto: ChangeSessionStatusDto, staff: SignedInStaff): Promise<SessionBooking | SessionDetail> {
    return this.changeStatus(id, 'cancelled', dto, staff);
  }

  async didNotAttend(id: string, dto: ChangeSessionStatusDto, staff: SignedInStaff): Promise<SessionBooking | SessionDetail> {
    return this.changeStatus(id, 'did_not_attend', dto, staff);
  }

  async aftercare(id: string): Promise<Aftercare> {
    return this.db.transaction(async (tx) => {
      const row = await this.requireSession(tx, id);
      if (row.status !== 'completed') {
        throw new DomainError('NO_AFTERCARE_YET', 'This session has not been completed, so it has no aftercare plan yet.');
      }
      const policy = await loadPolicy(tx);
      const legs = await this.sessions.courseLegs(tx, row.course_id);
      const treatments = (await loadLegTreatments(tx, [row.patient_id])).get(row.patient_id) ?? [];
      return this.aftercareOf(row, legs, treatments, policy);
    });
  }

  async preTreatment(id: string): Promise<PreTreatmentAdvice> {
    return this.db.transaction(async (tx) => {
      const row = await this.requireSession(tx, id);
      if (row.status !== 'scheduled') {
        throw new DomainError(
          'NO_PRE_TREATMENT_ADVICE',
          `This session is ${row.status.replace(/_/g, ' ')}; pre-treatment advice is for booked sessions.`,
        );
      }
      return this.advice(row);
    });
  }

  // -------------------------------------------------------------------------------------------

  private async changeStatus(
    id: string,
    status: 'cancelled' | 'did_not_attend',
    dto: ChangeSessionStatusDto,
    staff: SignedInStaff,
  ): Promise<SessionBooking | SessionDetail> {
    return this.db.transaction(async (tx) => {
      const locked = await this.sessions.lockSession(tx, id);
      if (!locked) throw notFound('The session');
      if (dto.version !== locked.version) throw versionConflict('The session');
      if (locked.status !== 'scheduled') {
        throw new DomainError('SESSION_NOT_BOOKED', `This session is already ${String(locked.status).replace(/_/g, ' ')}.`);
      }
      const today = this.clock.today();
      if (status === 'did_not_attend' && clinicDate(locked.scheduled_for.toISOString(), this.zone) > today) {
        throw new DomainError('SESSION_NOT_DUE', 'A session in the future cannot be marked as not attended; cancel it instead.');
      }
      await this.sessions.changeStatus(tx, id, status, staff.id, dto.reason ?? null);
      await this.outbox.cancelOfSession(tx, id, status === 'cancelled' ? BOOKING_CANCELLED : BOOKING_MISSED);
      const row = (await this.sessions.find(tx, id)) as SessionRow;
      await this.audit.record(
        {
          actorId: staff.id,
          action: 'update',
          entity: 'session',
          entityId: id,
          patientId: row.patient_id,
          fields: ['status', ...(dto.reason ? ['reason'] : [])],
        },
        tx,
      );
      const [session] = await this.sessions.shape(tx, [row], staff.role, this.zone);
      return session;
    });
  }

  /**
   * The aftercare plan, dated from when the treatment was given. Its next window is the course's,
   * which also waits for the course's legs treated in the patient's other courses.
   */
  private aftercareOf(
    row: Pick<SessionRow, 'id' | 'treated_at' | 'completed_at'>,
    courseLegs: Leg[],
    treatments: LegTreatment[],
    policy: ClinicalPolicy,
  ): Aftercare {
    const treatedAt = (row.treated_at as Date).toISOString();
    const plan = aftercarePlan(treatedAt, this.zone, policy);
    const nextWindow = courseWindow(courseLegs, plan.completedOn, treatments, policy) ?? plan.nextWindow;
    return {
      sessionId: row.id,
      completedAt: (row.completed_at as Date).toISOString(),
      treatedAt: plan.completedAt,
      completedOn: plan.completedOn,
      items: plan.items,
      nextWindow,
    };
  }

  /** INTERVAL_TOO_SHORT warnings for the patient's bookings that fall inside a leg's interval. */
  private bookingsInsideWindow(booked: CompletionGrounds['booked'], treatments: LegTreatment[], policy: ClinicalPolicy): Reason[] {
    return booked.flatMap((b) => {
      const date = clinicDate(b.scheduledFor.toISOString(), this.zone);
      return legIntervalReasons(b.legs, date, treatments, policy).map((r) => ({
        ...r,
        sessionId: b.id,
        message: `Session ${b.sequence}, booked for ${formatDate(date)}, is now too soon. ${r.message} Move it to ${formatDate(r.opensOn as string)} or later.`,
      }));
    });
  }

  /** The session's reminder, written (or moved and rewritten) with the booking. */
  private async remind(tx: EntityManager, row: SessionRow): Promise<void> {
    await this.outbox.remindOfSession(tx, { id: row.id, patientId: row.patient_id, scheduledFor: row.scheduled_for.toISOString() });
  }

  private advice(row: SessionRow): PreTreatmentAdvice {
    return preTreatmentAdvice(row.scheduled_for.toISOString(), this.zone, new Date().toISOString());
  }

  private async requireSession(tx: EntityManager, id: string): Promise<SessionRow> {
    const row = await this.sessions.find(tx, id);
    if (!row) throw notFound('The session');
    return row;
  }

  private async auditRead(tx: EntityManager, staff: SignedInStaff, entity: string, id: string | null, patientId: string) {
    if (!can(staff.role, 'readClinical')) return;
    await this.audit.record({ actorId: staff.id, action: 'read', entity, entityId: id, patientId }, tx);
  }
}
