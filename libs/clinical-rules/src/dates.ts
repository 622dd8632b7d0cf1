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
import { DateTime, IANAZone, Info, type Zone } from 'luxon';
import type { IsoDate, IsoInstant } from '@venule/api-contract';

export const DEFAULT_TIME_ZONE = 'Europe/London';

const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

// Calendar dates are read and written by hand and counted as days since 1970-01-01 (exact integer
// arithmetic, the same answers as Luxon: dates-luxon.spec.ts): a page of clearances compares and
// formats hundreds of dates, and a Luxon DateTime for each cost about 30 ms a page. Luxon stays for
// the zones' rules and for whatever falls outside the years 0000–9999 or the plain spellings.

interface Civil {
  year: number;
  month: number;
  day: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The number written in `s[from, to)` in ASCII digits, or -1. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The fields of a real calendar date written `YYYY-MM-DD`, or null. */
function parseDate(value: unknown): Civil | null {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function dayNumber({ year, month, day }: Civil): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

/** The date `days` days after 1970-01-01 (civil_from_days). */
function civilDate(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1 };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** Whether epoch milliseconds `ms` fall in the years 0000–9999, where toISOString writes what Luxon does. */
const inPlainYears = (ms: number) => ms >= -62_167_219_200_000 && ms <= 253_402_300_799_999;

/** `YYYY-MM-DD`, or null outside the years 0000–9999 (Luxon writes those in its extended form). */
function isoDate({ year, month, day }: Civil): IsoDate | null {
  if (!(year >= 0 && year <= 9999)) return null;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}` as IsoDate;
}

/** True for a real calendar date written `YYYY-MM-DD` (so `2025-02-29` is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  return parseDate(value) !== null;
}

// Instants written plainly (as `Date#toISOString` writes them, or with a `±hh:mm` offset; every field
// in range) are read by hand; any other spelling goes through Luxon, the reference for what is valid.
const PLAIN_INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds of a plainly written instant with every field in range, else NaN. */
function plainInstantMillis(value: string): number {
  const m = PLAIN_INSTANT_RE.exec(value);
  if (!m) return NaN;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const offsetHours = m[8] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[8] === undefined ? 0 : Number(m[10]);
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return NaN;
  // Luxon's own reading of the fraction (so `.1239` is 123 ms, as before).
  const millisecond = m[7] === undefined ? 0 : Math.floor(parseFloat(`0.${m[7]}`) * 1000);
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return dayNumber(date) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond - offset * 60 * 1000;
}

function luxonInstant(value: unknown): DateTime | null {
  if (typeof value !== 'string' || !ISO_INSTANT_RE.test(value)) return null;
  const dt = DateTime.fromISO(value, { setZone: true });
  return dt.isValid ? dt : null;
}

/** True for an ISO 8601 instant that carries an offset (`Z` or `±hh:mm`). */
export function isIsoInstant(value: unknown): value is IsoInstant {
  return typeof value === 'string' && (!Number.isNaN(plainInstantMillis(value)) || luxonInstant(value) !== null);
}

// Valid zones, resolved once each: Luxon checks a name by building an Intl.DateTimeFormat every time.
// Bounded, as the names could come from input (any capitalisation of a zone is valid).
const zones = new Map<string, Zone>();
const MAX_CACHED_ZONES = 64;
const MAX_REMEMBERED_OFFSETS = 4096;

/**
 * An IANA zone that remembers each instant's offset: Luxon asks Intl for every one (about 10 µs),
 * and booking a session asks for the same two or three instants 17 times (its date, its reminder,
 * its advice, its opening hours). Exact, as it is keyed by the millisecond; bounded.
 */
class RememberingZone extends IANAZone {
  private readonly offsets = new Map<number, number>();

  override offset(ts: number): number {
    let offset = this.offsets.get(ts);
    if (offset === undefined) {
      offset = super.offset(ts);
      if (this.offsets.size >= MAX_REMEMBERED_OFFSETS) this.offsets.clear();
      this.offsets.set(ts, offset);
    }
    return offset;
  }
}

/** The Luxon zone `timeZone` names (what `DateTime#setZone(timeZone)` would use), or null. */
function resolveZone(timeZone: unknown): Zone | null {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return null;
  const cached = zones.get(timeZone);
  if (cached !== undefined) return cached;
  if (!IANAZone.isValidZone(timeZone)) return null;
  const luxonZone = Info.normalizeZone(timeZone);
  const zone = luxonZone instanceof IANAZone ? new RememberingZone(luxonZone.name) : luxonZone;
  if (zones.size < MAX_CACHED_ZONES) zones.set(timeZone, zone);
  return zone;
}

/** True for an IANA time-zone name such as `Europe/London`. */
export function isValidTimeZone(zone: unknown): zone is string {
  return resolveZone(zone) !== null;
}

function calendar(date: IsoDate): Civil {
  const civil = parseDate(date);
  if (civil === null) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  }
  return civil;
}

function toCalendar(date: IsoDate): DateTime {
  calendar(date);
  return DateTime.fromISO(date, { zone: 'utc' });
}

function toInstant(instant: IsoInstant): DateTime {
  const dt = luxonInstant(instant);
  if (dt === null) {
    throw new RangeError(`Not an ISO 8601 instant with an offset: ${String(instant)}`);
  }
  return dt;
}

/** Epoch milliseconds of `instant` (throws when it is not one). */
function instantMillis(instant: IsoInstant): number {
  const ms = typeof instant === 'string' ? plainInstantMillis(instant) : NaN;
  return Number.isNaN(ms) ? toInstant(instant).toMillis() : ms;
}

function checkZone(timeZone: string): Zone {
  const zone = resolveZone(timeZone);
  if (zone === null) {
    throw new RangeError(`Unknown time zone: ${String(timeZone)}`);
  }
  return zone;
}

/** The wall clock of `zone` at `ms`, read with getUTC* (Luxon's own arithmetic, so DST is its). */
function wallClock(ms: number, zone: Zone): Date {
  return new Date(ms + zone.offset(ms) * 60 * 1000);
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const start = calendar(date);
  const fast = Number.isSafeInteger(days) ? isoDate(civilDate(dayNumber(start) + days)) : null;
  return fast ?? (toCalendar(date).plus({ days }).toISODate() as IsoDate);
}

/**
 * The same calendar date `months` months later (negative: earlier). When that date does
 * not exist (31st of a shorter month, 29 February in a common year) it ROLLS FORWARD to the
 * 1st of the following month: 2024-02-29 + 12 months = 2025-03-01,
 * 2025-01-31 + 1 month = 2025-03-01. (Luxon alone would clamp to the month end.)
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const start = calendar(date);
  if (Number.isSafeInteger(months)) {
    const index = start.year * 12 + start.month - 1 + months;
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    const fast =
      start.day > daysInMonth(year, month)
        ? isoDate(month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 })
        : isoDate({ year, month, day: start.day });
    if (fast !== null) return fast;
  }
  const dt = toCalendar(date);
  const target = dt.startOf('month').plus({ months });
  const daysInTarget = target.daysInMonth ?? 31;
  if (dt.day > daysInTarget) {
    return target.plus({ months: 1 }).toISODate() as IsoDate;
  }
  return target.set({ day: dt.day }).toISODate() as IsoDate;
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
  calendar(a);
  calendar(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const end = calendar(to);
  return dayNumber(end) - dayNumber(calendar(from));
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/**
 * Age in completed years on `on`. Someone born on 29 February has their birthday on
 * 1 March in common years (they are still 17 on 28 February of the year they turn 18).
 */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const dob = calendar(dateOfBirth);
  const day = calendar(on);
  let age = day.year - dob.year;
  if (day.month < dob.month || (day.month === dob.month && day.day < dob.day)) {
    age -= 1;
  }
  return age;
}

