/**
 * `npm run seed:bench`: a benchmark clinic in the database DATABASE_URL names (migrations run
 * first): 100,000 patients with their duplex scans, about 120,000 courses and 300,000 sessions,
 * outcomes, adverse events and missed appointments, with set-based INSERT … SELECT statements in
 * one transaction. Refuses a database that already holds courses.
 *
 * Distributions (per course): 2–5 planned sessions for most (1 and 6 are rare), sessions 4–10
 * weeks apart, one course in ten with gaps of 13–18 weeks (so some run overdue), one in twelve
 * discontinued part-way, about 85 % of completed courses rated by patient and clinician, 3 % of
 * completed sessions with an adverse event, 5 % of sessions preceded by a did-not-attend.
 *
 * Options (environment): BENCH_PATIENTS (100000), BENCH_COURSES (120000), BENCH_CLINICIANS (6).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/platform/database/data-source-options';

export interface ClinicSize {
  patients: number;
  courses: number;
  clinicians: number;
}

export const DEFAULT_SIZE: ClinicSize = {
  patients: Number(process.env['BENCH_PATIENTS'] ?? 100_000),
  courses: Number(process.env['BENCH_COURSES'] ?? 120_000),
  clinicians: Number(process.env['BENCH_CLINICIANS'] ?? 6),
};

const FIRST = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Grace',
  'Freya',
  'Emily',
  'Ella',
  'Poppy',
  'Sophie',
  'Alice',
  'Ruby',
  'Niamh',
  'Aoife',
  'Zofia',
  'Priya',
  'Fatima',
  'Aisha',
  'Ngozi',
  'Mei',
  'Hannah',
  'Sarah',
  'Rachel',
  'Karen',
  'Susan',
  'Helen',
  'Claire',
  'Emma',
  'Lucy',
  'Laura',
  'Cerys',
  'James',
  'Thomas',
  'David',
  'Marcus',
];
const LAST = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Walker',
  'Wright',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Khan',
  'Murphy',
  "O'Neill",
  'Kowalska',
  'Nowak',
  'Okafor',
  'Chen',
  'García',
  'Singh',
  'Begum',
  'Fitzgerald',
  'McDonald',
];

/** Tables whose inserts the course facts follow. */
const FACT_TABLES = ['scans', 'courses', 'sessions', 'outcomes'];

/** Seeds the clinic through `ds` (migrations already run). Returns the row counts. */
export async function seedClinic(
  ds: DataSource,
  size: ClinicSize = DEFAULT_SIZE,
  timeZone = 'Europe/London',
): Promise<Record<string, number>> {
  const counts = await insertClinic(ds, size, timeZone);
  // Fresh visibility maps, so the reports' covering indexes answer without visiting the tables.
  await ds.query(`VACUUM ANALYZE`);
  return counts;
}

