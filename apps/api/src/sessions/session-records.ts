/**
 * Reading sessions and shaping them for the reader's role: reception gets the booking
 * (dates, status, sequence, clinician), clinicians and managers the clinical detail too.
 */
import {
  can,
  type AdverseEvent,
  type Checklist,
  type ConfirmationInput,
  type Leg,
  type Role,
  type SclerosantAgent,
  type SclerosantForm,
  type SessionBooking,
  type SessionDetail,
  type SessionStatus,
} from '@venule/api-contract';
import { clinicDate } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';

export interface SessionRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  course_id: string;
  patient_id: string;
  course_status: string;
  sequence: number;
  scheduled_for: Date;
  ends_at: Date;
  clinician_id: string | null;
  clinician_name: string | null;
  status: SessionStatus;
  status_changed_at: Date | null;
  completed_at: Date | null;
  treated_at: Date | null;
  completed_on: string | null;
  completed_by: string | null;
  completed_by_name: string | null;
  legs: Leg[] | null;
  areas: string[] | null;
  agent: SclerosantAgent | null;
  product: string | null;
  batch_number: string | null;
  concentration_percent: number | null;
  form: SclerosantForm | null;
  volume_ml: number | null;
  injections: number | null;
  dose_mg: number | null;
  compression_mmhg: number | null;
  compression_hours: number | null;
  checklist: Checklist | null;
  confirmations: ConfirmationInput[] | null;
  immediate_reactions: string | null;
}

const SESSION_SELECT = `
  SELECT s.id, s.version, s.created_at, s.updated_at, s.course_id, c.patient_id, c.status AS course_status,
         s.sequence, s.scheduled_for, s.ends_at, s.clinician_id, u.display_name AS clinician_name, s.status,
         s.status_changed_at, s.completed_at, s.treated_at, s.completed_on::text AS completed_on, s.completed_by,
         t.display_name AS completed_by_name,
         s.legs, s.areas, s.agent, s.product, s.batch_number, s.concentration_percent::float8 AS concentration_percent,
         s.form, s.volume_ml::float8 AS volume_ml, s.injections, s.dose_mg::float8 AS dose_mg,
         s.compression_mmhg, s.compression_hours, s.checklist, s.confirmations, s.immediate_reactions
    FROM sessions s
    JOIN courses c ON c.id = s.course_id
    LEFT JOIN users u ON u.id = s.clinician_id
    LEFT JOIN users t ON t.id = s.completed_by`;

export async function findSession(tx: EntityManager, id: string): Promise<SessionRow | null> {
  const [row] = await tx.query(`${SESSION_SELECT} WHERE s.id = $1`, [id]);
  return row ?? null;
}

/** Sessions of the given courses, by course and sequence (then booking time). */
export async function sessionsOfCourses(tx: EntityManager, courseIds: string[]): Promise<SessionRow[]> {
  if (courseIds.length === 0) return [];
  return tx.query(`${SESSION_SELECT} WHERE s.course_id = ANY($1::uuid[]) ORDER BY s.course_id, s.sequence, s.scheduled_for, s.created_at`, [
    courseIds,
  ]);
}

/** The columns `toAdverseEvent` reads. */
export const ADVERSE_EVENT_COLUMNS = `id, version, created_at, updated_at, session_id, type, severity, onset_on::text AS onset_on, resolved,
  resolved_on::text AS resolved_on, notes, recorded_by`;

export async function adverseEventsOf(tx: EntityManager, sessionIds: string[]): Promise<AdverseEvent[]> {
  if (sessionIds.length === 0) return [];
  const rows = await tx.query(
    `SELECT ${ADVERSE_EVENT_COLUMNS} FROM adverse_events WHERE session_id = ANY($1::uuid[]) ORDER BY onset_on, created_at`,
    [sessionIds],
  );
  return rows.map(toAdverseEvent);
}

export function toAdverseEvent(r: Record<string, unknown>): AdverseEvent {
  return {
    id: r['id'] as string,
    version: r['version'] as number,
    createdAt: (r['created_at'] as Date).toISOString(),
    updatedAt: (r['updated_at'] as Date).toISOString(),
    sessionId: r['session_id'] as string,
    type: r['type'] as AdverseEvent['type'],
    severity: r['severity'] as AdverseEvent['severity'],
    onsetOn: r['onset_on'] as string,
    resolved: r['resolved'] as boolean,
    resolvedOn: (r['resolved_on'] as string | null) ?? null,
    notes: (r['notes'] as string | null) ?? null,
    recordedBy: r['recorded_by'] as string,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toBooking(r: SessionRow, timeZone: string): SessionBooking {
  const scheduledFor = r.scheduled_for.toISOString();
  return {
    id: r.id,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    courseId: r.course_id,
    patientId: r.patient_id,
    sequence: r.sequence,
    scheduledFor,
    endsAt: r.ends_at.toISOString(),
    scheduledOn: clinicDate(scheduledFor, timeZone),
    clinicianId: r.clinician_id,
    clinicianName: r.clinician_name,
    status: r.status,
    statusChangedAt: iso(r.status_changed_at),
    completedAt: iso(r.completed_at),
    treatedAt: iso(r.treated_at),
    completedOn: r.completed_on,
    completedByName: r.completed_by_name,
  };
}

export function toDetail(r: SessionRow, events: AdverseEvent[], timeZone: string): SessionDetail {
  const compression =
    r.compression_mmhg === null && r.compression_hours === null
      ? r.status === 'completed'
        ? {}
        : null
      : {
          ...(r.compression_mmhg !== null ? { mmHg: r.compression_mmhg } : {}),
          ...(r.compression_hours !== null ? { hours: r.compression_hours } : {}),
        };
  return {
    ...toBooking(r, timeZone),
    completedBy: r.completed_by,
    legs: r.legs,
    areas: r.areas,
    agent: r.agent,
    product: r.product,
    batchNumber: r.batch_number,
    concentrationPercent: r.concentration_percent,
    form: r.form,
    volumeMl: r.volume_ml,
    injections: r.injections,
    doseMg: r.dose_mg,
    compression,
    checklist: r.checklist,
    confirmations: r.confirmations ?? [],
    immediateReactions: r.immediate_reactions,
    adverseEvents: events.filter((e) => e.sessionId === r.id),
  };
}

/** Shapes session rows for `role`, loading adverse events in one query when the role sees them. */
export async function shapeSessions(
  tx: EntityManager,
  rows: SessionRow[],
  role: Role,
  timeZone: string,
): Promise<(SessionBooking | SessionDetail)[]> {
  if (!can(role, 'readClinical')) return rows.map((r) => toBooking(r, timeZone));
  const events = await adverseEventsOf(
    tx,
    rows.filter((r) => r.status === 'completed').map((r) => r.id),
  );
  return rows.map((r) => toDetail(r, events, timeZone));
}

/** The course-state facts of sessions: completed ones on their treatment date, others on their booked date. */
export function sessionFacts(rows: SessionRow[], timeZone: string) {
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    date: r.status === 'completed' && r.completed_on ? r.completed_on : clinicDate(r.scheduled_for.toISOString(), timeZone),
  }));
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
