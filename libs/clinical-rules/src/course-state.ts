/**
 * Where a course stands on a date (SPEC §1.4–1.5): for reception's due list and the
 * manager's overdue report.
 */
import type { IsoDate, Reason } from '@venule/api-contract';
import { compareDates, formatDate, maxDate } from './dates';
import { nextSessionWindow, type SessionWindow } from './interval';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';

export const COURSE_STATUSES = ['active', 'completed', 'discontinued'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const SESSION_STATUSES = ['scheduled', 'completed', 'cancelled', 'did_not_attend'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export type CourseProgress = 'completed' | 'discontinued' | 'not_started' | 'on_track' | 'due' | 'overdue';

export interface CourseSessionFacts {
  status: SessionStatus;
  /** Clinic calendar date: when it happened (completed) or is booked for (scheduled). */
  date: IsoDate;
}

export interface CourseFacts {
  status: CourseStatus;
  plannedSessions: number;
  sessions: readonly CourseSessionFacts[];
}

export interface CourseState {
  state: CourseProgress;
  /** One sentence for the dashboard. */
  message: string;
  sessionsCompleted: number;
  sessionsRemaining: number;
  lastCompletedOn: IsoDate | null;
  /** Window after the last completed session; null before the first one and for closed courses. */
  nextWindow: SessionWindow | null;
  /** Earliest booked session on or after max(window start, on), if any (may lie beyond the window). */
  nextScheduledOn: IsoDate | null;
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
  const completed = course.sessions.filter((s) => s.status === 'completed');
  const sessionsCompleted = completed.length;
  const sessionsRemaining = Math.max(0, course.plannedSessions - sessionsCompleted);
  const lastCompletedOn = completed.reduce<IsoDate | null>((last, s) => (last === null ? s.date : maxDate(last, s.date)), null);
  const base = { sessionsCompleted, sessionsRemaining, lastCompletedOn, nextWindow: null, nextScheduledOn: null };

  if (course.status === 'discontinued') {
    return { ...base, state: 'discontinued', message: `Course discontinued after ${sessionsCompleted} of ${course.plannedSessions} sessions.` };
  }
  if (course.status === 'completed' || (sessionsCompleted >= course.plannedSessions && sessionsCompleted > 0)) {
    return { ...base, sessionsRemaining: 0, state: 'completed', message: `Course completed (${sessionsCompleted} sessions).` };
  }
  if (lastCompletedOn === null) {
    return { ...base, state: 'not_started', message: 'No session completed yet.' };
  }
  const window = nextSessionWindow(lastCompletedOn, policy);
  const from = maxDate(window.earliest, on);
  const upcoming = course.sessions
    .filter((s) => s.status === 'scheduled' && compareDates(s.date, from) >= 0)
    .map((s) => s.date)
    .sort()[0] ?? null;
  const withWindow = { ...base, nextWindow: window, nextScheduledOn: upcoming };
  const range = `${formatDate(window.earliest)} to ${formatDate(window.latest)}`;
  const bookedLate = upcoming ? ` It is booked for ${formatDate(upcoming)}.` : '';

  if (compareDates(on, window.latest) > 0) {
    return { ...withWindow, state: 'overdue', message: `Overdue: the next session should have happened between ${range}.${bookedLate}` };
  }
  if (compareDates(on, window.earliest) < 0) {
    return { ...withWindow, state: 'on_track', message: `On track: the next session is due between ${range}.` };
  }
  if (upcoming && compareDates(upcoming, window.latest) <= 0) {
    return { ...withWindow, state: 'on_track', message: `On track: next session booked for ${formatDate(upcoming)}.` };
  }
  if (upcoming) {
    return { ...withWindow, state: 'due', message: `Due: the booking on ${formatDate(upcoming)} is after the window; bring it forward to ${formatDate(window.latest)} or earlier.` };
  }
  return { ...withWindow, state: 'due', message: `Due: book the next session by ${formatDate(window.latest)}.` };
}

/** The course status once a session is completed: `completed` when the planned sessions are done. */
export function courseStatusAfterCompletion(plannedSessions: number, completedCount: number): 'active' | 'completed' {
  return completedCount >= plannedSessions ? 'completed' : 'active';
}

/** `COURSE_CLOSED` when the course takes no new sessions. */
export function courseClosedReasons(status: CourseStatus): Reason[] {
  if (status === 'active') return [];
  return [{ code: 'COURSE_CLOSED', message: `This course is ${status}; it takes no new sessions. Start a new course instead.` }];
}
