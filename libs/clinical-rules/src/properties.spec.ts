/** Property-based invariants (fast-check). */
import fc from 'fast-check';
import {
  addDays,
  aftercarePlan,
  checkBookingDate,
  checkDose,
  clearance,
  clinicDate,
  compareDates,
  courseState,
  daysBetween,
  nextSessionWindow,
  scanValidUntil,
  checkSessionCompletion,
  legTreatments,
  usableWeight,
  type ClearanceFacts,
  type LegTreatment,
  type ScanFacts,
} from './index';

import type { IsoDate, Leg } from '@venule/api-contract';

const BASE = '2020-01-01';
/** A calendar date between 2020 and 2030 (covers leap days and every DST change). */
const date = fc.integer({ min: 0, max: 3650 }).map((n) => addDays(BASE, n));
const conclusion = fc.constantFrom('clear', 'underlying_disease', 'inconclusive' as const);
const legFacts = fc.option(fc.record({ conclusion }), { nil: undefined });
const scanArb = fc.record({ performedOn: date, left: legFacts, right: legFacts });
const scansArb = fc
  .array(scanArb, { maxLength: 6 })
  .map((list) => list.map((s, i): ScanFacts => ({ id: `s${i}`, performedOn: s.performedOn, legs: { left: s.left, right: s.right } })));
const zone = fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney', 'UTC');
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString());

const localHour = (at: string, tz: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' }).format(new Date(at)));

const patient = (scans: ScanFacts[], conditions: string[] = []): ClearanceFacts => ({
  dateOfBirth: '1980-01-01',
  medicalHistory: { conditions },
  scans,
});

describe('clearance invariants', () => {
  it('a leg is never decided by a scan dated after `on`', () => {
    fc.assert(
      fc.property(scansArb, date, (scans, on) => {
        const result = clearance(patient(scans), on);
        for (const leg of ['left', 'right'] as const) {
          const id = result.legs[leg].scanId;
          if (id !== undefined) {
            const decided = scans.find((s) => s.id === id);
            expect(decided && compareDates(decided.performedOn, on) <= 0).toBe(true);
          }
          // dropping every scan newer than `on` changes nothing
          expect(clearance(patient(scans.filter((s) => s.performedOn <= on)), on).legs[leg]).toEqual(result.legs[leg]);
        }
      }),
    );
  });

  it('adding an older clear scan (before every scan of that leg) never changes the result', () => {
    fc.assert(
      fc.property(
        scansArb.filter((s) => s.length > 0),
        date,
        fc.integer({ min: 1, max: 2000 }),
        (scans, on, back) => {
          const earliest = scans.map((s) => s.performedOn).sort()[0];
          const older: ScanFacts = {
            id: 'older',
            performedOn: addDays(earliest, -back),
            legs: { left: { conclusion: 'clear' }, right: { conclusion: 'clear' } },
          };
          const before = clearance(patient(scans), on);
          const after = clearance(patient([older, ...scans]), on);
          for (const leg of ['left', 'right'] as const) {
            if (before.legs[leg].status !== 'no_scan') expect(after.legs[leg]).toEqual(before.legs[leg]);
          }
        },
      ),
    );
  });

  it('eligible means no blockers and at least one cleared leg', () => {
    fc.assert(
      fc.property(scansArb, date, fc.subarray(['pregnancy', 'symptomatic_pfo', 'smoking', 'immobile']), (scans, on, conditions) => {
        const result = clearance(patient(scans, conditions), on);
        const cleared = result.legs.left.status === 'cleared' || result.legs.right.status === 'cleared';
        expect(result.eligible).toBe(result.blockers.length === 0 && cleared);
      }),
    );
  });

  it('a cleared leg is valid on `on` and has no reasons; any other status has exactly one reason for that leg', () => {
    fc.assert(
      fc.property(scansArb, date, (scans, on) => {
        for (const leg of ['left', 'right'] as const) {
          const l = clearance(patient(scans), on).legs[leg];
          if (l.status === 'cleared') {
            expect(l.reasons).toEqual([]);
            expect(compareDates(on, l.validUntil as string)).toBeLessThanOrEqual(0);
          } else {
            expect(l.reasons).toHaveLength(1);
            expect(l.reasons[0].leg).toBe(leg);
          }
        }
      }),
    );
  });

  it('a clear scan is valid on its last day and expired the day after', () => {
    fc.assert(
      fc.property(date, (performedOn) => {
        const until = scanValidUntil(performedOn);
        const scans: ScanFacts[] = [{ id: 'a', performedOn, legs: { left: { conclusion: 'clear' } } }];
        expect(clearance(patient(scans), until).legs.left.status).toBe('cleared');
        expect(clearance(patient(scans), addDays(until, 1)).legs.left.status).toBe('expired');
        expect(daysBetween(performedOn, until)).toBeGreaterThanOrEqual(364);
        expect(daysBetween(performedOn, until)).toBeLessThanOrEqual(365);
      }),
    );
  });
});

describe('interval invariants', () => {
  it('a date from `earliest` on never gives INTERVAL_TOO_SHORT; any date less than 28 days either side always does', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -60, max: 200 }), (last, offset) => {
        const booked = addDays(last, offset);
        const facts = { legs: ['left' as const], courseLastCompletedOn: last, treatments: [{ leg: 'left' as const, on: last }] };
        const tooShort = checkBookingDate(booked, facts).reasons.some((r) => r.code === 'INTERVAL_TOO_SHORT');
        expect(tooShort).toBe(Math.abs(offset) < 28);
        if (offset >= 0) expect(tooShort).toBe(compareDates(booked, nextSessionWindow(last).earliest) < 0);
      }),
    );
  });

  it('completions in any order, across any courses, never treat one leg twice within 28 days', () => {
    const legSet = fc.constantFrom<Leg[]>(['left'], ['right'], ['left', 'right']);
    // Each attempt: which of three courses (each with its own legs), which legs, which treatment date.
    const attempt = fc.record({
      course: fc.integer({ min: 0, max: 2 }),
      legs: legSet,
      on: fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-01-01', n)),
    });
    fc.assert(
      fc.property(fc.tuple(legSet, legSet, legSet), fc.array(attempt, { maxLength: 25 }), (courseLegs, attempts) => {
        const done: LegTreatment[] = [];
        const lastOf: (IsoDate | null)[] = [null, null, null];
        for (const a of attempts) {
          const legs = a.legs.filter((l) => courseLegs[a.course].includes(l));
          if (legs.length === 0) continue;
          const check = checkSessionCompletion({
            on: a.on,
            course: { status: 'active', legs: courseLegs[a.course], lastCompletedOn: lastOf[a.course] },
            consent: { consentedOn: a.on },
            patient: {
              dateOfBirth: '1980-01-01',
              medicalHistory: { conditions: [], weightKg: 70, weightMeasuredOn: a.on },
              scans: [{ id: 's', performedOn: a.on, legs: { left: { conclusion: 'clear' }, right: { conclusion: 'clear' } } }],
            },
            legs,
            treatments: done,
            patientCompletedSessionsBefore: done.length,
            dose: { agent: 'sodium_tetradecyl_sulfate', form: 'liquid', concentrationPercent: 0.2, volumeMl: 2 },
          });
          expect(check.reasons.every((r) => r.code === 'INTERVAL_TOO_SHORT')).toBe(true);
          if (!check.allowed) continue;
          done.push(...legTreatments([{ legs, on: a.on }]));
          const prev = lastOf[a.course];
          lastOf[a.course] = prev === null || compareDates(a.on, prev) > 0 ? a.on : prev;
        }
        for (const x of done) {
          for (const y of done) {
            if (x !== y && x.leg === y.leg) expect(Math.abs(daysBetween(x.on, y.on))).toBeGreaterThanOrEqual(28);
          }
        }
      }),
    );
  });

  it('"within 12 months" is one rule: a scan and a body weight of the same date lapse on the same day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 300, max: 400 }), (measured, day) => {
        const on = addDays(measured, day);
        const scanValid =
          clearance(patient([{ id: 's', performedOn: measured, legs: { left: { conclusion: 'clear' } } }]), on).legs.left.status ===
          'cleared';
        const weightValid = 'weightKg' in usableWeight({ weightKg: 70, weightMeasuredOn: measured }, on);
        expect(weightValid).toBe(scanValid);
      }),
    );
  });

  it('the course state follows the day count since the last completed session', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 200 }), (last, day) => {
        const state = courseState(
          { status: 'active', plannedSessions: 4, sessions: [{ status: 'completed', date: last }] },
          addDays(last, day),
        ).state;
        expect(state).toBe(day < 28 ? 'on_track' : day <= 84 ? 'due' : 'overdue');
      }),
    );
  });
});

