/**
 * Where a course stands on a date (SPEC §1.4–1.5): for reception's due list and the
 * manager's overdue report.
 */
import { LEGS } from '@venule/api-contract';
import type { CourseProgressState, CourseStatus, IsoDate, Leg, Reason, Refusal, SessionStatus, SessionWindow } from '@venule/api-contract';
import { compareDates, formatDate, maxDate } from './dates';
import { courseWindow, legIntervalReasons, legsOpenOn, legTreatments, type LegTreatment } from './interval';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';

export interface CourseSessionFacts {
  id?: string;
  status: SessionStatus;
  /** Clinic calendar date: when it happened (completed) or is booked for (scheduled). */
  date: IsoDate;
}

export interface CourseFacts {
  status: CourseStatus;
  plannedSessions: number;
  sessions: readonly CourseSessionFacts[];
  /** The course's legs (default: both). */
  legs?: readonly Leg[];
  /**
   * The patient's completed treatments in every course, this one included (SPEC §1.4: the interval
   * is per leg). Default: this course's completed sessions, as treating all of its legs.
   */
  treatments?: readonly LegTreatment[];
}

/** A booked session that falls inside a leg's interval: it must be moved or cancelled. */
export interface BookingInsideWindow {
  sessionId?: string;
  date: IsoDate;
  /** INTERVAL_TOO_SHORT, one per leg, each with the date the leg may next be treated. */
  reasons: Refusal[];
}

export interface CourseState {
  state: CourseProgressState;
  /** One sentence for the dashboard. */
  message: string;
  sessionsCompleted: number;
  sessionsRemaining: number;
  lastCompletedOn: IsoDate | null;
  /** Window after the last completed session; null before the first one and for closed courses. */
  nextWindow: SessionWindow | null;
  /** Earliest booked session on or after max(window start, on), if any (may lie beyond the window). */
  nextScheduledOn: IsoDate | null;
  /** First date every leg of the course may be treated, counting every course; null when none was treated. */
  opensOn: IsoDate | null;
  /** Booked sessions that fall inside a leg's interval (e.g. booked before an earlier session was completed). */
  bookingsInsideWindow: BookingInsideWindow[];
}

/**
 * The state of a course on `on` (normally today's clinic date):
 * - `completed` / `discontinued`: the course status (an active course whose planned sessions
 *   are all completed also reads `completed`);
 * - `not_started`: no completed session yet;
 * - `on_track`: before the window opens, or a session is booked inside the window on or after `on`
 *   (a booking left in the past without an outcome does not count);
 * - `due`: `on` is inside the window and nothing inside the window is booked (a booking after the
 *   window's last day still reads `due`, with a message to bring it forward);
 * - `overdue`: `on` is after the window's last day (booked or not) until the next session happens.
 */
