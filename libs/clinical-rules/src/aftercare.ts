/**
 * Dated aftercare plan and pre-treatment advice (SPEC §1.8), in the clinic's time zone.
 *
 * `until` dates are clinic calendar dates; the advice applies up to and including that date.
 * Durations are the clinic's standard patient leaflet, not settings.
 */
import type { AftercareCode, IsoDate, IsoInstant, PreTreatmentAdvice, SessionWindow } from '@venule/api-contract';
import { DEFAULT_TIME_ZONE, addDays, addHours, clinicDate, formatClinicTime, formatDateWithWeekday, inClinicZone } from './dates';
import { nextSessionWindow } from './interval';
import { DEFAULT_POLICY, type ClinicalPolicy } from './policy';

/** Durations of the leaflet. Day-and-night hosiery is measured in elapsed hours. */
export const AFTERCARE_DURATIONS = Object.freeze({
  hosieryDayAndNightHours: 72,
  /** Daytime hosiery: a further 5–7 days as the clinician advises; the plan dates the 7-day maximum. */
  hosieryDaytimeDays: 7,
  hosieryDaytimeMinDays: 5,
  avoidHeatDays: 14,
  avoidSunDays: 28,
  avoidHighImpactDays: 14,
  avoidWaxingDays: 28,
  elevateLegsDays: 14,
});

export interface AftercareItem {
  code: AftercareCode;
  until: IsoDate;
  text: string;
}

export interface AftercarePlan {
  completedAt: IsoInstant;
  /** Clinic calendar date of the completion. */
  completedOn: IsoDate;
  items: AftercareItem[];
  nextWindow: SessionWindow;
}

/**
 * The aftercare plan for a session completed at `completedAt` (d = its clinic date):
 * walk until d; hosiery day and night until the clinic date of completedAt + 72 hours
 * (d+3; d+4 when the clocks go forward after a late-evening completion, d+2 when they go back
 * after one between midnight and 01:00);
 * daytime hosiery a further 7 days after that date; heat, high impact and elevation d+14;
 * sun and waxing d+28; the next session window from d.
 */
export function aftercarePlan(
  completedAt: IsoInstant,
  timeZone: string = DEFAULT_TIME_ZONE,
  policy: ClinicalPolicy = DEFAULT_POLICY,
): AftercarePlan {
  const D = AFTERCARE_DURATIONS;
  const d = clinicDate(completedAt, timeZone);
  const hosieryEnds = addHours(completedAt, D.hosieryDayAndNightHours);
  const hosieryUntil = clinicDate(hosieryEnds, timeZone);
  const daytimeUntil = addDays(hosieryUntil, D.hosieryDaytimeDays);
  const day = formatDateWithWeekday;
  const item = (code: AftercareCode, until: IsoDate, text: string): AftercareItem => ({ code, until, text });
  const items: AftercareItem[] = [
    item('walk', d, `Walk for 10 minutes straight after treatment (today, ${day(d)}), and keep walking every day.`),
    item(
      'hosiery_day_and_night',
      hosieryUntil,
      `Wear your support stockings day and night for 72 hours, until ${formatClinicTime(hosieryEnds, timeZone)} on ${day(hosieryUntil)}.`,
    ),
    item(
      'hosiery_daytime',
      daytimeUntil,
      `Then wear them during the day for a further ${D.hosieryDaytimeMinDays}–${D.hosieryDaytimeDays} days, as your clinician advises: at the most until ${day(daytimeUntil)}.`,
    ),
    item(
      'avoid_heat',
      addDays(d, D.avoidHeatDays),
      `No hot baths, saunas, steam rooms, sunbeds or ice packs on your legs until ${day(addDays(d, D.avoidHeatDays))}.`,
    ),
    item(
      'avoid_sun',
      addDays(d, D.avoidSunDays),
      `Keep the treated areas out of the sun until ${day(addDays(d, D.avoidSunDays))}: cover them up, to avoid brown marks.`,
    ),
    item(
      'avoid_high_impact',
      addDays(d, D.avoidHighImpactDays),
      `No running, jumping, aerobics or other high-impact exercise until ${day(addDays(d, D.avoidHighImpactDays))}. Walking is good for you.`,
    ),
    item('avoid_waxing', addDays(d, D.avoidWaxingDays), `Do not wax your legs until ${day(addDays(d, D.avoidWaxingDays))}.`),
    item(
      'elevate_legs',
      addDays(d, D.elevateLegsDays),
      `Rest with your legs raised when you sit down, until ${day(addDays(d, D.elevateLegsDays))}.`,
    ),
  ];
  return { completedAt, completedOn: d, items, nextWindow: nextSessionWindow(d, policy) };
}

/**
 * Advice for a booked session at `scheduledFor`, worded for the time left at `now`: with less
 * than 24 hours to go, the no-lotion rule starts now, not at a time already past.
 */
export function preTreatmentAdvice(scheduledFor: IsoInstant, timeZone: string, now: IsoInstant): PreTreatmentAdvice {
  const scheduledOn = clinicDate(scheduledFor, timeZone);
  const dayBefore = inClinicZone(addHours(scheduledFor, -24), timeZone);
  const from = Date.parse(dayBefore) > Date.parse(now) ? dayBefore : inClinicZone(now, timeZone);
  const fromDate = clinicDate(from, timeZone);
  const at = `${formatClinicTime(scheduledFor, timeZone)} on ${formatDateWithWeekday(scheduledOn)}`;
  // A sheet printed once the appointment's time has come (the patient is at the desk) cannot say
  // "until your appointment" any more.
  const lotions =
    from === dayBefore
      ? `Do not put any lotion, cream or oil on your legs from ${formatClinicTime(from, timeZone)} on ${formatDateWithWeekday(fromDate)} (24 hours before your appointment at ${at}).`
      : Date.parse(now) < Date.parse(scheduledFor)
        ? `Do not put any lotion, cream or oil on your legs from now until your appointment at ${at}.`
        : `Do not put any lotion, cream or oil on your legs before your treatment (booked for ${at}).`;
  return {
    scheduledFor,
    scheduledOn,
    items: [
      { code: 'no_lotions', from, fromDate, text: lotions },
      { code: 'loose_clothing', text: 'Wear loose, comfortable clothing: shorts or a loose skirt are ideal.' },
      { code: 'bring_stockings', text: 'Bring your support stockings: you will put them on straight after treatment.' },
    ],
  };
}