describe('dose invariants', () => {
  const volume = fc.double({ min: 0.01, max: 100, noNaN: true });
  it('mg is monotonic in volume and the limit check agrees with the figures', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 3, noNaN: true }), volume, volume, fc.integer({ min: 30, max: 250 }), (c, v1, v2, kg) => {
        const [lo, hi] = v1 <= v2 ? [v1, v2] : [v2, v1];
        const patientFacts = { weightKg: kg, weightMeasuredOn: '2025-12-01' };
        const a = checkDose({ agent: 'polidocanol', form: 'liquid', concentrationPercent: c, volumeMl: lo }, patientFacts, '2026-01-10');
        const b = checkDose({ agent: 'polidocanol', form: 'liquid', concentrationPercent: c, volumeMl: hi }, patientFacts, '2026-01-10');
        expect(a.doseMg).toBeLessThanOrEqual(b.doseMg);
        expect(b.limitMg).toBe(2 * kg);
        expect(b.reasons.some((r) => r.code === 'DOSE_LIMIT_EXCEEDED')).toBe(b.doseMg > 2 * kg);
      }),
    );
  });

  it('never throws, whatever the numbers', () => {
    const anyNumber = fc.oneof(fc.double(), fc.constant(Number.NaN), fc.constant(Infinity), fc.integer());
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, fc.option(anyNumber, { nil: undefined }), (c, v, other, kg) => {
        const r = checkDose(
          { agent: 'polidocanol', form: 'foam', concentrationPercent: c, volumeMl: v, otherPolidocanolMgSameDay: other },
          { weightKg: kg, weightMeasuredOn: '2025-12-01' },
          '2026-01-10',
        );
        expect(Number.isFinite(r.doseMg)).toBe(true);
      }),
    );
  });
});

describe('aftercare invariants', () => {
  it('no aftercare date is before the completion date, and day-and-night hosiery ends 2–4 calendar days later', () => {
    fc.assert(
      fc.property(instant, zone, (completedAt, tz) => {
        const plan = aftercarePlan(completedAt, tz);
        expect(plan.completedOn).toBe(clinicDate(completedAt, tz));
        for (const item of plan.items) expect(compareDates(item.until, plan.completedOn)).toBeGreaterThanOrEqual(0);
        const dayNight = plan.items.find((i) => i.code === 'hosiery_day_and_night')?.until as string;
        const days = daysBetween(plan.completedOn, dayNight);
        expect([2, 3, 4]).toContain(days);
        // 72 elapsed hours end two calendar days on only when the clocks go back after a completion before 01:00.
        if (days === 2) expect(localHour(completedAt, tz)).toBe(0);
        expect(compareDates(plan.nextWindow.earliest, plan.completedOn)).toBe(1);
      }),
    );
  });
});
