import { Injectable } from '@nestjs/common';
import type { IsoDate } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

/** What a completion is judged on beyond the patient's clearance facts and leg treatments. */
export interface CompletionCounts {
  courseLastCompletedOn: IsoDate | null;
  /** Sessions of the patient completed (in any course) with a treatment time before this one's. */
  patientCompletedBefore: number;
  /** Polidocanol the patient was given on the treatment date in every course, in mg. */
  polidocanolMgSameDay: number;
  /** The course's consent that applies on the treatment date (else its latest). */
  consentedOn: IsoDate | null;
}

/** Treatment sessions: the SQL the completion form and the completion itself share. */
@Injectable()
export class SessionsRepository {
  /**
   * One statement, so the dose meter on the form and the check on submit read the same figures.
   * `exceptSessionId` leaves the session being recorded out of the day's dose.
   */
  async completionCounts(
    m: EntityManager,
    q: { courseId: string; patientId: string; on: IsoDate; treatedAt: string; exceptSessionId: string },
  ): Promise<CompletionCounts> {
    const [f] = await m.query(
      `SELECT
         (SELECT max(completed_on)::text FROM sessions WHERE course_id = $1 AND status = 'completed') AS course_last_completed_on,
         (SELECT count(*)::int FROM sessions s JOIN courses c ON c.id = s.course_id
           WHERE c.patient_id = $2 AND s.status = 'completed' AND s.treated_at < $4::timestamptz) AS patient_completed,
         (SELECT coalesce(sum(s.dose_mg), 0)::float8 FROM sessions s JOIN courses c ON c.id = s.course_id
           WHERE c.patient_id = $2 AND s.status = 'completed' AND s.agent = 'polidocanol' AND s.completed_on = $3::date
             AND s.id <> $5) AS other_polidocanol_mg,
         (SELECT consented_on::text FROM consents WHERE course_id = $1
           ORDER BY consented_on <= $3::date DESC, consented_on DESC LIMIT 1) AS consented_on`,
      [q.courseId, q.patientId, q.on, q.treatedAt, q.exceptSessionId],
    );
    return {
      courseLastCompletedOn: f.course_last_completed_on,
      patientCompletedBefore: f.patient_completed,
      polidocanolMgSameDay: f.other_polidocanol_mg,
      consentedOn: f.consented_on,
    };
  }
}