/** The calendar date of `instant` on the clinic's wall clock in `timeZone`. */
export function clinicDate(instant: IsoInstant, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  const ms = instantMillis(instant);
  const zone = checkZone(timeZone);
  const wall = wallClock(ms, zone);
  const fast = isoDate({ year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() });
  return fast ?? (toInstant(instant).setZone(zone).toISODate() as IsoDate);
}

/** `instant` plus an exact number of hours (elapsed time, not wall-clock), in UTC. */
export function addHours(instant: IsoInstant, hours: number): IsoInstant {
  const ms = instantMillis(instant) + hours * 3_600_000;
  if (Number.isSafeInteger(hours) && inPlainYears(ms)) return new Date(ms).toISOString() as IsoInstant;
  return toInstant(instant).toUTC().plus({ hours }).toISO() as IsoInstant;
}

/** `instant` expressed with the clinic's offset, e.g. `2026-03-29T10:00:00.000+01:00`. */
export function inClinicZone(instant: IsoInstant, timeZone: string = DEFAULT_TIME_ZONE): IsoInstant {
  const ms = instantMillis(instant);
  const zone = checkZone(timeZone);
  const offset = zone.offset(ms);
  const wall = ms + offset * 60_000;
  if (Number.isInteger(offset) && inPlainYears(wall)) {
    // Written as Luxon's toISO writes it: `Z` only for a fixed zone at offset 0 (UTC), else ±hh:mm.
    const sign = offset < 0 ? '-' : '+';
    const suffix =
      zone.isUniversal && offset === 0 ? 'Z' : `${sign}${pad2(Math.trunc(Math.abs(offset) / 60))}:${pad2(Math.abs(offset) % 60)}`;
    return `${new Date(wall).toISOString().slice(0, 23)}${suffix}` as IsoInstant;
  }
  return toInstant(instant).setZone(zone).toISO() as IsoInstant;
}

