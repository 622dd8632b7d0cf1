import type { AdverseEventType, CourseProgressState, IsoDate, IsoInstant, Leg, Reason, SessionStatus, Severity } from '@venule/api-contract';
import { DEFAULT_TIME_ZONE, clinicDate, inClinicZone } from '@venule/clinical-rules';
import { problemMessage, problemOf } from '../core/problem';

export const STATE_LABELS: Record<CourseProgressState, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  due: 'Due',
  overdue: 'Overdue',
  completed: 'Completed',
  discontinued: 'Discontinued',
};

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  scheduled: 'Booked',
  completed: 'Completed',
  cancelled: 'Cancelled',
  did_not_attend: 'Did not attend',
};

export const ADVERSE_EVENT_LABELS: Record<AdverseEventType, string> = {
  hyperpigmentation: 'Hyperpigmentation',
  matting: 'Matting',
  ulceration_necrosis: 'Ulceration or necrosis',
  superficial_thrombophlebitis: 'Superficial thrombophlebitis',
  dvt: 'Deep vein thrombosis',
  allergic_reaction: 'Allergic reaction',
  visual_disturbance: 'Visual disturbance',
  other: 'Other',
};

export const SEVERITY_LABELS: Record<Severity, string> = { mild: 'Mild', moderate: 'Moderate', severe: 'Severe' };

export const LEG_LABELS: Record<Leg, string> = { left: 'Left leg', right: 'Right leg' };

export function legsLabel(legs: readonly Leg[] | null | undefined): string {
  if (!legs?.length) return '—';
  return legs.length === 2 ? 'Both legs' : LEG_LABELS[legs[0]];
}

/** Instants are shown in the clinic's time zone, whatever the browser's. */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: DEFAULT_TIME_ZONE, weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
});

export function formatInstant(instant: IsoInstant | null | undefined): string {
  return instant ? dateTime.format(new Date(instant)) : '';
}

/** A refusal in words: every reason the server gave, or its one-line message. */
export function refusalOf(error: unknown): { message: string; reasons: Reason[] } {
  return { message: problemMessage(error), reasons: problemOf(error)?.reasons ?? [] };
}

/** Today's date on the clinic's wall clock. */
export function clinicToday(now: Date = new Date()): IsoDate {
  return clinicDate(now.toISOString(), DEFAULT_TIME_ZONE);
}

/** A clinic wall-clock date and `HH:mm` as an instant with the clinic's offset on that day. */
export function clinicInstant(date: IsoDate, time: string): IsoInstant {
  const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(inClinicZone(`${date}T${time}:00Z`, DEFAULT_TIME_ZONE))?.[1] ?? 'Z';
  return `${date}T${time}:00${offset}`;
}

/** The clinic date a session is about: when it happened, or when it is booked for. */
export function sessionDate(s: { completedOn: IsoDate | null; scheduledOn: IsoDate }): IsoDate {
  return s.completedOn ?? s.scheduledOn;
}
