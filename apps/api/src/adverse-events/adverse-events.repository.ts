import { Injectable } from '@nestjs/common';
import type { AdverseEvent, AdverseEventInput, IsoDate, SessionStatus } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';
import type { JsonRow } from '../platform/database/json-rows';

interface AdverseEventRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  session_id: string;
  type: AdverseEvent['type'];
  severity: AdverseEvent['severity'];
  onset_on: IsoDate;
  resolved: boolean;
  resolved_on: IsoDate | null;
  notes: string | null;
  recorded_by: string;
}

/** The session an event is recorded against, as far as the rules for events need it. */
export interface EventSession {
  status: SessionStatus;
  completed_on: IsoDate | null;
  patient_id: string;
}

/** An event locked for resolving, with the patient it is audited under. */
export interface ResolvingEvent {
  onset_on: IsoDate;
  resolved: boolean;
  patient_id: string;
}

/** The columns of an event as `toAdverseEvent` reads them; also for a statement that reads events among other facts. */
export const ADVERSE_EVENT_COLUMNS = `id, version, created_at, updated_at, session_id, type, severity, onset_on::text AS onset_on, resolved,
  resolved_on::text AS resolved_on, notes, recorded_by`;

const toAdverseEvent = (r: AdverseEventRow): AdverseEvent => ({
  id: r.id,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  sessionId: r.session_id,
  type: r.type,
  severity: r.severity,
  onsetOn: r.onset_on,
  resolved: r.resolved,
  resolvedOn: r.resolved_on ?? null,
  notes: r.notes ?? null,
  recordedBy: r.recorded_by,
});

/** An event read inside JSON (`ADVERSE_EVENT_COLUMNS`), in the contract's shape. */
export const adverseEventOf = (j: JsonRow<AdverseEventRow>): AdverseEvent =>
  toAdverseEvent({ ...j, created_at: new Date(j.created_at), updated_at: new Date(j.updated_at) });

/** Adverse events of completed sessions: all the SQL, and the one mapping to the contract. */
/** An adverse event recorded in the past (the demo clinic's); resolved when `resolved_on` is set. */
export interface PastAdverseEventRow {
  session_id: string;
  type: string;
  severity: 'mild' | 'moderate' | 'severe';
  onset_on: IsoDate;
  resolved_on: IsoDate | null;
  notes: string;
  recorded_by: string;
  created_at: string;
}

@Injectable()
export class AdverseEventsRepository {
  async session(m: EntityManager, sessionId: string): Promise<EventSession | null> {
    const [row] = await m.query(
      `SELECT s.status, s.completed_on::text AS completed_on, c.patient_id
         FROM sessions s JOIN courses c ON c.id = s.course_id
        WHERE s.id = $1`,
      [sessionId],
    );
    return row ?? null;
  }

  /** The events of the given sessions, by onset. */
  async ofSessions(m: EntityManager, sessionIds: string[]): Promise<AdverseEvent[]> {
    if (sessionIds.length === 0) return [];
    const rows: AdverseEventRow[] = await m.query(
      `SELECT ${ADVERSE_EVENT_COLUMNS} FROM adverse_events WHERE session_id = ANY($1::uuid[]) ORDER BY onset_on, created_at`,
      [sessionIds],
    );
    return rows.map(toAdverseEvent);
  }

  async insert(m: EntityManager, sessionId: string, input: AdverseEventInput, recordedBy: string): Promise<AdverseEvent> {
    const [row] = await m.query(
      `INSERT INTO adverse_events (session_id, type, severity, onset_on, resolved, resolved_on, notes, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${ADVERSE_EVENT_COLUMNS}`,
      [
        sessionId,
        input.type,
        input.severity,
        input.onsetOn,
        input.resolved ?? false,
        input.resolvedOn ?? null,
        input.notes ?? null,
        recordedBy,
      ],
    );
    return toAdverseEvent(row);
  }

  async lockForResolving(m: EntityManager, id: string): Promise<ResolvingEvent | null> {
    const [row] = await m.query(
      `SELECT e.onset_on::text AS onset_on, e.resolved, c.patient_id
         FROM adverse_events e JOIN sessions s ON s.id = e.session_id JOIN courses c ON c.id = s.course_id
        WHERE e.id = $1 FOR UPDATE OF e`,
      [id],
    );
    return row ?? null;
  }

  async resolve(m: EntityManager, id: string, resolvedOn: IsoDate): Promise<AdverseEvent> {
    // For an UPDATE, TypeORM answers [rows, affected count].
    const [[row]] = await m.query(
      `UPDATE adverse_events SET resolved = true, resolved_on = $2, version = version + 1, updated_at = now() WHERE id = $1
       RETURNING ${ADVERSE_EVENT_COLUMNS}`,
      [id, resolvedOn],
    );
    return toAdverseEvent(row);
  }

  async insertPastEvents(m: EntityManager, rows: readonly PastAdverseEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO adverse_events (session_id, type, severity, onset_on, resolved, resolved_on, notes, recorded_by, created_at, updated_at)
       SELECT r.session_id, r.type, r.severity, r.onset_on, r.resolved_on IS NOT NULL, r.resolved_on, r.notes, r.recorded_by, r.created_at, r.created_at
         FROM jsonb_to_recordset($1::jsonb) AS r(session_id uuid, type text, severity text, onset_on date, resolved_on date, notes text,
              recorded_by uuid, created_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }
}
