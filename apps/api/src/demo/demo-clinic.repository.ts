import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A demo session, for the outbox's history: which patient, when, and how it went. */
export interface DemoSession {
  id: string;
  patient_id: string;
  scheduled_for: Date;
  status: string;
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
}
