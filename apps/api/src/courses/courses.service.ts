import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, type Consent, type Course, type CourseStatus, type Leg, type Outcome, type Page, type Role, type Warning } from '@venule/api-contract';
import { clearance, courseClosedReasons, courseState, type ClinicalPolicy } from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ClinicClock } from '../platform/config/clinic-clock';
import { ClinicalRuleViolation, notFound, validationFailed, versionConflict } from '../platform/errors/domain-error';
import { sessionFacts, sessionsOfCourses, shapeSessions, type SessionRow } from '../sessions/session-records';
import { reasonsForReader } from '../clearance/reasons-for-reader';
import { loadClearanceFacts, loadLegTreatments, loadPolicy } from './clinical-facts';
import type { CreateCourseDto } from './dto/create-course.dto';
import type { RecordConsentDto } from './dto/record-consent.dto';
import type { RecordOutcomeDto } from './dto/record-outcome.dto';
import type { UpdateCourseDto } from './dto/update-course.dto';
import { requirePatient } from '../patients/require-patient';

interface CourseRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  patient_id: string;
  legs: Leg[];
  areas: string[];
  planned_sessions: number;
  status: CourseStatus;
  discontinued_reason: string | null;
  closed_at: Date | null;
}

const COURSE_SELECT = `
  SELECT id, version, created_at, updated_at, patient_id, legs, areas, planned_sessions, status,
         discontinued_reason, closed_at
    FROM courses`;

const toConsent = (r: Record<string, unknown>): Consent => ({
  id: r['id'] as string,
  version: r['version'] as number,
  createdAt: (r['created_at'] as Date).toISOString(),
  updatedAt: (r['updated_at'] as Date).toISOString(),
  courseId: r['course_id'] as string,
  consentedOn: r['consented_on'] as string,
  formVersion: r['form_version'] as string,
  recordedBy: r['recorded_by'] as string,
});

const toOutcome = (r: Record<string, unknown>): Outcome => ({
  id: r['id'] as string,
  version: r['version'] as number,
  createdAt: (r['created_at'] as Date).toISOString(),
  updatedAt: (r['updated_at'] as Date).toISOString(),
  courseId: r['course_id'] as string,
  assessedOn: r['assessed_on'] as string,
  ratedBy: r['rated_by'] as Outcome['ratedBy'],
  improvementPercent: r['improvement_percent'] as number,
  ...(r['notes'] ? { notes: r['notes'] as string } : {}),
  recordedBy: r['recorded_by'] as string,
});

/** The fields of a course update, for the audit trail (names only). */
const changedFields = (dto: UpdateCourseDto) => Object.keys(dto).filter((k) => k !== 'version' && k !== 'outcome');