/**
 * The instant a clinic wall clock shows `time` (`HH:mm`) on `date`, with that day's offset.
 * A time the clocks skip (01:30 as they go forward) moves on by the hour skipped.
 */
export function clinicWallTime(date: IsoDate, time: string, timeZone: string = DEFAULT_TIME_ZONE): IsoInstant {
  const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!hhmm) throw new RangeError(`Not a time of day (HH:mm): ${String(time)}`);
  const day = calendar(date);
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Number(hhmm[1]), minute: Number(hhmm[2]) },
    { zone: checkZone(timeZone) },
  ).toISO({ suppressMilliseconds: true }) as IsoInstant;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `28 March 2026` (British order; no locale data needed, so identical in browser and API). */
export function formatDate(date: IsoDate): string {
  const d = calendar(date);
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** The weekday of `date` as Luxon numbers it: 1 for Monday to 7 for Sunday. */
export function isoWeekday(date: IsoDate): number {
  const d = calendar(date);
  // 1970-01-01, day 0, was a Thursday. Luxon names the weekdays of the years 0–99 through
  // Date.UTC, which reads them as 1900–1999 (0000-02-29 comes out a Wednesday): kept as it was.
  return d.year >= 100 ? ((((dayNumber(d) + 3) % 7) + 7) % 7) + 1 : toCalendar(date).weekday;
}

/** `Saturday 28 March 2026`. */
export function formatDateWithWeekday(date: IsoDate): string {
  return `${WEEKDAYS[isoWeekday(date) - 1]} ${formatDate(date)}`;
}

/** Wall-clock time of `instant` in the clinic zone, 24-hour `HH:mm`. */
export function formatClinicTime(instant: IsoInstant, timeZone: string = DEFAULT_TIME_ZONE): string {
  const wall = wallClock(instantMillis(instant), checkZone(timeZone));
  return `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
}
