/**
 * The write fixture of the hot-route bench: patients ready to treat, prepared set-based as the
 * database owner so that every booking and every completion the load sends is one the API accepts.
 *
 * Each fixture patient is an adult with both legs clear on a duplex scan of 90 days ago, a medical
 * history with no condition and a weight of 70 kg measured 30 days ago, and one course of both
 * legs, consented, whose first session was completed half-way through the interval window ago
 * (56 days with the default 28–84): its next window is open today and for as long again.
 * - Booking: a course of 2 sessions with nothing booked; the next session can be booked any day of
 *   the window (no clinician named, so the diary cannot clash). Booked twice, it is refused.
 * - Completing: a course of 3 sessions whose second is booked for one of the last days the
 *   late-entry limit allows; completed now with polidocanol 0.5 % 4 mL (20 mg, limit 140 mg).
 *   Completed twice, it is refused.
 *
 * Repeatable on a shared database: the fixture patients are kept (the audit trail names them),
 * and their courses, sessions, consents, scans and messages of an earlier run are deleted first.
 */
import { DEFAULT_POLICY } from '@venule/clinical-rules';
import type { ClientBase } from 'pg';

/** Marks the fixture's patients (never a real address). */
const EMAIL_PATTERN = 'hot-routes.%@bench.venule';
const LEGS = ['left', 'right'] as const;

export interface FixtureItem {
  patientId: string;
  courseId: string;
  /** The booked session to complete (completing only). */
  sessionId?: string;
}

export interface WriteFixture {
  /** Courses to book the next session of, for the product's load. */
  booking: FixtureItem[];
  /** Booked sessions to complete, for the product's load. */
  completing: FixtureItem[];
  /** Kept apart for the yardstick, whose replays write as the product's requests do: each item once. */
  yard: { booking: FixtureItem[]; completing: FixtureItem[] };
  /** Clinic dates (YYYY-MM-DD) inside every booking course's window, Monday to Friday. */
  bookingDays: string[];
}

export interface FixtureSize {
  booking: number;
  completing: number;
  /** Items per write route kept for the yardstick. */
  yard: number;
}