export function courseState(course: CourseFacts, on: IsoDate, policy: ClinicalPolicy = DEFAULT_POLICY): CourseState {
  const legs = course.legs ?? LEGS;
  const completed = course.sessions.filter((s) => s.status === 'completed');
  const treatments = course.treatments ?? legTreatments(completed.map((s) => ({ legs, on: s.date })));
  const sessionsCompleted = completed.length;
  const sessionsRemaining = Math.max(0, course.plannedSessions - sessionsCompleted);
  const lastCompletedOn = completed.reduce<IsoDate | null>((last, s) => (last === null ? s.date : maxDate(last, s.date)), null);
  const open = course.status === 'active' && sessionsCompleted < course.plannedSessions;
  const opensOn = open ? legsOpenOn(legs, treatments, policy) : null;
  const bookingsInsideWindow: BookingInsideWindow[] = open
    ? course.sessions
        .filter((s) => s.status === 'scheduled')
        .map((s) => ({ ...(s.id ? { sessionId: s.id } : {}), date: s.date, reasons: legIntervalReasons(legs, s.date, treatments, policy) }))
        .filter((b) => b.reasons.length > 0)
    : [];
  const inside = bookingsInsideWindow.length
    ? ` ${bookingsInsideWindow.map((b) => `The booking on ${formatDate(b.date)} falls inside the interval: move it to ${formatDate(b.reasons.map((r) => r.opensOn as IsoDate).reduce(maxDate))} or later.`).join(' ')}`
    : '';
  const base = {
    sessionsCompleted,
    sessionsRemaining,
    lastCompletedOn,
    nextWindow: null,
    nextScheduledOn: null,
    opensOn,
    bookingsInsideWindow,
  };

  if (course.status === 'discontinued') {
    return {
      ...base,
      state: 'discontinued',
      message: `Course discontinued after ${sessionsCompleted} of ${course.plannedSessions} sessions.`,
    };
  }
  if (course.status === 'completed' || (sessionsCompleted >= course.plannedSessions && sessionsCompleted > 0)) {
    return { ...base, sessionsRemaining: 0, state: 'completed', message: `Course completed (${sessionsCompleted} sessions).` };
  }
  if (lastCompletedOn === null) {
    const later =
      opensOn !== null && compareDates(opensOn, on) > 0
        ? ` A leg of this course was treated in another course: the first session can be from ${formatDate(opensOn)}.`
        : '';
    return { ...base, state: 'not_started', message: `No session completed yet.${later}${inside}` };
  }
  const window = courseWindow(legs, lastCompletedOn, treatments, policy) as SessionWindow;
  const from = maxDate(window.earliest, on);
  const upcoming =
    course.sessions
      .filter((s) => s.status === 'scheduled' && compareDates(s.date, from) >= 0)
      .map((s) => s.date)
      .sort()[0] ?? null;
  const withWindow = { ...base, nextWindow: window, nextScheduledOn: upcoming };
  const range = `${formatDate(window.earliest)} and ${formatDate(window.latest)}`;
  const bookedLate = upcoming ? ` It is booked for ${formatDate(upcoming)}.` : '';

  if (compareDates(on, window.latest) > 0) {
    return {
      ...withWindow,
      state: 'overdue',
      message: `Overdue: the next session should have happened between ${range}.${bookedLate}${inside}`,
    };
  }
  if (compareDates(on, window.earliest) < 0) {
    return {
      ...withWindow,
      state: 'on_track',
      message: `${inside ? 'Check the bookings' : 'On track'}: the next session is due between ${range}.${inside}`,
    };
  }
  if (upcoming && compareDates(upcoming, window.latest) <= 0) {
    return { ...withWindow, state: 'on_track', message: `On track: next session booked for ${formatDate(upcoming)}.` };
  }
  if (upcoming) {
    return {
      ...withWindow,
      state: 'due',
      message: `Due: the booking on ${formatDate(upcoming)} is after the window; bring it forward to ${formatDate(window.latest)} or earlier.${inside}`,
    };
  }
  return { ...withWindow, state: 'due', message: `Due: book the next session by ${formatDate(window.latest)}.${inside}` };
}

/** The course status once a session is completed: `completed` when the planned sessions are done. */
export function courseStatusAfterCompletion(
  plannedSessions: number,
  completedCount: number,
): Extract<CourseStatus, 'active' | 'completed'> {
  return completedCount >= plannedSessions ? 'completed' : 'active';
}

/** `COURSE_CLOSED` when the course takes no new sessions. */
export function courseClosedReasons(status: CourseStatus): Reason<'COURSE_CLOSED'>[] {
  if (status === 'active') return [];
  return [{ code: 'COURSE_CLOSED', message: `This course is ${status}; it takes no new sessions. Start a new course instead.` }];
}

/**
 * COURSE_FULLY_BOOKED when the course already holds a booking for every planned session left
 * (SPEC §1.5): `completed` and `booked` count its completed and still-booked sessions.
 */
export function bookingCapacityReasons(plannedSessions: number, completed: number, booked: number): Reason<'COURSE_FULLY_BOOKED'>[] {
  const left = Math.max(0, plannedSessions - completed);
  if (booked < left) return [];
  const sessions = (n: number) => `${n} session${n === 1 ? '' : 's'}`;
  return [
    {
      code: 'COURSE_FULLY_BOOKED',
      message: `This course plans ${sessions(plannedSessions)}: ${completed} done and ${booked} booked, so none is left to book. Move a booking, or change the planned number of sessions.`,
    },
  ];
}
