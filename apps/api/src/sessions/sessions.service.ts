import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_SESSION_MINUTES,
  can,
  type AdverseEvent,
  type Aftercare,
  type BookedSession,
  type CompletedSession,
  type CompletionFacts,
  type ConditionCode,
  type CourseStatus,
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
import { loadClearanceFacts, loadLegTreatments, loadPolicy } from '../courses/clinical-facts';
import { clearanceWarnings } from '../clearance/clearance-warnings';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ClinicClock } from '../platform/config/clinic-clock';
import { DomainError, notFound, refuse, validationFailed, versionConflict } from '../platform/errors/domain-error';
import { SettingsRepository } from '../settings/settings.repository';
import type { BookSessionDto } from './dto/book-session.dto';
import type { ChangeSessionStatusDto } from './dto/change-session-status.dto';
import type { CompleteSessionDto } from './dto/complete-session.dto';
import type { MoveSessionDto } from './dto/move-session.dto';
import type { RecordAdverseEventDto } from './dto/record-adverse-event.dto';
import { SessionsRepository } from './sessions.repository';
import {
  ADVERSE_EVENT_COLUMNS,
  adverseEventsOf,
  cancelBookedSessions,
  findSession,
  sessionsOfCourses,
  shapeSessions,
  toAdverseEvent,
  toDetail,
  type SessionRow,
} from './session-records';

/** PostgreSQL's exclusion_violation: the clinician's one diary already holds a session or consultation at that time. */
const EXCLUSION_VIOLATION = '23P01';