@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: ClinicClock,
  ) {}


  async listForPatient(patientId: string, staff: SignedInStaff, limit: number, offset: number): Promise<Page<Course>> {
    return this.db.transaction(async (tx) => {
      await requirePatient(tx, patientId);
      const rows: CourseRow[] = await tx.query(
        `${COURSE_SELECT} WHERE patient_id = $1
          ORDER BY (status = 'active') DESC, created_at DESC, id LIMIT $2 OFFSET $3`,
        [patientId, limit, offset],
      );
      const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM courses WHERE patient_id = $1`, [patientId]);
      const items = await this.views(tx, rows, staff.role);
      await this.auditRead(tx, staff, 'course', null, patientId);
      return { items, total, limit, offset };
    });
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
      const [row]: CourseRow[] = await tx.query(
        `INSERT INTO courses (patient_id, legs, areas, planned_sessions, created_by)
         VALUES ($1, $2, $3, $4, $5)
         RETURNING id, version, created_at, updated_at, patient_id, legs, areas, planned_sessions, status,
                   discontinued_reason, closed_at`,
        [patientId, sortLegs(dto.legs), dto.areas ?? [], dto.plannedSessions, staff.id],
      );
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

      const [{ completed }] = await tx.query(
        `SELECT count(*)::int AS completed FROM sessions WHERE course_id = $1 AND status = 'completed'`,
        [id],
      );
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
        const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM outcomes WHERE course_id = $1`, [id]);
        if (n === 0) throw validationFailed('outcome', 'is required to close a course as completed (or record one first)');
      }

      if (dto.outcome) await this.insertOutcome(tx, id, row.patient_id, dto.outcome, staff);
      const closing = dto.status !== undefined;
      await tx.query(
        `UPDATE courses
            SET areas = coalesce($2, areas),
                planned_sessions = coalesce($3, planned_sessions),
                status = coalesce($4, status),
                discontinued_reason = $5,
                closed_at = CASE WHEN $6 THEN now() ELSE closed_at END,
                closed_by = CASE WHEN $6 THEN $7::uuid ELSE closed_by END,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, dto.areas ?? null, dto.plannedSessions ?? null, dto.status ?? null, dto.discontinuedReason ?? null, closing, staff.id],
      );
      if (closing) await cancelBookedSessions(tx, id, staff.id, `Course ${dto.status}`);
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
      const [row] = await tx.query(
        `INSERT INTO consents (course_id, consented_on, form_version, recorded_by) VALUES ($1, $2, $3, $4)
         RETURNING id, version, created_at, updated_at, course_id, consented_on::text AS consented_on, form_version, recorded_by`,
        [courseId, dto.consentedOn, dto.formVersion, staff.id],
      );
      await this.audit.record(
        { actorId: staff.id, action: 'create', entity: 'consent', entityId: row.id, patientId: course.patient_id, fields: ['consentedOn', 'formVersion'] },
        tx,
      );
      return toConsent(row);
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

  private async insertOutcome(tx: EntityManager, courseId: string, patientId: string, dto: RecordOutcomeDto, staff: SignedInStaff) {
    const [row] = await tx.query(
      `INSERT INTO outcomes (course_id, assessed_on, rated_by, improvement_percent, notes, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, version, created_at, updated_at, course_id, assessed_on::text AS assessed_on, rated_by,
                 improvement_percent, notes, recorded_by`,
      [courseId, dto.assessedOn, dto.ratedBy, dto.improvementPercent, dto.notes ?? null, staff.id],
    );
    await this.audit.record(
      { actorId: staff.id, action: 'create', entity: 'outcome', entityId: row.id, patientId, fields: Object.keys(dto) },
      tx,
    );
    return toOutcome(row);
  }

  private async requireCourse(tx: EntityManager, id: string): Promise<CourseRow> {
    const [row] = await tx.query(`${COURSE_SELECT} WHERE id = $1`, [id]);
    if (!row) throw notFound('The course');
    return row;
  }

  private async lockCourse(tx: EntityManager, id: string): Promise<CourseRow> {
    const [row] = await tx.query(`${COURSE_SELECT} WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('The course');
    return row;
  }

  private async auditRead(tx: EntityManager, staff: SignedInStaff, entity: string, id: string | null, patientId: string) {
    if (!can(staff.role, 'readClinical')) return;
    await this.audit.record({ actorId: staff.id, action: 'read', entity, entityId: id, patientId }, tx);
  }

  /** Course views with sessions, consent, outcomes, progress and the legs' treatments, in six queries whatever the count. */
  private async views(tx: EntityManager, rows: CourseRow[], role: Role): Promise<Course[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const zone = this.config.clinicTimeZone;
    const clinical = can(role, 'readClinical');
    // One connection per transaction: the queries run one after another.
    const policy = await loadPolicy(tx);
    const sessions = await sessionsOfCourses(tx, ids);
    const consents: Record<string, unknown>[] = await tx.query(
      `SELECT DISTINCT ON (course_id) id, version, created_at, updated_at, course_id, consented_on::text AS consented_on,
              form_version, recorded_by
         FROM consents WHERE course_id = ANY($1::uuid[])
        ORDER BY course_id, consented_on DESC, created_at DESC`,
      [ids],
    );
    const outcomes: Record<string, unknown>[] = clinical
      ? await tx.query(
          `SELECT id, version, created_at, updated_at, course_id, assessed_on::text AS assessed_on, rated_by,
                  improvement_percent, notes, recorded_by
             FROM outcomes WHERE course_id = ANY($1::uuid[]) ORDER BY assessed_on, created_at`,
          [ids],
        )
      : [];
    const shaped = await shapeSessions(tx, sessions, role, zone);
    const treatments = await loadLegTreatments(tx, [...new Set(rows.map((r) => r.patient_id))]);
    const today = this.clock.today();
    return rows.map((r) => {
      const own = sessions.filter((s: SessionRow) => s.course_id === r.id);
      const progress = courseState(
        {
          status: r.status,
          plannedSessions: r.planned_sessions,
          sessions: sessionFacts(own, zone),
          legs: r.legs,
          treatments: treatments.get(r.patient_id) ?? [],
        },
        today,
        policy,
      );
      const consent = consents.find((c) => c['course_id'] === r.id);
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
              consent: consent ? toConsent(consent) : null,
              outcomes: outcomes.filter((o) => o['course_id'] === r.id).map(toOutcome),
            }
          : {}),
        sessions: shaped.filter((s) => s.courseId === r.id),
      };
    });
  }
}

const sortLegs = (legs: Leg[]): Leg[] => (['left', 'right'] as const).filter((l) => legs.includes(l));

/**
 * Every reason a leg of the course (or the patient) is not cleared on `on`: warnings, never
 * refusals, worded for the reader (a contraindication is named only to readers of clinical data).
 */
export function clearanceWarnings(
  facts: Parameters<typeof clearance>[0],
  legs: readonly Leg[],
  on: string,
  policy: ClinicalPolicy,
  reader: Role,
): Warning[] {
  const result = clearance(facts, on, policy);
  return reasonsForReader([...result.blockers, ...legs.flatMap((leg) => result.legs[leg].reasons)], reader);
}

/** Cancels the still-booked sessions of a course that closed (frees the clinicians' time). */
export async function cancelBookedSessions(tx: EntityManager, courseId: string, actorId: string, reason: string): Promise<void> {
  await tx.query(
    `UPDATE sessions
        SET status = 'cancelled', status_changed_at = now(), status_changed_by = $2, status_reason = $3,
            version = version + 1, updated_at = now()
      WHERE course_id = $1 AND status = 'scheduled'`,
    [courseId, actorId, reason],
  );
}
