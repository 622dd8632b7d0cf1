/**
 * Set-up for the course, session, note and aftercare specs: patients, histories and scans are
 * made through HTTP, as a clinic would; only the past (completed sessions on earlier days) is
 * written directly to the database, since the API records completions "now".
 */
import type { StaffClient } from './support/staff-client';
import type { TestApp } from './support/test-app';

/** The date on the clinic's (Europe/London) calendar at `ms`. */
const londonDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(ms));

/** Today's date on the clinic's (Europe/London) calendar. */
export const clinicToday = () => londonDate(Date.now());

export const plusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Now + days (+ minutes) as an ISO instant, as a booking screen sends it. For today, in the last
 * two hours of the clinic's day, "now" steps back three hours first, so that today's bookings (the
 * specs space them up to 90 minutes apart) stay on today's date whenever the specs run.
 */
export const instantIn = (days: number, minutes = 0) => {
  const now = Date.now();
  const base = days !== 0 || londonDate(now + 2 * 3_600_000) === londonDate(now) ? now : now - 3 * 3_600_000;
  return new Date(base + days * 86_400_000 + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

/** Now + `minutes`, a time still to come whatever the time of day (where `instantIn(0, …)` may step back). */
export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A valid completion body: polidocanol 0.5 % liquid, 4 mL = 20 mg. */
export const goodCompletion = (over: Record<string, unknown> = {}) => ({
  legs: ['left'],
  agent: 'polidocanol',
  product: 'Asclera',
  batchNumber: 'B123',
  concentrationPercent: 0.5,
  form: 'liquid',
  volumeMl: 4,
  injections: 12,
  compression: { mmHg: 20, hours: 72 },
  checklist: { noLotions: true, stockingsBrought: true },
  ...over,
});

export const codesOf = (body: { code?: string; reasons?: { code: string }[] }) => [
  ...new Set([...(body.code ? [body.code] : []), ...(body.reasons ?? []).map((r) => r.code)]),
];

let counter = 0;

export interface PatientSetup {
  /** Date of birth; default 1980-05-17. */
  dateOfBirth?: string;
  /** Medical history: false for none; default no conditions, 70 kg weighed a week ago. */
  history?:
    | false
    | { conditions?: string[]; acknowledgements?: Record<string, string>; weightKg?: number | null; weightMeasuredOn?: string | null };
  /** Scans as [daysAgo, {left?, right?}] conclusions; default a clear left leg 20 days ago. */
  scans?: [number, { left?: string; right?: string }][];
}

export class Clinic {
  constructor(
    readonly t: TestApp,
    readonly reception: StaffClient,
    readonly clinician: StaffClient,
  ) {}

  async patient(setup: PatientSetup = {}): Promise<string> {
    counter += 1;
    const tag = `${process.pid % 1000}${counter}`;
    const res = await this.reception.post('/api/patients', {
      firstName: 'Course',
      lastName: `Patient ${String.fromCharCode(97 + (counter % 26))}${String.fromCharCode(97 + (Math.floor(counter / 26) % 26))}`,
      dateOfBirth: setup.dateOfBirth ?? '1980-05-17',
      sex: 'female',
      phone: `07700 9${tag.padStart(5, '0').slice(-5)}`,
      email: `course.${tag}@example.org`,
      confirmDuplicate: true,
    });
    if (res.status !== 201) throw new Error(`patient: ${res.status} ${JSON.stringify(res.body)}`);
    const id = res.body.id as string;
    if (setup.history !== false) {
      const h = setup.history ?? {};
      const put = await this.clinician.put(`/api/patients/${id}/medical-history`, {
        conditions: h.conditions ?? [],
        acknowledgements: h.acknowledgements ?? {},
        weightKg: h.weightKg === undefined ? 70 : h.weightKg,
        weightMeasuredOn: h.weightMeasuredOn === undefined ? plusDays(clinicToday(), -7) : h.weightMeasuredOn,
      });
      if (put.status !== 200 && put.status !== 201) throw new Error(`history: ${put.status} ${JSON.stringify(put.body)}`);
    }
    for (const [daysAgo, legs] of setup.scans ?? [[20, { left: 'clear' }]]) {
      const body = {
        performedOn: plusDays(clinicToday(), -daysAgo),
        performedBy: 'Vascular lab',
        legs: Object.fromEntries(Object.entries(legs).map(([leg, conclusion]) => [leg, { findings: [], conclusion }])),
      };
      const scan = await this.clinician.post(`/api/patients/${id}/scans`, body);
      if (scan.status !== 201) throw new Error(`scan: ${scan.status} ${JSON.stringify(scan.body)}`);
    }
    return id;
  }

  async course(patientId: string, body: Record<string, unknown> = {}, consentedOn: string | null = clinicToday()): Promise<string> {
    const res = await this.clinician.post(`/api/patients/${patientId}/courses`, { legs: ['left'], plannedSessions: 3, ...body });
    if (res.status !== 201) throw new Error(`course: ${res.status} ${JSON.stringify(res.body)}`);
    if (consentedOn) {
      const c = await this.clinician.post(`/api/courses/${res.body.id}/consent`, { consentedOn, formVersion: 'v3' });
      if (c.status !== 201) throw new Error(`consent: ${c.status} ${JSON.stringify(c.body)}`);
    }
    return res.body.id;
  }

  async book(courseId: string, scheduledFor = instantIn(0, 10), extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.reception.post(`/api/courses/${courseId}/sessions`, { scheduledFor, ...extra });
    if (res.status !== 201) throw new Error(`book: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** A session of the course completed `daysAgo` days ago (written to the database: the API records "now"). */
  async pastSession(courseId: string, daysAgo: number, over: { doseMg?: number } = {}): Promise<string> {
    const [{ id }] = await this.t.db.query(
      `INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, status, booked_by, status_changed_at,
                             completed_at, treated_at, completed_on, completed_by, legs, agent, batch_number, concentration_percent,
                             form, volume_ml, injections, dose_mg, checklist)
       SELECT $1, coalesce((SELECT max(sequence) FROM sessions WHERE course_id = $1), 0) + 1,
              now() - make_interval(days => $2), now() - make_interval(days => $2) + interval '30 minutes', 'completed', $3,
              now() - make_interval(days => $2), now() - make_interval(days => $2), now() - make_interval(days => $2),
              (now() AT TIME ZONE 'Europe/London')::date - $2, $3, '{left}', 'polidocanol', 'OLD1', 0.5, 'liquid',
              $4::numeric / 5, 10, $4, '{"noLotions": true, "stockingsBrought": true}'
       RETURNING id`,
      [courseId, daysAgo, this.clinician.userId, over.doseMg ?? 20],
    );
    return id;
  }

  /**
   * A session of the course still booked for `daysAgo` days ago at 10:00 UTC (written to the
   * database: the API books nothing in the past), as when a treatment is written up later.
   */
  async pastBooking(courseId: string, daysAgo: number): Promise<string> {
    const [{ id }] = await this.t.db.query(
      `INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, booked_by)
       SELECT $1, coalesce((SELECT max(sequence) FROM sessions WHERE course_id = $1), 0) + 1,
              date_trunc('day', now()) - make_interval(days => $2) + interval '10 hours',
              date_trunc('day', now()) - make_interval(days => $2) + interval '10 hours 30 minutes', $3
       RETURNING id`,
      [courseId, daysAgo, this.reception.userId],
    );
    return id;
  }
}
