import type { IsoDate } from '@venule/api-contract';

/** Today's calendar date in the browser's time zone, `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole years between a date of birth and a date, both `YYYY-MM-DD`. */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number | null {
  const dob = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  if (!dob || !day) return null;
  let age = Number(day[1]) - Number(dob[1]);
  if (day[2] + day[3] < dob[2] + dob[3]) age -= 1;
  return age;
}

/** `YYYY-MM-DD` shown the British way, `DD/MM/YYYY`. */
export function formatDate(date: IsoDate | null | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}
