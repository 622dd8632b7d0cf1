import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, LEGS, type Consent, type Course, type Leg, type Outcome, type Page, type Role } from '@venule/api-contract';
import { courseClosedReasons, courseState } from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ClinicClock } from '../platform/config/clinic-clock';
import { ClinicalRuleViolation, notFound, validationFailed, versionConflict } from '../platform/errors/domain-error';
import { BOOKING_CANCELLED, OutboxService } from '../messages/outbox.service';
import { SessionsRepository, sessionFacts, shapeSessions, type SessionRow } from '../sessions/sessions.repository';
import { clearanceWarnings } from '../clearance/clearance-warnings';
import { loadClearanceFacts, loadPolicy } from '../clearance/clinical-facts.repository';
import type { CreateCourseDto } from './dto/create-course.dto';
import type { RecordConsentDto } from './dto/record-consent.dto';
import type { RecordOutcomeDto } from './dto/record-outcome.dto';
import type { UpdateCourseDto } from './dto/update-course.dto';
import { CoursesRepository, type CourseRow, type CourseViewFacts } from './courses.repository';

/** The fields of a course update, for the audit trail (names only). */
const changedFields = (dto: UpdateCourseDto) => Object.keys(dto).filter((k) => k !== 'version' && k !== 'outcome');

