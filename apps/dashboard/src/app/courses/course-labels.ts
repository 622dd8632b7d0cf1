import type { AdverseEventType, CourseProgressState, IsoDate, Leg, Reason, SessionStatus, Severity } from '@venule/api-contract';
import { LEG_LABELS } from '../core/legs';
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

export function legsLabel(legs: readonly Leg[] | null | undefined): string {
  if (!legs?.length) return '—';
  return legs.length === 2 ? 'Both legs' : LEG_LABELS[legs[0]];
}

/** A refusal in words: every reason the server gave, or its one-line message. */
export function refusalOf(error: unknown): { message: string; reasons: Reason[] } {
  return { message: problemMessage(error), reasons: problemOf(error)?.reasons ?? [] };
}

/** The clinic date a session is about: when it happened, or when it is booked for. */
export function sessionDate(s: { completedOn: IsoDate | null; scheduledOn: IsoDate }): IsoDate {
  return s.completedOn ?? s.scheduledOn;
}
