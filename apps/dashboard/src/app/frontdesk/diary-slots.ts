import { WEEKDAYS, type DiaryAppointment, type IsoDate, type IsoInstant, type OpeningHours, type OpeningTimes } from '@venule/api-contract';
import { addDays } from '@venule/clinical-rules';

/** The length of one free slot, and the hours offered while the clinic has set no opening hours. */
export const DIARY_DAY = { opens: '09:00', closes: '18:00', slotMinutes: 30 } as const;

/**
 * The hours of `date` the diary offers free slots in: the clinic's opening hours for that weekday
 * (null: closed that day), or 09:00–18:00 while an admin has set none.
 */
export function openingOn(date: IsoDate, hours: OpeningHours | null): OpeningTimes | null {
  if (!hours) return DIARY_DAY;
  const [y, m, d] = date.split('-').map(Number);
  return hours[WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]];
}

export type DiaryEntry =
  | { kind: 'appointment'; startsAt: IsoInstant; appointment: DiaryAppointment }
  | { kind: 'free'; startsAt: IsoInstant; endsAt: IsoInstant; time: string };

/** Converts a clinic date and wall-clock time to an instant (the clinic's zone, injected so tests need no clock). */
export type WallClock = (date: IsoDate, time: string) => IsoInstant;

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const hhmm = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/** Slot start times of a day, `HH:mm`. */
export function slotTimes(day: { opens: string; closes: string; slotMinutes: number } = DIARY_DAY): string[] {
  const times: string[] = [];
  for (let t = minutes(day.opens); t + day.slotMinutes <= minutes(day.closes); t += day.slotMinutes) times.push(hhmm(t));
  return times;
}

/**
 * One clinician's day in time order: their appointments, and each slot of the day's opening hours
 * (`open`; none on a closed day) that no appointment overlaps as a free slot. Slots already begun
 * (before `now`) are not offered.
 */
export function dayEntries(
  date: IsoDate,
  appointments: readonly DiaryAppointment[],
  wallClock: WallClock,
  now: Date,
  open: OpeningTimes | null = DIARY_DAY,
): DiaryEntry[] {
  const busy = appointments.map((a) => [Date.parse(a.startsAt), Date.parse(a.endsAt)] as const);
  const free: DiaryEntry[] = [];
  for (const time of open ? slotTimes({ ...open, slotMinutes: DIARY_DAY.slotMinutes }) : []) {
    const startsAt = wallClock(date, time);
    const endsAt = new Date(Date.parse(startsAt) + DIARY_DAY.slotMinutes * 60_000).toISOString();
    const start = Date.parse(startsAt);
    const end = Date.parse(endsAt);
    if (start < now.getTime()) continue;
    if (busy.some(([s, e]) => s < end && start < e)) continue;
    free.push({ kind: 'free', startsAt, endsAt, time });
  }
  const booked: DiaryEntry[] = appointments.map((appointment) => ({ kind: 'appointment', startsAt: appointment.startsAt, appointment }));
  return [...booked, ...free].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/** Times a booking may start at, every quarter hour of a long clinic day. */
export const BOOKING_TIMES = slotTimes({ opens: '07:00', closes: '21:00', slotMinutes: 15 });

/** The Monday of the week `date` is in. */
export function weekStart(date: IsoDate): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The seven dates of the week starting `monday`. */
export function weekDates(monday: IsoDate): IsoDate[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}