function insertClinic(ds: DataSource, size: ClinicSize, timeZone: string): Promise<Record<string, number>> {
  return ds.transaction(async (tx) => {
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM courses`);
    if (n > 0) throw new Error('This database already holds courses; seed:bench fills an empty clinic only.');
    await tx.query(`SELECT setseed(0.11)`);
    // The foreign-key checks of the rows triggers write (patient_names, patient_name_suffixes) are
    // planned once per connection; planned as generic plans while the tables are still empty, they
    // scan each table once per row, and 100,000 patients in one statement would take hours.
    await tx.query(`SET LOCAL plan_cache_mode = force_custom_plan`);
    const q = (sql: string, params: unknown[] = []) => tx.query(sql, params);
    // The reports' course facts (CourseFacts migration) are computed once, set-based, after the
    // bulk inserts rather than by their triggers after each one; the triggers are back on at commit.
    for (const table of FACT_TABLES) await q(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_facts_insert`);
    const today = `(now() AT TIME ZONE '${timeZone.replace(/'/g, "''")}')::date`;

    await q(
      `INSERT INTO users (email, display_name, role, password_hash)
       SELECT 'bench.clinician' || g || '@bench.venule', 'Bench Clinician ' || g, 'clinician', '!' FROM generate_series(1, $1::int) g
       UNION ALL SELECT 'bench.manager@bench.venule', 'Bench Manager', 'manager', '!'
       ON CONFLICT DO NOTHING`,
      [size.clinicians],
    );
    await q(`CREATE TEMP TABLE bench_clinicians ON COMMIT DROP AS
             SELECT id, row_number() OVER (ORDER BY email)::int AS rn FROM users WHERE email LIKE 'bench.clinician%@bench.venule'`);

    await q(
      `INSERT INTO patients (first_name, last_name, date_of_birth, sex, phone, email, archived)
       SELECT ($1::text[])[1 + floor(random() * cardinality($1::text[]))::int + g * 0],
              ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int + g * 0],
              DATE '1950-01-01' + floor(random() * 18000)::int,
              CASE WHEN random() < 0.88 THEN 'female' ELSE 'male' END,
              '07' || lpad((floor(random() * 1e9))::bigint::text, 9, '0'),
              'bench' || g || '@example.org',
              random() < 0.02
         FROM generate_series(1, $3::int) g`,
      [FIRST, LAST, size.patients],
    );
    // Each patient's first scan 40–1,100 days ago; one in ten rescanned a year later.
    await q(`CREATE TEMP TABLE bench_patients ON COMMIT DROP AS
             SELECT id, row_number() OVER (ORDER BY clinic_number)::int AS rn,
                    ${today} - (40 + floor(random() * 1060))::int AS scanned_on
               FROM patients`);
    await q(`CREATE TEMP TABLE bench_scans ON COMMIT DROP AS
             SELECT gen_random_uuid() AS id, p.id AS patient_id, p.scanned_on AS performed_on FROM bench_patients p
             UNION ALL
             SELECT gen_random_uuid(), p.id, p.scanned_on + 365 FROM bench_patients p
              WHERE p.scanned_on + 365 < ${today} AND random() < 0.1`);
    await q(`INSERT INTO scans (id, patient_id, performed_on, performed_by, recorded_by)
             SELECT s.id, s.patient_id, s.performed_on, 'Vascular lab', (SELECT id FROM bench_clinicians WHERE rn = 1)
               FROM bench_scans s ORDER BY s.performed_on`);
    await q(`INSERT INTO scan_legs (scan_id, leg, findings, conclusion)
             SELECT s.id, leg, CASE WHEN r < 0.90 THEN '{telangiectasia}'::text[] WHEN r < 0.96 THEN '{gsv_reflux}' ELSE '{}' END,
                    CASE WHEN r < 0.90 THEN 'clear' WHEN r < 0.96 THEN 'underlying_disease' ELSE 'inconclusive' END
               FROM bench_scans s CROSS JOIN unnest(ARRAY['left', 'right']) AS leg CROSS JOIN LATERAL (SELECT random() + (s.id IS NULL)::int AS r) x`);

    // Courses: patient by ordinal (the first 20 % have a second one, 200 days after the first),
    // started 0–60 days after the scan; a start after today is a course not yet begun.
    await q(
      `CREATE TEMP TABLE bench_courses ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, p.id AS patient_id, c.id AS clinician_id,
              CASE WHEN x.r1 < 0.04 THEN 1 WHEN x.r1 < 0.38 THEN 2 WHEN x.r1 < 0.72 THEN 3 WHEN x.r1 < 0.88 THEN 4 WHEN x.r1 < 0.97 THEN 5 ELSE 6 END AS planned,
              p.scanned_on + floor(x.r2 * 60)::int + (x.g > $2::int)::int * 200 AS first_on,
              CASE WHEN x.r3 < 0.1 THEN 91 + floor(x.r4 * 35)::int ELSE 28 + floor(x.r4 * 42)::int END AS gap,
              x.r5 < 0.08 AS discontinue,
              CASE WHEN x.r6 < 0.9 THEN ARRAY['left', 'right'] WHEN x.r6 < 0.95 THEN ARRAY['left'] ELSE ARRAY['right'] END AS legs
         FROM generate_series(1, $1::int) g
         CROSS JOIN LATERAL (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
                                    1 + floor(random() * $3::int)::int AS clinician) x
         JOIN bench_patients p ON p.rn = 1 + (x.g - 1) % $2::int
         JOIN bench_clinicians c ON c.rn = x.clinician`,
      [size.courses, size.patients, size.clinicians],
    );
    // How many sessions each course has had by today, and whether it stopped early.
    await q(`ALTER TABLE bench_courses ADD COLUMN done int, ADD COLUMN status text, ADD COLUMN last_on date`);
    await q(`UPDATE bench_courses SET done = least(planned, greatest(0, floor((${today} - first_on) / gap::numeric)::int + 1))`);
    await q(`UPDATE bench_courses SET done = 1 + floor(random() * (done - 1))::int, status = 'discontinued'
              WHERE discontinue AND done > 1`);
    await q(`UPDATE bench_courses SET status = CASE WHEN status IS NOT NULL THEN status WHEN done = planned THEN 'completed' ELSE 'active' END,
                                      last_on = CASE WHEN done > 0 THEN first_on + (done - 1) * gap END`);

    await q(`INSERT INTO courses (id, patient_id, legs, planned_sessions, status, discontinued_reason, closed_at, closed_by, created_by, created_at, updated_at)
             SELECT id, patient_id, legs, planned, status,
                    CASE WHEN status = 'discontinued' THEN 'Patient chose to stop' END,
                    CASE WHEN status <> 'active' THEN (last_on + time '18:00') AT TIME ZONE '${timeZone}' END,
                    CASE WHEN status <> 'active' THEN clinician_id END,
                    clinician_id, (first_on - 7)::timestamp AT TIME ZONE '${timeZone}', now()
               FROM bench_courses`);

    const slot = (day: string) =>
      `((${day})::timestamp + make_interval(hours => 9 + floor(random() * 8)::int, mins => 15 * floor(random() * 4)::int)) AT TIME ZONE '${timeZone}'`;
    // Completed sessions: polidocanol 0.5 % liquid 2–4 mL, or 0.25 % foam 2–4 mL.
    await q(`INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, clinician_id, status, booked_by, status_changed_at,
                                   completed_at, treated_at, completed_on, completed_by, legs, agent, batch_number, concentration_percent, form,
                                   volume_ml, injections, dose_mg, checklist)
             SELECT c.id, i, t.at, t.at + interval '30 minutes', c.clinician_id, 'completed', c.clinician_id, t.at,
                    t.at, t.at, c.first_on + (i - 1) * c.gap, c.clinician_id, c.legs, 'polidocanol', 'B' || (i % 7),
                    d.pct, d.form, d.ml, 4 + floor(random() * 16)::int, round(d.pct * 10 * d.ml, 3),
                    '{"noLotions": true, "stockingsBrought": true}'
               FROM bench_courses c
               CROSS JOIN generate_series(1, c.done) i
               CROSS JOIN LATERAL (SELECT ${slot('c.first_on + (i - 1) * c.gap')} AS at) t
               CROSS JOIN LATERAL (SELECT i AS n, random() AS r, (2 + floor(random() * 5) / 2)::numeric AS ml) y
               CROSS JOIN LATERAL (SELECT CASE WHEN y.r < 0.7 THEN 0.5 ELSE 0.25 END::numeric AS pct,
                                          CASE WHEN y.r < 0.7 THEN 'liquid' ELSE 'foam' END AS form, y.ml) d`);
    // The next session booked for most active courses (no clinician named: the diary stays free).
    await q(`INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, status, booked_by)
             SELECT c.id, c.done + 1, t.at, t.at + interval '30 minutes', 'scheduled', c.clinician_id
               FROM bench_courses c
               CROSS JOIN LATERAL (SELECT ${slot(`greatest(coalesce(c.last_on + c.gap, c.first_on), ${today} + 1 + floor(random() * 20)::int)`)} AS at) t
              WHERE c.status = 'active' AND random() < 0.55`);
    await q(`INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, clinician_id, status, booked_by, status_changed_at)
             SELECT s.course_id, s.sequence, s.scheduled_for - interval '7 days', s.ends_at - interval '7 days', s.clinician_id,
                    'did_not_attend', s.booked_by, s.scheduled_for - interval '7 days'
               FROM sessions s WHERE s.status = 'completed' AND random() < 0.05`);
    await q(`INSERT INTO adverse_events (session_id, type, severity, onset_on, resolved, resolved_on, recorded_by)
             SELECT s.id, x.type, x.severity, s.completed_on + 3, x.resolved, CASE WHEN x.resolved THEN s.completed_on + 40 END, s.completed_by
               FROM sessions s
               CROSS JOIN LATERAL (
                 SELECT CASE WHEN r < 0.45 THEN 'hyperpigmentation' WHEN r < 0.75 THEN 'matting' WHEN r < 0.9 THEN 'superficial_thrombophlebitis'
                             WHEN r < 0.97 THEN 'allergic_reaction' ELSE 'ulceration_necrosis' END AS type,
                        CASE WHEN random() < 0.8 THEN 'mild' WHEN random() < 0.9 THEN 'moderate' ELSE 'severe' END AS severity,
                        s.completed_on + 40 <= ${today} AS resolved
                   FROM (SELECT random() + (s.id IS NULL)::int AS r) rr) x
              WHERE s.status = 'completed' AND random() < 0.03`);
    // Ratings: patients a little kinder than clinicians, more sessions a little better.
    await q(`INSERT INTO outcomes (course_id, assessed_on, rated_by, improvement_percent, recorded_by)
             SELECT c.id, least(c.last_on + 30, ${today}), rater,
                    least(100, greatest(0, round(35 + c.done * 6 + (rater = 'patient')::int * 5 + (random() + random() + random() - 1.5) * 30)))::int,
                    c.clinician_id
               FROM bench_courses c CROSS JOIN unnest(ARRAY['patient', 'clinician']) rater
              WHERE c.status = 'completed' AND random() < 0.92`);
    // Statistics first: without them the planner takes the freshly filled tables for empty ones.
    await q(`ANALYZE patients, scans, courses, sessions, outcomes`);
    await q(`SELECT refresh_course_facts(ARRAY(SELECT DISTINCT patient_id FROM courses))`);
    for (const table of FACT_TABLES) await q(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_facts_insert`);
    const [counts] = await q(`SELECT (SELECT count(*) FROM patients)::int AS patients, (SELECT count(*) FROM scans)::int AS scans,
                                     (SELECT count(*) FROM courses)::int AS courses, (SELECT count(*) FROM sessions)::int AS sessions,
                                     (SELECT count(*) FROM outcomes)::int AS outcomes, (SELECT count(*) FROM adverse_events)::int AS adverse_events`);
    return counts;
  });
}

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL must name the PostgreSQL database to fill, e.g. postgres://postgres@127.0.0.1:5432/venule_bench');
  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 2 }), logging: false });
  const t0 = performance.now();
  await ds.initialize();
  try {
    const counts = await seedClinic(ds);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(
      `seeded ${Object.entries(counts)
        .map(([k, v]) => `${v.toLocaleString('en-GB')} ${k}`)
        .join(', ')} in ${seconds} s (migrations included)\n`,
    );
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  void main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
