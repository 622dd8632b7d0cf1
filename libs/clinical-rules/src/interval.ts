/**
 * The interval window between sessions of one course (SPEC §1.4), on clinic calendar dates.
 * The API converts instants with `clinicDate()` before calling these.
 */
import type { IsoDate, Reason } from '@venule/api-contract';
import { addDays, compareDates, formatDate } from './dates';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';

export interface SessionWindow {
  /** First allowed date: previous completed session + minIntervalDays. */
  earliest: IsoDate;
  /** Last on-track date: previous completed session + maxIntervalDays. Later is allowed but overdue. */
  latest: IsoDate;
}

export function nextSessionWindow(lastCompletedOn: IsoDate, policy: ClinicalPolicy = DEFAULT_POLICY): SessionWindow {
  return {
    earliest: addDays(lastCompletedOn, policy.minIntervalDays),
    latest: addDays(lastCompletedOn, policy.maxIntervalDays),
  };
}

export interface BookingCheck {
  /** False when `reasons` is non-empty. */
  allowed: boolean;
  /** Null for the first session of a course (nothing completed yet). */
  window: SessionWindow | null;
  /** Refusals: INTERVAL_TOO_SHORT. */
  reasons: Reason[];
  /** Not refusals: BEYOND_WINDOW (the course will show as overdue). */
  warnings: Reason[];
}

/**
 * Checks a booking (or completion) date against the previous completed session of the same
 * course. `lastCompletedOn` null = first session: no interval applies.
 */
export function checkBookingDate(
  date: IsoDate,
  lastCompletedOn: IsoDate | null,
  policy: ClinicalPolicy = DEFAULT_POLICY,
): BookingCheck {
  if (lastCompletedOn === null) {
    compareDates(date, date); // validates the date
    return { allowed: true, window: null, reasons: [], warnings: [] };
  }
  const window = nextSessionWindow(lastCompletedOn, policy);
  const reasons: Reason[] = [];
  const warnings: Reason[] = [];
  if (compareDates(date, window.earliest) < 0) {
    reasons.push({
      code: 'INTERVAL_TOO_SHORT',
      message: `Sessions must be at least ${policy.minIntervalDays} days apart: the last session was on ${formatDate(lastCompletedOn)}, so the earliest date is ${formatDate(window.earliest)}.`,
    });
  } else if (compareDates(date, window.latest) > 0) {
    warnings.push({
      code: 'BEYOND_WINDOW',
      message: `${formatDate(date)} is after the recommended window (up to ${formatDate(window.latest)}); the course will show as overdue until this session happens.`,
    });
  }
  return { allowed: reasons.length === 0, window, reasons, warnings };
}
