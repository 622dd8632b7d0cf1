/**
 * The interval between treatments (SPEC §1.4), on clinic calendar dates: a leg is treated at most
 * once in `minIntervalDays`, whichever course the treatments belong to. The API converts instants
 * with `clinicDate()` before calling these.
 */
import { LEGS } from '@venule/api-contract';
import type { IsoDate, Leg, Refusal, SessionWindow, Warning } from '@venule/api-contract';
import { addDays, compareDates, daysBetween, formatDate, maxDate } from './dates';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';

/** One leg treated on one clinic date, in any of the patient's courses. */
export interface LegTreatment {
  leg: Leg;
  on: IsoDate;
  sessionId?: string;
}

/** The legs treated by completed sessions, one entry per leg. */
export function legTreatments(sessions: readonly { id?: string; legs: readonly Leg[]; on: IsoDate }[]): LegTreatment[] {
  return sessions.flatMap((s) => s.legs.map((leg) => ({ leg, on: s.on, ...(s.id ? { sessionId: s.id } : {}) })));
}

export function nextSessionWindow(lastCompletedOn: IsoDate, policy: ClinicalPolicy = DEFAULT_POLICY): SessionWindow {
  return {
    earliest: addDays(lastCompletedOn, policy.minIntervalDays),
    latest: addDays(lastCompletedOn, policy.maxIntervalDays),
  };
}

/** The first date `leg` may be treated again after its latest treatment; null when it was never treated. */
export function legOpensOn(leg: Leg, treatments: readonly LegTreatment[], policy: ClinicalPolicy = DEFAULT_POLICY): IsoDate | null {
  const last = treatments.filter((t) => t.leg === leg).reduce<IsoDate | null>((d, t) => (d === null ? t.on : maxDate(d, t.on)), null);
  return last === null ? null : addDays(last, policy.minIntervalDays);
}

/** The first date every one of `legs` may be treated again; null when none was ever treated. */
export function legsOpenOn(
  legs: readonly Leg[],
  treatments: readonly LegTreatment[],
  policy: ClinicalPolicy = DEFAULT_POLICY,
): IsoDate | null {
  return legs
    .map((leg) => legOpensOn(leg, treatments, policy))
    .reduce<IsoDate | null>((d, o) => (o === null ? d : d === null ? o : maxDate(d, o)), null);
}

/**
 * INTERVAL_TOO_SHORT for each of `legs` with a treatment in `treatments` less than
 * `minIntervalDays` before OR after `on`: a treatment recorded late is checked against the leg's
 * treatments on both sides of it. Each reason names the leg and the date it may next be treated.
 */
export function legIntervalReasons(
  legs: readonly Leg[],
  on: IsoDate,
  treatments: readonly LegTreatment[],
  policy: ClinicalPolicy = DEFAULT_POLICY,
): Refusal[] {
  const reasons: Refusal[] = [];
  for (const leg of LEGS.filter((l) => legs.includes(l))) {
    const clashes = treatments.filter((t) => t.leg === leg && Math.abs(daysBetween(t.on, on)) < policy.minIntervalDays);
    if (clashes.length === 0) continue;
    const latest = clashes.reduce((d, t) => maxDate(d, t.on), clashes[0].on);
    const opensOn = addDays(latest, policy.minIntervalDays);
    const name = leg === 'left' ? 'Left leg' : 'Right leg';
    const days = `${policy.minIntervalDays} days`;
    const message =
      compareDates(latest, on) <= 0
        ? `${name}: treated on ${formatDate(latest)}; a leg is treated at most once in ${days}, so it may be treated again from ${formatDate(opensOn)}.`
        : `${name}: already treated on ${formatDate(latest)}, less than ${days} after ${formatDate(on)}; it may next be treated from ${formatDate(opensOn)}.`;
    reasons.push({ code: 'INTERVAL_TOO_SHORT', leg, opensOn, message });
  }
  return reasons;
}

/**
 * The course's next window: from the day every leg of the course is past its interval (counting
 * the patient's other courses) to the course's last completed session + maxIntervalDays (never
 * before the start). Null before the course's first completed session.
 */
export function courseWindow(
  legs: readonly Leg[],
  courseLastCompletedOn: IsoDate | null,
  treatments: readonly LegTreatment[],
  policy: ClinicalPolicy = DEFAULT_POLICY,
): SessionWindow | null {
  if (courseLastCompletedOn === null) return null;
  const own = nextSessionWindow(courseLastCompletedOn, policy);
  const opens = legsOpenOn(legs, treatments, policy);
  const earliest = opens === null ? own.earliest : maxDate(own.earliest, opens);
  return { earliest, latest: maxDate(own.latest, earliest) };
}

export interface BookingFacts {
  /** The legs of the course the session belongs to. */
  legs: readonly Leg[];
  /** Clinic date of the course's last completed session; null before its first. */
  courseLastCompletedOn: IsoDate | null;
  /** The patient's completed treatments in every course. */
  treatments: readonly LegTreatment[];
}

export interface BookingCheck {
  /** False when `reasons` is non-empty. */
  allowed: boolean;
  /** Null before the course's first completed session. */
  window: SessionWindow | null;
  /** Refusals: INTERVAL_TOO_SHORT, one per leg of the course inside its interval. */
  reasons: Refusal[];
  /** Not refusals: BEYOND_WINDOW (the course will show as overdue). */
  warnings: Warning[];
}

/**
 * Checks a booking date for a session of a course: refused when any leg of the course is inside
 * its interval on that date (SPEC §1.4), a warning when it is after the course's on-track window.
 */
export function checkBookingDate(date: IsoDate, facts: BookingFacts, policy: ClinicalPolicy = DEFAULT_POLICY): BookingCheck {
  const reasons = legIntervalReasons(facts.legs, date, facts.treatments, policy);
  const window = courseWindow(facts.legs, facts.courseLastCompletedOn, facts.treatments, policy);
  const warnings: Warning[] = [];
  if (window && compareDates(date, window.latest) > 0) {
    warnings.push({
      code: 'BEYOND_WINDOW',
      message: `${formatDate(date)} is after the recommended window (up to ${formatDate(window.latest)}); the course will show as overdue until this session happens.`,
    });
  }
  return { allowed: reasons.length === 0, window, reasons, warnings };
}
