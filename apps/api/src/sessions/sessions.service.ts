import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_SESSION_MINUTES,
  can,
  ERROR_STATUS,
  type AdverseEvent,
  type Aftercare,
  type BookedSession,
  type CompletedSession,
  type Page,
  type PreTreatmentAdvice,
  type Reason,
  type SessionBooking,
  type SessionDetail,
} from '@venule/api-contract';
import {
  aftercarePlan,
  checkBookingDate,
  checkSessionCompletion,
  clinicDate,
  courseClosedReasons,
  courseStatusAfterCompletion,
  preTreatmentAdvice,
  type CourseStatus,
} from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { reasonsForReader } from '../clearance/reasons-for-reader';
import { loadClearanceFacts, loadPolicy } from '../courses/clinical-facts';
import { cancelBookedSessions, clearanceWarnings } from '../courses/courses.service';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ClinicClock } from '../platform/config/clinic-clock';
import { ClinicalRuleViolation, DomainError, notFound, validationFailed, versionConflict } from '../platform/errors/domain-error';
import type { BookSessionDto } from './dto/book-session.dto';
import type { ChangeSessionStatusDto } from './dto/change-session-status.dto';
import type { CompleteSessionDto } from './dto/complete-session.dto';
import type { RecordAdverseEventDto } from './dto/record-adverse-event.dto';
import {
  ADVERSE_EVENT_COLUMNS,
  adverseEventsOf,
  findSession,
  sessionsOfCourses,
  shapeSessions,
  toAdverseEvent,
  toDetail,
  type SessionRow,
} from './session-records';

/** PostgreSQL's exclusion_violation: the clinician already has a session at that time. */
const EXCLUSION_VIOLATION = '23P01';

