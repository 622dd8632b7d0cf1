import type { IsoDate, IsoInstant } from '@venule/api-contract';
import { DEFAULT_TIME_ZONE, ageOn as yearsOld, clinicDate, clinicWallTime, formatClinicTime, isIsoDate } from '@venule/clinical-rules';

/** Instants are shown in the clinic's time zone, whatever the browser's. */
const formatterFor = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/** The clinic's zone as the API reports it when staff sign in (`CLINIC_TIMEZONE`); London until then. */
let clinicZone = DEFAULT_TIME_ZONE;
let dateTime = formatterFor(clinicZone);

export function useClinicTimeZone(timeZone: string): void {
  if (timeZone === clinicZone) return;
  dateTime = formatterFor(timeZone);
  clinicZone = timeZone;
}

/** Today's date on the clinic's wall clock, `YYYY-MM-DD`: the date the API's rules count in. */
export function todayIso(now: Date = new Date()): IsoDate {
  return clinicDate(now.toISOString(), clinicZone);
}

export function formatInstant(instant: IsoInstant | null | undefined): string {
  return instant ? dateTime.format(new Date(instant)) : '';
}

/** A clinic wall-clock date and `HH:mm` as an instant with the clinic's offset on that day. */
export function clinicInstant(date: IsoDate, time: string): IsoInstant {
  return clinicWallTime(date, time, clinicZone);
}

/** The clinic calendar date of an instant. */
export function clinicDateOf(instant: IsoInstant): IsoDate {
  return clinicDate(instant, clinicZone);
}

/** The clinic wall-clock time of an instant, `HH:mm`. */
export function clinicTimeOf(instant: IsoInstant): string {
  return formatClinicTime(instant, clinicZone);
}

/** Whole years between a date of birth and a date; null while either is not a `YYYY-MM-DD` date. */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number | null {
  return isIsoDate(dateOfBirth) && isIsoDate(on) ? yearsOld(dateOfBirth, on) : null;
}

/** `YYYY-MM-DD` shown the British way, `DD/MM/YYYY`. */
export function formatDate(date: IsoDate | null | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}
