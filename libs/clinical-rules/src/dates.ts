/**
 * Calendar-date and clinic-time-zone arithmetic.
 *
 * - A *date* is a calendar date `YYYY-MM-DD` with no time and no zone.
 *   Calendar arithmetic on dates is done in UTC so that no DST change can shift a day.
 * - An *instant* is an ISO 8601 date-time WITH an offset (`Z` or `+01:00`). An instant
 *   without an offset is rejected: it would be read in the host's zone, which differs
 *   between the API server and a browser.
 * - Malformed dates, instants and zones are programmer errors (the API validates requests
 *   before calling the rules) and throw a `RangeError`; clinical facts never throw, they
 *   produce reasons.
 */
import { DateTime, IANAZone } from 'luxon';
import type { IsoDate, IsoInstant } from '@venule/api-contract';

export const DEFAULT_TIME_ZONE = 'Europe/London';

const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** True for a real calendar date written `YYYY-MM-DD` (so `2025-02-29` is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && ISO_DATE_RE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/** True for an ISO 8601 instant that carries an offset (`Z` or `±hh:mm`). */
export function isIsoInstant(value: unknown): value is IsoInstant {
  return typeof value === 'string' && ISO_INSTANT_RE.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
}

/** True for an IANA time-zone name such as `Europe/London`. */
export function isValidTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone);
}

function toCalendar(date: IsoDate): DateTime {
  if (!isIsoDate(date)) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  }
  return DateTime.fromISO(date, { zone: 'utc' });
}

function toInstant(instant: IsoInstant): DateTime {
  if (!isIsoInstant(instant)) {
    throw new RangeError(`Not an ISO 8601 instant with an offset: ${String(instant)}`);
  }
  return DateTime.fromISO(instant, { setZone: true });
}

function checkZone(timeZone: string): string {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`Unknown time zone: ${String(timeZone)}`);
  }
  return timeZone;
}

function fromCalendar(dt: DateTime): IsoDate {
  return dt.toISODate() as IsoDate;
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromCalendar(toCalendar(date).plus({ days }));
}

/**
 * The same calendar date `months` months later (negative: earlier). When that date does
 * not exist (31st of a shorter month, 29 February in a common year) it ROLLS FORWARD to the
 * 1st of the following month: 2024-02-29 + 12 months = 2025-03-01,
 * 2025-01-31 + 1 month = 2025-03-01. (Luxon alone would clamp to the month end.)
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const start = toCalendar(date);
  const target = start.startOf('month').plus({ months });
  const daysInTarget = target.daysInMonth ?? 31;
  if (start.day > daysInTarget) {
    return fromCalendar(target.plus({ months: 1 }));
  }
  return fromCalendar(target.set({ day: start.day }));
}

/**
 * The last day of "within `months` months of `from`" (SPEC rule 10), the one meaning used for scans
 * and body weights alike: the day before the same calendar date `months` later, a date that does not
 * exist rolling forward first. 30 November 2025 → 29 November 2026; 29 February 2024 → 28 February 2025.
 */
export function lastDayWithinMonths(from: IsoDate, months: number): IsoDate {
  return addDays(addMonths(from, months), -1);
}

/** -1, 0 or 1 as `a` is before, the same as, or after `b`. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  toCalendar(a);
  toCalendar(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(toCalendar(to).diff(toCalendar(from), 'days').days);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/**
 * Age in completed years on `on`. Someone born on 29 February has their birthday on
 * 1 March in common years (they are still 17 on 28 February of the year they turn 18).
 */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const dob = toCalendar(dateOfBirth);
  const day = toCalendar(on);
  let age = day.year - dob.year;
  if (day.month < dob.month || (day.month === dob.month && day.day < dob.day)) {
    age -= 1;
  }
  return age;
}

/** The calendar date of `instant` on the clinic's wall clock in `timeZone`. */
export function clinicDate(instant: IsoInstant, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  return toInstant(instant).setZone(checkZone(timeZone)).toISODate() as IsoDate;
}

/** `instant` plus an exact number of hours (elapsed time, not wall-clock), in UTC. */
export function addHours(instant: IsoInstant, hours: number): IsoInstant {
  return toInstant(instant).toUTC().plus({ hours }).toISO() as IsoInstant;
}

/** `instant` expressed with the clinic's offset, e.g. `2026-03-29T10:00:00.000+01:00`. */
export function inClinicZone(instant: IsoInstant, timeZone: string = DEFAULT_TIME_ZONE): IsoInstant {
  return toInstant(instant).setZone(checkZone(timeZone)).toISO() as IsoInstant;
}

/**
 * The instant a clinic wall clock shows `time` (`HH:mm`) on `date`, with that day's offset.
 * A time the clocks skip (01:30 as they go forward) moves on by the hour skipped.
 */
export function clinicWallTime(date: IsoDate, time: string, timeZone: string = DEFAULT_TIME_ZONE): IsoInstant {
  const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!hhmm) throw new RangeError(`Not a time of day (HH:mm): ${String(time)}`);
  const day = toCalendar(date);
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Number(hhmm[1]), minute: Number(hhmm[2]) },
    { zone: checkZone(timeZone) },
  ).toISO({ suppressMilliseconds: true }) as IsoInstant;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `28 March 2026` (British order; no locale data needed, so identical in browser and API). */
export function formatDate(date: IsoDate): string {
  const d = toCalendar(date);
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** `Saturday 28 March 2026`. */
export function formatDateWithWeekday(date: IsoDate): string {
  return `${WEEKDAYS[toCalendar(date).weekday - 1]} ${formatDate(date)}`;
}

/** Wall-clock time of `instant` in the clinic zone, 24-hour `HH:mm`. */
export function formatClinicTime(instant: IsoInstant, timeZone: string = DEFAULT_TIME_ZONE): string {
  return toInstant(instant).setZone(checkZone(timeZone)).toFormat('HH:mm');
}
