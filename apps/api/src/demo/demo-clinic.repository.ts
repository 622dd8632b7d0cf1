import { Injectable } from '@nestjs/common';
import type { IsoDate, Leg } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

/** A demo session, for the outbox's history: which patient, when, and how it went. */
export interface DemoSession {
  id: string;
  patient_id: string;
  scheduled_for: Date;
  status: string;
}

/** An active course with sessions left, and its last completed session (the one its recalls follow). */
export interface DemoRecallCourse {
  course_id: string;
  patient_id: string;
  legs: Leg[];
  session_id: string;
  sequence: number;
  completed_on: IsoDate;
  completed_at: Date;
  booked: boolean;
}

/** The questions the demo asks: is this clinic new, and which sessions did it seed? (The records go through the features' repositories.) */
@Injectable()
export class DemoClinicRepository {
  /** True when nobody has an account yet; the lock makes two instances starting together seed once. */
  async claimEmptyClinic(m: EntityManager): Promise<boolean> {
    await m.query(`LOCK TABLE users IN EXCLUSIVE MODE`);
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM users`);
    return n === 0;
  }

  /** Sessions booked for, or given in, the two weeks either side of `around`, by time. */
  async sessionsAround(m: EntityManager, around: Date): Promise<DemoSession[]> {
    return m.query(
      `SELECT s.id, c.patient_id, s.scheduled_for, s.status FROM sessions s JOIN courses c ON c.id = s.course_id
        WHERE s.scheduled_for BETWEEN $1::timestamptz - interval '14 days' AND $1::timestamptz + interval '14 days'
          AND s.status IN ('scheduled', 'completed')
        ORDER BY s.scheduled_for`,
      [around],
    );
  }

  /** Active courses with sessions left after at least one completed session, oldest last session first. */
  async coursesToRecall(m: EntityManager): Promise<DemoRecallCourse[]> {
    return m.query(
      `SELECT c.id AS course_id, c.patient_id, c.legs, s.id AS session_id, s.sequence, s.completed_on::text AS completed_on, s.completed_at,
              EXISTS (SELECT 1 FROM sessions b WHERE b.course_id = c.id AND b.status = 'scheduled') AS booked
         FROM courses c
         JOIN LATERAL (SELECT * FROM sessions x WHERE x.course_id = c.id AND x.status = 'completed'
                        ORDER BY x.completed_on DESC, x.sequence DESC LIMIT 1) s ON true
        WHERE c.status = 'active'
          AND (SELECT count(*) FROM sessions x WHERE x.course_id = c.id AND x.status = 'completed') < c.planned_sessions
        ORDER BY s.completed_on, c.id`,
    );
  }

  /** Consultations still to come, awaiting their deposit or booked, by time. */
  async consultationsAhead(m: EntityManager, from: Date): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM consultations WHERE starts_at > $1 AND status IN ('awaiting_deposit', 'booked') ORDER BY starts_at, id`,
      [from],
    );
    return rows.map((r) => r.id);
  }
}