/** Refuses with 422 and every reason; a reason the HTTP contract has no code for is a 400. */
function refuse(reasons: Reason[], message: string): never {
  const unknown = reasons.filter((r) => !(r.code in ERROR_STATUS));
  if (unknown.length) {
    throw new DomainError('VALIDATION_FAILED', unknown.map((r) => r.message).join(' '), {
      errors: [{ field: 'body', messages: unknown.map((r) => r.message) }],
      reasons,
    });
  }
  throw new ClinicalRuleViolation(reasons, message);
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
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
   * Books the next session of a course. Refused only for the interval (INTERVAL_TOO_SHORT, counted
   * on clinic dates from the last completed session) or a closed course; clearance on the booked
   * date and a date beyond the window are warnings. The course row is locked so a booking and a
   * completion of the same course never interleave.
   */
  async book(courseId: string, dto: BookSessionDto, staff: SignedInStaff): Promise<BookedSession> {
    return this.db.transaction(async (tx) => {
      const [course] = await tx.query(`SELECT id, patient_id, legs, status FROM courses WHERE id = $1 FOR UPDATE`, [courseId]);
      if (!course) throw notFound('The course');
      const closed = courseClosedReasons(course.status);
      if (closed.length) refuse(closed, 'A closed course takes no new sessions.');

      const scheduledOn = clinicDate(dto.scheduledFor, this.zone);
      const today = this.clock.today();
      if (scheduledOn < today) throw validationFailed('scheduledFor', 'must not be in the past');
      if (dto.clinicianId) {
        const [c] = await tx.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'clinician' AND active`, [dto.clinicianId]);
        if (!c) throw validationFailed('clinicianId', 'must be an active clinician');
      }

      const policy = await loadPolicy(tx);
      const [{ last_completed_on, next_sequence }] = await tx.query(
        `SELECT max(completed_on)::text AS last_completed_on,
                coalesce(max(sequence) FILTER (WHERE status IN ('scheduled', 'completed')), 0) + 1 AS next_sequence
           FROM sessions WHERE course_id = $1`,
        [courseId],
      );
      const interval = checkBookingDate(scheduledOn, last_completed_on, policy);
      if (!interval.allowed) refuse(interval.reasons, 'The session is booked too soon after the last one.');

      const facts = await loadClearanceFacts(tx, course.patient_id);
      if (!facts) throw notFound('The patient');
      const warnings = [...interval.warnings, ...clearanceWarnings(facts, course.legs, scheduledOn, policy)];

      const minutes = dto.durationMinutes ?? DEFAULT_SESSION_MINUTES;
      let id: string;
      try {
        [{ id }] = await tx.query(
          `INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, clinician_id, booked_by)
           VALUES ($1, $2, $3::timestamptz, $3::timestamptz + make_interval(mins => $4), $5, $6) RETURNING id`,
          [courseId, next_sequence, dto.scheduledFor, minutes, dto.clinicianId ?? null, staff.id],
        );
      } catch (e) {
        if ((e as { code?: string }).code === EXCLUSION_VIOLATION) {
          throw new DomainError('DOUBLE_BOOKED', 'The clinician already has a session booked at that time.', {
            reasons: [{ code: 'DOUBLE_BOOKED', message: 'The clinician already has a session booked at that time. Choose another time or clinician.' }],
          });
        }
        throw e;
      }
      await this.audit.record(
        { actorId: staff.id, action: 'create', entity: 'session', entityId: id, patientId: course.patient_id, fields: Object.keys(dto) },
        tx,
      );
      const row = (await findSession(tx, id)) as SessionRow;
      const [session] = await shapeSessions(tx, [row], staff.role, this.zone);
      return { ...session, window: interval.window, warnings: reasonsForReader(warnings, staff.role), preTreatment: this.advice(row) };
    });
  }

  /**
   * Completes a session now (server clock; its clinic date is the treatment date). In one
   * transaction: lock the patient (the daily dose counts every course) and the course (the
   * interval), gather the facts, let `checkSessionCompletion` decide, store the detail, and
   * complete the course when its planned sessions are done.
   */
  async complete(id: string, dto: CompleteSessionDto, staff: SignedInStaff): Promise<CompletedSession> {
    return this.db.transaction(async (tx) => {
      const first = await this.requireSession(tx, id);
      // Lock order everywhere: patient, then course, then session.
      await tx.query(`SELECT 1 FROM patients WHERE id = $1 FOR NO KEY UPDATE`, [first.patient_id]);
      const [course] = await tx.query(
        `SELECT id, legs, status, planned_sessions FROM courses WHERE id = $1 FOR UPDATE`,
        [first.course_id],
      );
      await tx.query(`SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE`, [id]);
      const session = (await findSession(tx, id)) as SessionRow;

      const now = new Date().toISOString();
      const on = clinicDate(now, this.zone);
      if (session.status !== 'scheduled') {
        throw new DomainError('CONFLICT', `This session is ${session.status.replace(/_/g, ' ')}; only a booked session can be completed.`);
      }
      const scheduledOn = clinicDate(session.scheduled_for.toISOString(), this.zone);
      if (scheduledOn > on) {
        throw new DomainError('CONFLICT', `This session is booked for ${scheduledOn}; it can be completed on that day or later. Rebook it to treat today.`);
      }
      const outside = dto.legs.filter((leg) => !course.legs.includes(leg));
      if (outside.length) throw validationFailed('legs', `this course covers the ${course.legs.join(' and ')} leg only`);

      const policy = await loadPolicy(tx);
      const patient = await loadClearanceFacts(tx, session.patient_id);
      if (!patient) throw notFound('The patient');
      const [f] = await tx.query(
        `SELECT
           (SELECT max(completed_on)::text FROM sessions WHERE course_id = $1 AND status = 'completed') AS previous_completed_on,
           (SELECT count(*)::int FROM sessions s JOIN courses c ON c.id = s.course_id
             WHERE c.patient_id = $2 AND s.status = 'completed') AS patient_completed,
           (SELECT coalesce(sum(s.dose_mg), 0)::float8 FROM sessions s JOIN courses c ON c.id = s.course_id
             WHERE c.patient_id = $2 AND s.status = 'completed' AND s.agent = 'polidocanol' AND s.completed_on = $3::date)
             AS other_polidocanol_mg,
           (SELECT consented_on::text FROM consents WHERE course_id = $1
             ORDER BY consented_on <= $3::date DESC, consented_on DESC LIMIT 1) AS consented_on`,
        [session.course_id, session.patient_id, on],
      );
      const check = checkSessionCompletion(
        {
          on,
          course: { status: course.status as CourseStatus },
          consent: f.consented_on ? { consentedOn: f.consented_on } : null,
          patient,
          legs: dto.legs,
          previousCompletedOn: f.previous_completed_on,
          patientCompletedSessionsBefore: f.patient_completed,
          dose: {
            agent: dto.agent,
            form: dto.form,
            concentrationPercent: dto.concentrationPercent,
            volumeMl: dto.volumeMl,
            otherPolidocanolMgSameDay: f.other_polidocanol_mg,
          },
          confirmations: dto.confirmations,
        },
        policy,
      );
      if (!check.allowed) refuse(check.reasons, 'The session cannot be recorded as completed.');

      await tx.query(
        `UPDATE sessions
            SET status = 'completed', completed_at = $2, completed_on = $3, completed_by = $4,
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
          dto.immediateReactions ?? null,
        ],
      );
      await this.audit.record(
        { actorId: staff.id, action: 'update', entity: 'session', entityId: id, patientId: session.patient_id, fields: ['status', ...Object.keys(dto)] },
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
      const row = (await findSession(tx, id)) as SessionRow;
      return {
        ...toDetail(row, [], this.zone),
        warnings: check.warnings,
        aftercare: this.aftercareOf(row, policy),
        courseStatus,
      };
    });
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
      return this.aftercareOf(row, policy);
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
      if (dto.onsetOn < session.completed_on) throw validationFailed('onsetOn', `must not be before the session (${session.completed_on})`);
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
      if (dto.version !== undefined && dto.version !== locked.version) throw versionConflict('The session');
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

  private aftercareOf(row: SessionRow, policy?: Awaited<ReturnType<typeof loadPolicy>>): Aftercare {
    const completedAt = (row.completed_at as Date).toISOString();
    const plan = aftercarePlan(completedAt, this.zone, policy);
    return { sessionId: row.id, completedAt: plan.completedAt, completedOn: plan.completedOn, items: plan.items, nextWindow: plan.nextWindow };
  }

  private advice(row: SessionRow): PreTreatmentAdvice {
    return preTreatmentAdvice(row.scheduled_for.toISOString(), this.zone);
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
  if (resolvedOn < onsetOn || resolvedOn > today) throw validationFailed('resolvedOn', `must be between the onset (${onsetOn}) and today`);
}