@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
    private readonly courses: CoursesRepository,
    private readonly sessions: SessionsRepository,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * One statement, without a transaction: the page, its total, every fact the views need, and the
   * read's audit row (a data-modifying WITH, so it commits before the answer is sent).
   */
  async listForPatient(patientId: string, staff: SignedInStaff, limit: number, offset: number): Promise<Page<Course>> {
    const clinical = can(staff.role, 'readClinical');
    const page = await this.courses.pageOfPatient(this.db.manager, {
      patientId,
      limit,
      offset,
      clinical,
      audit: clinical ? this.audit.rowsOf([{ actorId: staff.id, action: 'read', entity: 'course', entityId: null, patientId }]) : [],
    });
    if (!page) throw notFound('The patient');
    return { items: this.viewsOf(page.rows, page.facts, staff.role), total: page.total, limit, offset };
  }

  async get(id: string, staff: SignedInStaff): Promise<Course> {
    return this.db.transaction(async (tx) => {
      const row = await this.requireCourse(tx, id);
      const [course] = await this.views(tx, [row], staff.role);
      await this.auditRead(tx, staff, 'course', id, row.patient_id);
      return course;
    });
  }

  async create(patientId: string, dto: CreateCourseDto, staff: SignedInStaff): Promise<Course> {
    return this.db.transaction(async (tx) => {
      const facts = await loadClearanceFacts(tx, patientId);
      if (!facts) throw notFound('The patient');
      const row = await this.courses.insert(tx, {
        patientId,
        legs: sortLegs(dto.legs),
        areas: dto.areas ?? [],
        plannedSessions: dto.plannedSessions,
        createdBy: staff.id,
      });
      await this.audit.record(
        { actorId: staff.id, action: 'create', entity: 'course', entityId: row.id, patientId, fields: Object.keys(dto) },
        tx,
      );
      const [course] = await this.views(tx, [row], staff.role);
      const policy = await loadPolicy(tx);
      return { ...course, warnings: clearanceWarnings(facts, row.legs, this.clock.today(), policy, staff.role) };
    });
  }

  async update(id: string, dto: UpdateCourseDto, staff: SignedInStaff): Promise<Course> {
    return this.db.transaction(async (tx) => {
      const row = await this.lockCourse(tx, id);
      const closed = courseClosedReasons(row.status);
      if (closed.length) throw new ClinicalRuleViolation(closed, 'A closed course takes no changes.');
      if (row.version !== dto.version) throw versionConflict('The course');

      const completed = await this.courses.completedSessions(tx, id);
      if (dto.plannedSessions !== undefined && dto.plannedSessions <= completed && dto.status === undefined) {
        throw validationFailed(
          'plannedSessions',
          `must be more than the ${completed} sessions already completed; to stop here, close the course with an outcome`,
        );
      }
      if (dto.status === 'discontinued' && !dto.discontinuedReason) {
        throw validationFailed('discontinuedReason', 'is required to discontinue a course');
      }
      if (dto.status !== 'discontinued' && dto.discontinuedReason !== undefined) {
        throw validationFailed('discontinuedReason', 'is only given when discontinuing the course');
      }
      if (dto.outcome && dto.outcome.assessedOn > this.clock.today()) {
        throw validationFailed('outcome.assessedOn', 'must not be in the future');
      }
      if (dto.status === 'completed' && !dto.outcome) {
        if ((await this.courses.outcomeCount(tx, id)) === 0)
          throw validationFailed('outcome', 'is required to close a course as completed (or record one first)');
      }

      if (dto.outcome) await this.insertOutcome(tx, id, row.patient_id, dto.outcome, staff);
      const closing = dto.status !== undefined;
      await this.courses.update(tx, id, {
        areas: dto.areas,
        plannedSessions: dto.plannedSessions,
        status: dto.status,
        discontinuedReason: dto.discontinuedReason ?? null,
        closing,
        actorId: staff.id,
      });
      if (closing) {
        await this.sessions.cancelBooked(tx, id, staff.id, `Course ${dto.status}`);
        await this.outbox.cancelOfCourse(tx, id, BOOKING_CANCELLED);
      }
      await this.audit.record(
        { actorId: staff.id, action: 'update', entity: 'course', entityId: id, patientId: row.patient_id, fields: changedFields(dto) },
        tx,
      );
      const [course] = await this.views(tx, [await this.requireCourse(tx, id)], staff.role);
      return course;
    });
  }

  async recordConsent(courseId: string, dto: RecordConsentDto, staff: SignedInStaff): Promise<Consent> {
    return this.db.transaction(async (tx) => {
      const course = await this.lockCourse(tx, courseId);
      const closed = courseClosedReasons(course.status);
      if (closed.length) throw new ClinicalRuleViolation(closed, 'A closed course takes no new consent.');
      if (dto.consentedOn > this.clock.today()) throw validationFailed('consentedOn', 'must not be in the future');
      const consent = await this.courses.insertConsent(tx, courseId, dto, staff.id);
      await this.audit.record(
        {
          actorId: staff.id,
          action: 'create',
          entity: 'consent',
          entityId: consent.id,
          patientId: course.patient_id,
          fields: ['consentedOn', 'formVersion'],
        },
        tx,
      );
      return consent;
    });
  }

  async recordOutcome(courseId: string, dto: RecordOutcomeDto, staff: SignedInStaff): Promise<Outcome> {
    return this.db.transaction(async (tx) => {
      const course = await this.requireCourse(tx, courseId);
      if (dto.assessedOn > this.clock.today()) throw validationFailed('assessedOn', 'must not be in the future');
      return this.insertOutcome(tx, courseId, course.patient_id, dto, staff);
    });
  }

  // -------------------------------------------------------------------------------------------

  private async insertOutcome(
    tx: EntityManager,
    courseId: string,
    patientId: string,
    dto: RecordOutcomeDto,
    staff: SignedInStaff,
  ): Promise<Outcome> {
    const outcome = await this.courses.insertOutcome(tx, courseId, dto, staff.id);
    await this.audit.record(
      { actorId: staff.id, action: 'create', entity: 'outcome', entityId: outcome.id, patientId, fields: Object.keys(dto) },
      tx,
    );
    return outcome;
  }

  private async requireCourse(tx: EntityManager, id: string, lock = false): Promise<CourseRow> {
    const row = await this.courses.find(tx, id, lock);
    if (!row) throw notFound('The course');
    return row;
  }

  private lockCourse(tx: EntityManager, id: string): Promise<CourseRow> {
    return this.requireCourse(tx, id, true);
  }

  private async auditRead(tx: EntityManager, staff: SignedInStaff, entity: string, id: string | null, patientId: string) {
    if (!can(staff.role, 'readClinical')) return;
    await this.audit.record({ actorId: staff.id, action: 'read', entity, entityId: id, patientId }, tx);
  }

  /** Views of courses of one patient, with sessions, consent, outcomes, progress and the legs' treatments, in one query. */
  private async views(tx: EntityManager, rows: CourseRow[], role: Role): Promise<Course[]> {
    if (rows.length === 0) return [];
    const facts = await this.courses.viewFacts(
      tx,
      rows[0].patient_id,
      rows.map((r) => r.id),
      can(role, 'readClinical'),
    );
    return this.viewsOf(rows, facts, role);
  }

  private viewsOf(rows: CourseRow[], facts: CourseViewFacts, role: Role): Course[] {
    const zone = this.config.clinicTimeZone;
    const clinical = can(role, 'readClinical');
    const shaped = shapeSessions(facts.sessions, facts.adverseEvents, role, zone);
    const today = this.clock.today();
    return rows.map((r) => {
      const own = facts.sessions.filter((s: SessionRow) => s.course_id === r.id);
      const progress = courseState(
        {
          status: r.status,
          plannedSessions: r.planned_sessions,
          sessions: sessionFacts(own, zone),
          legs: r.legs,
          treatments: facts.treatments,
        },
        today,
        facts.policy,
      );
      const consent = facts.consents.find((c) => c.courseId === r.id);
      return {
        id: r.id,
        version: r.version,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
        patientId: r.patient_id,
        legs: r.legs,
        areas: r.areas,
        plannedSessions: r.planned_sessions,
        status: r.status,
        discontinuedReason: clinical ? r.discontinued_reason : null,
        closedAt: r.closed_at ? r.closed_at.toISOString() : null,
        state: progress.state,
        progress,
        consented: Boolean(consent),
        ...(clinical
          ? {
              consent: consent ?? null,
              outcomes: facts.outcomes.filter((o) => o.courseId === r.id),
            }
          : {}),
        sessions: shaped.filter((s) => s.courseId === r.id),
      };
    });
  }
}

const sortLegs = (legs: Leg[]): Leg[] => LEGS.filter((l) => legs.includes(l));