/** The completion body every request sends (the treated legs are the course's). */
export const COMPLETION = {
  agent: 'polidocanol',
  product: 'Asclera',
  batchNumber: 'BENCH1',
  concentrationPercent: 0.5,
  form: 'liquid',
  volumeMl: 4,
  injections: 12,
  compression: { mmHg: 20, hours: 72 },
  checklist: { noLotions: true, stockingsBrought: true },
  legs: [...LEGS],
};

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Prepares the fixture in one transaction through `owner` (a connection as the schema's owner).
 * `staffEmail` names the clinician recorded as having written the history, scan and first session.
 */
export async function prepareWriteFixture(
  owner: ClientBase,
  size: FixtureSize,
  staffEmail: string,
  timeZone: string,
): Promise<WriteFixture> {
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await owner.query(sql, params)).rows as T[];
  await owner.query('BEGIN');
  try {
    const [clinic] = await q<{ today: string; min: number; max: number; late: number; staff: string | null }>(
      `SELECT (now() AT TIME ZONE $1)::date::text AS today, coalesce(s.min_interval_days, $3) AS min,
              coalesce(s.max_interval_days, $4) AS max, coalesce(s.late_entry_days, $5) AS late,
              (SELECT id FROM users WHERE email = $2) AS staff
         FROM (SELECT 1) one LEFT JOIN clinic_settings s ON s.id = 1`,
      [timeZone, staffEmail, DEFAULT_POLICY.minIntervalDays, DEFAULT_POLICY.maxIntervalDays, DEFAULT_POLICY.lateEntryDays],
    );
    if (!clinic.staff) throw new Error(`the write fixture needs the clinician ${staffEmail}`);
    // The first session half-way through the window ago: the next one is inside it from today on.
    const previous = Math.round((clinic.min + clinic.max) / 2);
    const windowDays = clinic.max - previous;

    await q(`CREATE TEMP TABLE fx_old ON COMMIT DROP AS SELECT id FROM patients WHERE email LIKE $1`, [EMAIL_PATTERN]);
    await q(`CREATE TEMP TABLE fx_old_courses ON COMMIT DROP AS SELECT id FROM courses WHERE patient_id IN (SELECT id FROM fx_old)`);
    await q(`DELETE FROM messages WHERE patient_id IN (SELECT id FROM fx_old)`);
    await q(`DELETE FROM recall_calls WHERE course_id IN (SELECT id FROM fx_old_courses)`);
    await q(`DELETE FROM sessions WHERE course_id IN (SELECT id FROM fx_old_courses)`);
    await q(`DELETE FROM consents WHERE course_id IN (SELECT id FROM fx_old_courses)`);
    await q(`DELETE FROM courses WHERE id IN (SELECT id FROM fx_old_courses)`);
    await q(`DELETE FROM scan_legs WHERE scan_id IN (SELECT id FROM scans WHERE patient_id IN (SELECT id FROM fx_old))`);
    await q(`DELETE FROM scans WHERE patient_id IN (SELECT id FROM fx_old)`);

    const total = size.booking + size.completing + 2 * size.yard;
    const [{ have }] = await q<{ have: number }>(`SELECT count(*)::int AS have FROM fx_old`);
    await q(
      `INSERT INTO patients (first_name, last_name, date_of_birth, sex, phone, email)
       SELECT 'Ready', 'Fixture', DATE '1960-01-01' + (g % 12000), 'female', '07700' || lpad(g::text, 6, '0'), 'hot-routes.' || g || '@bench.venule'
         FROM generate_series($1::int + 1, $2::int) g`,
      [have, total],
    );
    // Which item each patient is, in a stable order: booking, completing, then the yardstick's.
    await q(
      `CREATE TEMP TABLE fx ON COMMIT DROP AS
       SELECT id AS patient_id, gen_random_uuid() AS course_id, gen_random_uuid() AS session_id, rn,
              CASE WHEN rn <= $1 THEN 'booking' WHEN rn <= $1 + $2 THEN 'completing'
                   WHEN rn <= $1 + $2 + $3 THEN 'yard-booking' ELSE 'yard-completing' END AS kind
         FROM (SELECT id, row_number() OVER (ORDER BY clinic_number)::int AS rn FROM patients WHERE email LIKE $4) x
        WHERE rn <= $1 + $2 + 2 * $3`,
      [size.booking, size.completing, size.yard, EMAIL_PATTERN],
    );
    // Every item at the same versions, which the captured write checks (the patients are kept from run to run).
    await q(`DELETE FROM session_writes WHERE patient_id IN (SELECT patient_id FROM fx)`);
    // Trusted values (the database's own date and ids, a checked zone) written into the statements.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(clinic.today) || !/^[0-9a-f-]{36}$/.test(clinic.staff)) throw new Error('unexpected clinic facts');
    const today = `DATE '${clinic.today}'`;
    const staff = `'${clinic.staff}'::uuid`;
    const zone = `'${timeZone.replace(/'/g, "''")}'`;
    const at = (day: string, time: string) => `((${day}) + time '${time}') AT TIME ZONE ${zone}`;
    const firstOn = `${today} - ${previous}`;
    await q(
      `WITH s AS (
         INSERT INTO scans (patient_id, performed_on, performed_by, recorded_by)
         SELECT patient_id, ${firstOn} - 34, 'Vascular lab', ${staff} FROM fx ORDER BY rn RETURNING id)
       INSERT INTO scan_legs (scan_id, leg, findings, conclusion)
       SELECT s.id, leg, '{telangiectasia}', 'clear' FROM s CROSS JOIN unnest(ARRAY['left', 'right']) leg`,
    );
    await q(
      `INSERT INTO medical_histories (patient_id, conditions, acknowledgements, weight_kg, weight_measured_on, recorded_by)
       SELECT patient_id, '{}', '{}', 70, ${today} - 30, ${staff} FROM fx
       ON CONFLICT (patient_id) DO UPDATE
         SET conditions = '{}', acknowledgements = '{}', weight_kg = 70, weight_measured_on = excluded.weight_measured_on,
             version = medical_histories.version + 1, updated_at = now()`,
    );
    await q(
      `INSERT INTO courses (id, patient_id, legs, planned_sessions, created_by, created_at)
       SELECT course_id, patient_id, ARRAY['left', 'right'], CASE WHEN kind LIKE '%booking' THEN 2 ELSE 3 END, ${staff},
              ${at(`${firstOn} - 10`, '09:00')}
         FROM fx ORDER BY rn`,
    );
    await q(
      `INSERT INTO consents (course_id, consented_on, form_version, recorded_by) SELECT course_id, ${firstOn} - 4, 'bench-1', ${staff} FROM fx`,
    );
    await q(
      `INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, clinician_id, status, booked_by, status_changed_at,
                             completed_at, treated_at, completed_on, completed_by, legs, agent, batch_number, concentration_percent,
                             form, volume_ml, injections, dose_mg, checklist)
       SELECT course_id, 1, t.at, t.at + interval '30 minutes', ${staff}, 'completed', ${staff}, t.at, t.at, t.at, ${firstOn}, ${staff},
              ARRAY['left', 'right'], 'polidocanol', 'FIX1', 0.5, 'liquid', 4, 12, 20, '{"noLotions": true, "stockingsBrought": true}'
         FROM fx CROSS JOIN LATERAL (SELECT ${at(firstOn, '10:00')} AS at) t`,
    );
    // The sessions to complete, booked on the last days a treatment may still be written up.
    await q(
      `INSERT INTO sessions (id, course_id, sequence, scheduled_for, ends_at, booked_by)
       SELECT session_id, course_id, 2, t.at, t.at + interval '30 minutes', ${staff}
         FROM fx CROSS JOIN LATERAL (
           SELECT ${at(`${today} - 1 - rn % ${Math.max(1, clinic.late)}`, '09:00')} + make_interval(mins => 15 * (rn % 32)) AS at) t
        WHERE kind LIKE '%completing'`,
    );
    const rows = await q<{ kind: string; patient_id: string; course_id: string; session_id: string }>(
      `SELECT kind, patient_id, course_id, session_id FROM fx ORDER BY rn`,
    );
    await owner.query('COMMIT');

    const of = (kind: string) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => ({
          patientId: r.patient_id,
          courseId: r.course_id,
          ...(kind.endsWith('completing') ? { sessionId: r.session_id } : {}),
        }));
    const bookingDays = Array.from({ length: windowDays }, (_, i) => addDays(clinic.today, i + 1)).filter((d) => {
      const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    });
    return {
      booking: of('booking'),
      completing: of('completing'),
      yard: { booking: of('yard-booking'), completing: of('yard-completing') },
      bookingDays,
    };
  } catch (e) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** How many of `items`' courses have had their next session booked, and how many of their booked sessions were completed. */
export async function fixtureTally(owner: ClientBase, items: FixtureItem[]): Promise<{ booked: number; completed: number }> {
  const { rows } = await owner.query(
    `SELECT count(*) FILTER (WHERE c.planned_sessions = 2 AND s.status = 'scheduled')::int AS booked,
            count(*) FILTER (WHERE c.planned_sessions = 3 AND s.status = 'completed')::int AS completed
       FROM courses c JOIN sessions s ON s.course_id = c.id AND s.sequence = 2
      WHERE c.id = ANY($1::uuid[])`,
    [items.map((i) => i.courseId)],
  );
  return rows[0];
}