const doubleBooked = () =>
  new DomainError('DOUBLE_BOOKED', 'The clinician already has a session or consultation booked at that time.', {
    reasons: [{ code: 'DOUBLE_BOOKED', message: 'The clinician already has a session or consultation booked at that time. Choose another time or clinician.' }],
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
  ) {}

  private get zone(): string {
    return this.config.clinicTimeZone;
  }

  async list(courseId: string, staff: SignedInStaff, limit: number, offset: number): Promise<Page<SessionBooking | SessionDetail>> {
    return this.db.transaction(async (tx) => {
      const [course] = await tx.query(`SELECT patient_id FROM courses WHERE id = $1`, [courseId]);
      if (!course) throw notFound('The course');
      const rows = await sessionsOfCourses(tx, [courseId]);
      const items = await shapeSessions(tx, rows.slice(offset, offset + limit), staff.role, this.zone);
      await this.auditRead(tx, staff, 'session', null, course.patient_id);
      return { items, total: rows.length, limit, offset };
    });
  }

  async get(id: string, staff: SignedInStaff): Promise<(SessionBooking | SessionDetail) & { preTreatment?: PreTreatmentAdvice }> {
    return this.db.transaction(async (tx) => {
      const row = await this.requireSession(tx, id);
      const [session] = await shapeSessions(tx, [row], staff.role, this.zone);
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
   * clearance on the booked date and a date beyond the window are warnings. Lock order everywhere:
   * patient, then course, then session, so a booking and a completion never interleave.
   */
  async book(courseId: string, dto: BookSessionDto, staff: SignedInStaff): Promise<BookedSession> {
    return this.db.transaction(async (tx) => {
      const [owner] = await tx.query(`SELECT patient_id FROM courses WHERE id = $1`, [courseId]);
      if (!owner) throw notFound('The course');
      await tx.query(`SELECT 1 FROM patients WHERE id = $1 FOR NO KEY UPDATE`, [owner.patient_id]);
      const [course] = await tx.query(
        `SELECT id, patient_id, legs, status, planned_sessions FROM courses WHERE id = $1 FOR UPDATE`,
        [courseId],
      );

      const scheduledOn = clinicDate(dto.scheduledFor, this.zone);
      if (scheduledOn < this.clock.today()) throw validationFailed('scheduledFor', 'must not be in the past');
      const fromConsultation = dto.consultationId ? await this.consultationClinician(tx, dto.consultationId, course.patient_id) : undefined;
      const clinicianId = dto.clinicianId ?? fromConsultation;
      if (clinicianId) {
        const [c] = await tx.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'clinician' AND active`, [clinicianId]);
        if (!c) throw dto.clinicianId ? validationFailed('clinicianId', 'must be an active clinician') : validationFailed('consultationId', 'must be with a clinician who is still active');
      }

      const policy = await loadPolicy(tx);
      const [counts] = await tx.query(
        `SELECT max(completed_on)::text AS last_completed_on,
                count(*) FILTER (WHERE status = 'completed')::int AS completed,
                count(*) FILTER (WHERE status = 'scheduled')::int AS booked,
                coalesce(max(sequence) FILTER (WHERE status IN ('scheduled', 'completed')), 0) + 1 AS next_sequence
           FROM sessions WHERE course_id = $1`,
        [courseId],
      );
      const treatments = (await loadLegTreatments(tx, [course.patient_id])).get(course.patient_id) ?? [];
      const interval = checkBookingDate(
        scheduledOn,
        { legs: course.legs, courseLastCompletedOn: counts.last_completed_on, treatments },
        policy,
      );
      const reasons = [
        ...courseClosedReasons(course.status),
        ...(course.status === 'active' ? bookingCapacityReasons(course.planned_sessions, counts.completed, counts.booked) : []),
        ...interval.reasons,
      ];
      if (reasons.length) refuse(reasons, 'The session cannot be booked.');

      const facts = await loadClearanceFacts(tx, course.patient_id);
      if (!facts) throw notFound('The patient');
      const warnings = [...interval.warnings, ...clearanceWarnings(facts, course.legs, scheduledOn, policy, staff.role)];

      const minutes = dto.durationMinutes ?? DEFAULT_SESSION_MINUTES;
      let id: string;
      try {
        [{ id }] = await tx.query(
          `INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, clinician_id, booked_by)
           VALUES ($1, $2, $3::timestamptz, $3::timestamptz + make_interval(mins => $4), $5, $6) RETURNING id`,
          [courseId, counts.next_sequence, dto.scheduledFor, minutes, clinicianId ?? null, staff.id],
        );
      } catch (e) {
        if ((e as { code?: string }).code === EXCLUSION_VIOLATION) throw doubleBooked();
        throw e;
      }
      await this.audit.record(
        { actorId: staff.id, action: 'create', entity: 'session', entityId: id, patientId: course.patient_id, fields: Object.keys(dto) },
        tx,
      );
      const row = (await findSession(tx, id)) as SessionRow;
      const [session] = await shapeSessions(tx, [row], staff.role, this.zone);
      return { ...session, window: interval.window, warnings: [...warnings, ...(await this.hoursWarnings(tx, row))], preTreatment: this.advice(row) };
    });
  }

  /**
   * Records a session as completed. The treatment date is the clinic date of `treatedAt` (when it
   * was given; default now), and every dated rule is evaluated on it (SPEC §1.9). In one
   * transaction: lock the patient (the daily dose and the per-leg interval count every course),
   * the course and the session, gather the facts, let `checkSessionCompletion` decide with every
   * reason at once, store the detail, complete the course when its planned sessions are done, and
   * warn about each of the patient's bookings that now falls inside a leg's interval.
   */
  async complete(id: string, dto: CompleteSessionDto, staff: SignedInStaff): Promise<CompletedSession> {
    return this.db.transaction(async (tx) => {
      const first = await this.requireSession(tx, id);
      await tx.query(`SELECT 1 FROM patients WHERE id = $1 FOR NO KEY UPDATE`, [first.patient_id]);
      const [course] = await tx.query(
        `SELECT id, legs, status, planned_sessions FROM courses WHERE id = $1 FOR UPDATE`,
        [first.course_id],
      );
      await tx.query(`SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE`, [id]);
      const session = (await findSession(tx, id)) as SessionRow;

      const now = new Date().toISOString();
      const timing = { treatedAt: dto.treatedAt ?? now, recordedAt: now, scheduledFor: session.scheduled_for.toISOString(), timeZone: this.zone };
      const on = treatmentDate(timing);
      const policy = await loadPolicy(tx);
      const patient = await loadClearanceFacts(tx, session.patient_id);
      if (!patient) throw notFound('The patient');
      const treatments = (await loadLegTreatments(tx, [session.patient_id])).get(session.patient_id) ?? [];
      const f = await this.sessions.completionCounts(tx, {
        courseId: session.course_id,
        patientId: session.patient_id,
        on,
        treatedAt: timing.treatedAt,
        exceptSessionId: id,
      });
      const check = checkSessionCompletion(
        {
          on,
          session: { status: session.status },
          timing,
          course: { status: course.status as CourseStatus, legs: course.legs, lastCompletedOn: f.courseLastCompletedOn },
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

      await tx.query(
        `UPDATE sessions
            SET status = 'completed', completed_at = $2, treated_at = $20, completed_on = $3, completed_by = $4,
                status_changed_at = $2, status_changed_by = $4,
                legs = $5, areas = $6, agent = $7, product = $8, batch_number = $9, concentration_percent = $10,
                form = $11, volume_ml = $12, injections = $13, dose_mg = $14, compression_mmhg = $15,
                compression_hours = $16, checklist = $17, confirmations = $18, immediate_reactions = $19,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [
          id, now, on, staff.id,
          dto.legs, dto.areas ?? [], dto.agent, dto.product ?? null, dto.batchNumber.trim(), dto.concentrationPercent,
          dto.form, dto.volumeMl, dto.injections, check.dose.doseMg, dto.compression.mmHg ?? null,
          dto.compression.hours ?? null, JSON.stringify(dto.checklist), JSON.stringify(dto.confirmations ?? []),
          dto.immediateReactions ?? null, timing.treatedAt,
        ],
      );
      await this.audit.record(
        {
          actorId: staff.id,
          action: 'update',
          entity: 'session',
          entityId: id,
          patientId: session.patient_id,
          fields: ['status', ...Object.keys(dto)],
          occurredAt: timing.treatedAt,
        },
        tx,
      );

      const [{ completed }] = await tx.query(
        `SELECT count(*)::int AS completed FROM sessions WHERE course_id = $1 AND status = 'completed'`,
        [session.course_id],
      );
      const courseStatus = courseStatusAfterCompletion(course.planned_sessions, completed);
      if (courseStatus === 'completed') {
        await tx.query(
          `UPDATE courses SET status = 'completed', closed_at = $2, closed_by = $3, version = version + 1, updated_at = now()
            WHERE id = $1`,
          [session.course_id, now, staff.id],
        );
        await cancelBookedSessions(tx, session.course_id, staff.id, 'Course completed');
        await this.audit.record(
          { actorId: staff.id, action: 'update', entity: 'course', entityId: session.course_id, patientId: session.patient_id, fields: ['status'] },
          tx,
        );
      }
      const after = [...treatments, ...legTreatments([{ id, legs: dto.legs, on }])];
      const row = (await findSession(tx, id)) as SessionRow;
      return {
        ...toDetail(row, [], this.zone),
        warnings: [...check.warnings, ...(await this.bookingsInsideWindow(tx, session.patient_id, after, policy))],
        aftercare: this.aftercareOf(row, course.legs, after, policy),
        courseStatus,
      };
    });
  }

  /**
   * Moves a booked session to another time: the same checks as a booking (the interval per leg,
   * the clinician's diary), in the same lock order, keeping its length, course and clinician.
   */
  async move(id: string, dto: MoveSessionDto, staff: SignedInStaff): Promise<BookedSession> {
    return this.db.transaction(async (tx) => {
      const first = await this.requireSession(tx, id);
      await tx.query(`SELECT 1 FROM patients WHERE id = $1 FOR NO KEY UPDATE`, [first.patient_id]);
      const [course] = await tx.query(`SELECT id, legs FROM courses WHERE id = $1 FOR UPDATE`, [first.course_id]);
      const [locked] = await tx.query(`SELECT status, version FROM sessions WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.version !== dto.version) throw versionConflict('The session');
      if (locked.status !== 'scheduled') {
        refuse([{ code: 'SESSION_NOT_BOOKED', message: `This session is ${String(locked.status).replace(/_/g, ' ')}; only a booked session can be moved.` }], '');
      }
      const scheduledOn = clinicDate(dto.scheduledFor, this.zone);
      if (scheduledOn < this.clock.today()) throw validationFailed('scheduledFor', 'must not be in the past');

      const policy = await loadPolicy(tx);
      const [{ last_completed_on }] = await tx.query(
        `SELECT max(completed_on)::text AS last_completed_on FROM sessions WHERE course_id = $1 AND status = 'completed'`,
        [course.id],
      );
      const treatments = (await loadLegTreatments(tx, [first.patient_id])).get(first.patient_id) ?? [];
      const interval = checkBookingDate(scheduledOn, { legs: course.legs, courseLastCompletedOn: last_completed_on, treatments }, policy);
      if (!interval.allowed) refuse(interval.reasons, 'The session cannot be moved to that date.');
      try {
        await tx.query(
          `UPDATE sessions SET scheduled_for = $2::timestamptz, ends_at = $2::timestamptz + (ends_at - scheduled_for),
                  version = version + 1, updated_at = now()
            WHERE id = $1`,
          [id, dto.scheduledFor],
        );
      } catch (e) {
        if ((e as { code?: string }).code === EXCLUSION_VIOLATION) throw doubleBooked();
        throw e;
      }
      await this.audit.record(
        { actorId: staff.id, action: 'update', entity: 'session', entityId: id, patientId: first.patient_id, fields: ['scheduledFor'] },
        tx,
      );
      const facts = await loadClearanceFacts(tx, first.patient_id);
      const row = (await findSession(tx, id)) as SessionRow;
      const [session] = await shapeSessions(tx, [row], staff.role, this.zone);
      const warnings = [
        ...interval.warnings,
        ...(facts ? clearanceWarnings(facts, course.legs, scheduledOn, policy, staff.role) : []),
        ...(await this.hoursWarnings(tx, row)),
      ];
      return { ...session, window: interval.window, warnings, preTreatment: this.advice(row) };
    });
  }

  /** The clinician of the patient's consultation a booking comes from (null when it had none); 400 for anyone else's. */
  private async consultationClinician(tx: EntityManager, consultationId: string, patientId: string): Promise<string | undefined> {
    const [k] = await tx.query(`SELECT clinician_id FROM consultations WHERE id = $1 AND patient_id = $2`, [consultationId, patientId]);
    if (!k) throw validationFailed('consultationId', 'must be a consultation of this course’s patient');
    return k.clinician_id ?? undefined;
  }

  /** Outside the clinic's opening hours, or on a day its clinician does not work: said, never refused. */
  private async hoursWarnings(tx: EntityManager, row: SessionRow): Promise<Reason[]> {
    const hours = await this.settings.bookingHours(tx, row.clinician_id);
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
        throw new DomainError('NOT_FOUND', 'This session has not been completed, so it has no aftercare plan yet.');
      }
      const policy = await loadPolicy(tx);
      const [course] = await tx.query(`SELECT legs FROM courses WHERE id = $1`, [row.course_id]);
      const treatments = (await loadLegTreatments(tx, [row.patient_id])).get(row.patient_id) ?? [];
      return this.aftercareOf(row, course.legs, treatments, policy);
    });
  }

  async preTreatment(id: string): Promise<PreTreatmentAdvice> {
    return this.db.transaction(async (tx) => {
      const row = await this.requireSession(tx, id);
      if (row.status !== 'scheduled') {
        throw new DomainError('NOT_FOUND', `This session is ${row.status.replace(/_/g, ' ')}; pre-treatment advice is for booked sessions.`);
      }
      return this.advice(row);
    });
  }

  async recordAdverseEvent(sessionId: string, dto: RecordAdverseEventDto, staff: SignedInStaff): Promise<AdverseEvent> {
    return this.db.transaction(async (tx) => {
      const session = await this.requireSession(tx, sessionId);
      if (session.status !== 'completed' || !session.completed_on) {
        throw new DomainError('CONFLICT', 'Adverse events are recorded against a completed session.');
      }
      const today = this.clock.today();
      if (dto.onsetOn < session.completed_on) throw validationFailed('onsetOn', `must not be before the session (${formatDate(session.completed_on)})`);
      if (dto.onsetOn > today) throw validationFailed('onsetOn', 'must not be in the future');
      if (dto.resolvedOn !== undefined && !dto.resolved) throw validationFailed('resolvedOn', 'is only given for a resolved event');
      if (dto.resolvedOn !== undefined) checkResolvedOn(dto.resolvedOn, dto.onsetOn, today);
      if (dto.type === 'other' && !dto.notes?.trim()) throw validationFailed('notes', 'must describe an event of type other');
      const [row] = await tx.query(
        `INSERT INTO adverse_events (session_id, type, severity, onset_on, resolved, resolved_on, notes, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING ${ADVERSE_EVENT_COLUMNS}`,
        [sessionId, dto.type, dto.severity, dto.onsetOn, dto.resolved ?? false, dto.resolvedOn ?? null, dto.notes ?? null, staff.id],
      );
      await this.audit.record(
        { actorId: staff.id, action: 'create', entity: 'adverse_event', entityId: row.id, patientId: session.patient_id, fields: Object.keys(dto) },
        tx,
      );
      return toAdverseEvent(row);
    });
  }

  /** Events are logged at onset and resolved weeks later (hyperpigmentation can take months). */
  async resolveAdverseEvent(id: string, resolvedOn: string, staff: SignedInStaff): Promise<AdverseEvent> {
    return this.db.transaction(async (tx) => {
      const [event] = await tx.query(
        `SELECT e.onset_on::text AS onset_on, e.resolved, c.patient_id
           FROM adverse_events e JOIN sessions s ON s.id = e.session_id JOIN courses c ON c.id = s.course_id
          WHERE e.id = $1 FOR UPDATE OF e`,
        [id],
      );
      if (!event) throw notFound('The adverse event');
      if (event.resolved) throw new DomainError('CONFLICT', 'This adverse event is already marked resolved.');
      checkResolvedOn(resolvedOn, event.onset_on, this.clock.today());
      // For an UPDATE, TypeORM answers [rows, affected count].
      const [[row]] = await tx.query(
        `UPDATE adverse_events SET resolved = true, resolved_on = $2, version = version + 1, updated_at = now() WHERE id = $1
         RETURNING ${ADVERSE_EVENT_COLUMNS}`,
        [id, resolvedOn],
      );
      await this.audit.record(
        { actorId: staff.id, action: 'update', entity: 'adverse_event', entityId: id, patientId: event.patient_id, fields: ['resolved', 'resolvedOn'] },
        tx,
      );
      return toAdverseEvent(row);
    });
  }

  async adverseEvents(sessionId: string, staff: SignedInStaff): Promise<Page<AdverseEvent>> {
    return this.db.transaction(async (tx) => {
      const session = await this.requireSession(tx, sessionId);
      const items = await adverseEventsOf(tx, [sessionId]);
      await this.auditRead(tx, staff, 'adverse_event', null, session.patient_id);
      return { items, total: items.length, limit: items.length, offset: 0 };
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
      const [locked] = await tx.query(`SELECT status, version, scheduled_for FROM sessions WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw notFound('The session');
      if (dto.version !== locked.version) throw versionConflict('The session');
      if (locked.status !== 'scheduled') {
        throw new DomainError('CONFLICT', `This session is already ${String(locked.status).replace(/_/g, ' ')}.`);
      }
      const today = this.clock.today();
      if (status === 'did_not_attend' && clinicDate((locked.scheduled_for as Date).toISOString(), this.zone) > today) {
        throw new DomainError('CONFLICT', 'A session in the future cannot be marked as not attended; cancel it instead.');
      }
      await tx.query(
        `UPDATE sessions SET status = $2, status_changed_at = now(), status_changed_by = $3, status_reason = $4,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, status, staff.id, dto.reason ?? null],
      );
      const row = (await findSession(tx, id)) as SessionRow;
      await this.audit.record(
        { actorId: staff.id, action: 'update', entity: 'session', entityId: id, patientId: row.patient_id, fields: ['status', ...(dto.reason ? ['reason'] : [])] },
        tx,
      );
      const [session] = await shapeSessions(tx, [row], staff.role, this.zone);
      return session;
    });
  }

  /**
   * The aftercare plan, dated from when the treatment was given. Its next window is the course's,
   * which also waits for the course's legs treated in the patient's other courses.
   */
  private aftercareOf(row: SessionRow, courseLegs: Leg[], treatments: LegTreatment[], policy: ClinicalPolicy): Aftercare {
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
  private async bookingsInsideWindow(tx: EntityManager, patientId: string, treatments: LegTreatment[], policy: ClinicalPolicy): Promise<Reason[]> {
    const booked: { id: string; sequence: number; scheduled_for: Date; legs: Leg[] }[] = await tx.query(
      `SELECT s.id, s.sequence, s.scheduled_for, c.legs
         FROM sessions s JOIN courses c ON c.id = s.course_id
        WHERE c.patient_id = $1 AND s.status = 'scheduled'
        ORDER BY s.scheduled_for`,
      [patientId],
    );
    return booked.flatMap((b) => {
      const date = clinicDate(b.scheduled_for.toISOString(), this.zone);
      return legIntervalReasons(b.legs, date, treatments, policy).map((r) => ({
        ...r,
        sessionId: b.id,
        message: `Session ${b.sequence}, booked for ${formatDate(date)}, is now too soon. ${r.message} Move it to ${formatDate(r.opensOn as string)} or later.`,
      }));
    });
  }

  private advice(row: SessionRow): PreTreatmentAdvice {
    return preTreatmentAdvice(row.scheduled_for.toISOString(), this.zone, new Date().toISOString());
  }

  private async requireSession(tx: EntityManager, id: string): Promise<SessionRow> {
    const row = await findSession(tx, id);
    if (!row) throw notFound('The session');
    return row;
  }

  private async auditRead(tx: EntityManager, staff: SignedInStaff, entity: string, id: string | null, patientId: string) {
    if (!can(staff.role, 'readClinical')) return;
    await this.audit.record({ actorId: staff.id, action: 'read', entity, entityId: id, patientId }, tx);
  }
}

/** An event resolves on a day from its onset to today, whether logged resolved or marked later. */
function checkResolvedOn(resolvedOn: string, onsetOn: string, today: string): void {
  if (resolvedOn < onsetOn || resolvedOn > today) throw validationFailed('resolvedOn', `must be between the onset (${formatDate(onsetOn)}) and today`);
}
