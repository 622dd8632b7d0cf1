/**
 * Opening hours and clinicians' working days (clinic settings). Booking outside them is allowed
 * (a clinic may open late for one patient) but the booking's response warns, so reception notices.
 * Times are the clinic's wall clock: on the days the clocks change, 09:00 is 09:00 local whatever
 * the UTC offset.
 */
import { WEEKDAYS, type IsoDate, type IsoInstant, type OpeningHours, type Warning, type Weekday } from '@venule/api-contract';
import { clinicDate, formatClinicTime, isoWeekday } from './dates';

/** A usual week for a clinic to start from: weekdays 09:00–18:00, Saturday morning, closed Sunday. */
export const DEFAULT_OPENING_HOURS: OpeningHours = Object.freeze({
  monday: { opens: '09:00', closes: '18:00' },
  tuesday: { opens: '09:00', closes: '18:00' },
  wednesday: { opens: '09:00', closes: '18:00' },
  thursday: { opens: '09:00', closes: '18:00' },
  friday: { opens: '09:00', closes: '18:00' },
  saturday: { opens: '09:00', closes: '13:00' },
  sunday: null,
});

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a 24-hour wall-clock time `HH:MM` (00:00–23:59). */
export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && CLOCK_TIME.test(value);
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const plural = (day: Weekday) => `${day[0].toUpperCase()}${day.slice(1)}s`;

/**
 * What is wrong with a week of opening hours, each problem naming its field as the settings form
 * does (`openingHours.monday.closes`). Empty when the week is fine.
 */
export function openingHoursProblems(hours: OpeningHours): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const day of WEEKDAYS) {
    const times = hours[day];
    if (!times) continue;
    const at = `openingHours.${day}`;
    if (!isClockTime(times.opens)) problems.push({ field: `${at}.opens`, message: 'must be a time of day, HH:MM (24-hour)' });
    if (!isClockTime(times.closes)) problems.push({ field: `${at}.closes`, message: 'must be a time of day, HH:MM (24-hour)' });
    if (isClockTime(times.opens) && isClockTime(times.closes) && minutesOf(times.opens) >= minutesOf(times.closes)) {
      problems.push({ field: `${at}.closes`, message: `must be later than the opening time on ${plural(day)} (${times.opens})` });
    }
  }
  return problems;
}

/** The weekday of `instant` on the clinic's wall clock. */
export function clinicWeekday(instant: IsoInstant, timeZone: string): Weekday {
  return localTime(instant, timeZone).day;
}

export interface AppointmentHoursFacts {
  startsAt: IsoInstant;
  endsAt: IsoInstant;
  /** Null while the clinic has not set its hours: nothing to warn about. */
  openingHours: OpeningHours | null;
  /** The clinician booked, if any, and the weekdays they work. */
  clinician?: { name: string; workingDays: readonly Weekday[] } | null;
}

/**
 * Warnings (never refusals) for an appointment outside the clinic's opening hours on its day
 * (`OUTSIDE_OPENING_HOURS`: a closed day, starting before opening, ending after closing or on a
 * later day) or on a weekday its clinician does not work (`CLINICIAN_NOT_WORKING`).
 */
export function appointmentHoursWarnings(facts: AppointmentHoursFacts, timeZone: string): Warning[] {
  const start = localTime(facts.startsAt, timeZone);
  const end = localTime(facts.endsAt, timeZone);
  const { day } = start;
  const warnings: Warning[] = [];
  const span = `${start.time}–${end.time}`;
  const times = facts.openingHours ? facts.openingHours[day] : undefined;
  if (times === null) {
    warnings.push({ code: 'OUTSIDE_OPENING_HOURS', message: `The clinic is closed on ${plural(day)}.` });
  } else if (times) {
    const startMinutes = minutesOf(start.time);
    const endMinutes = minutesOf(end.time);
    const sameDay = end.date === start.date;
    if (startMinutes < minutesOf(times.opens) || !sameDay || endMinutes > minutesOf(times.closes)) {
      warnings.push({
        code: 'OUTSIDE_OPENING_HOURS',
        message: `The clinic is open ${times.opens}–${times.closes} on ${plural(day)}; this booking is ${span}.`,
      });
    }
  }
  if (facts.clinician && !facts.clinician.workingDays.includes(day)) {
    warnings.push({ code: 'CLINICIAN_NOT_WORKING', message: `${facts.clinician.name} does not work on ${plural(day)}.` });
  }
  return warnings;
}

/** The clinic's wall clock at `instant`: its date, weekday and time of day (`HH:mm`). */
function localTime(instant: IsoInstant, timeZone: string): { date: IsoDate; day: Weekday; time: string } {
  const date = clinicDate(instant, timeZone);
  return { date, day: WEEKDAYS[isoWeekday(date) - 1], time: formatClinicTime(instant, timeZone) };
}
