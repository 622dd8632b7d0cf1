/**
 * Treatment courses, sessions, notes, adverse events, outcomes and aftercare (SPEC §1.3–1.8, §2, §4).
 *
 * Role shaping: reception sees bookings (dates, status, sequence, clinician) but never clinical
 * detail: `SessionBooking` for reception, `SessionDetail` (a superset) for clinicians and managers.
 * A course read by reception has no `consent`, no `outcomes` and no `discontinuedReason`; a
 * booking's warnings name no condition (SPEC §3).
 */
import type { IsoDate, IsoInstant, Leg, RecordMeta } from './common';
import type { Reason } from './errors';
import type { ConditionCode } from './medical-history';

export const COURSE_STATUSES = ['active', 'completed', 'discontinued'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const SESSION_STATUSES = ['scheduled', 'completed', 'cancelled', 'did_not_attend'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Where a course stands today (from the rules library's `courseState`). */
export const COURSE_PROGRESS = ['completed', 'discontinued', 'not_started', 'on_track', 'due', 'overdue'] as const;
export type CourseProgressState = (typeof COURSE_PROGRESS)[number];

export const AGENTS = ['polidocanol', 'sodium_tetradecyl_sulfate'] as const;
export type SclerosantAgent = (typeof AGENTS)[number];
export const FORMS = ['liquid', 'foam'] as const;
export type SclerosantForm = (typeof FORMS)[number];

export const ADVERSE_EVENT_TYPES = [
  'hyperpigmentation',
  'matting',
  'ulceration_necrosis',
  'superficial_thrombophlebitis',
  'dvt',
  'allergic_reaction',
  'visual_disturbance',
  'other',
] as const;
export type AdverseEventType = (typeof ADVERSE_EVENT_TYPES)[number];
export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const OUTCOME_RATERS = ['patient', 'clinician'] as const;
export type OutcomeRater = (typeof OUTCOME_RATERS)[number];

export const NOTE_STATUSES = ['draft', 'signed'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

/** Default length of a booked session, minutes (the API accepts `durationMinutes` 10–240). */
export const DEFAULT_SESSION_MINUTES = 30;

/** `{earliest, latest}` clinic calendar dates: the next session's allowed window (SPEC §1.4). */
export interface SessionWindow {
  earliest: IsoDate;
  latest: IsoDate;
}

/** A non-refusing warning; same shape as a refusal reason. Codes include SCAN_REQUIRED,
 * SCAN_EXPIRED, REFERRED_FOR_UNDERLYING_DISEASE, SCAN_INCONCLUSIVE, MEDICAL_HISTORY_REQUIRED,
 * CONTRAINDICATED, UNDER_18 (clearance on the booked date), BEYOND_WINDOW, and OUTSIDE_OPENING_HOURS and
 * CLINICIAN_NOT_WORKING (the clinic's opening hours and the clinician's working days, clinic settings). */
export type Warning = Reason;

// ---------------------------------------------------------------------------------------------
// Courses

/** `POST /api/patients/:id/courses` (clinicians). */
export interface CreateCourseRequest {
  legs: Leg[];
  /** Free-text areas, e.g. "lateral thigh", "behind the knee". */
  areas?: string[];
  /** 1–6. */
  plannedSessions: number;
}

/** `PATCH /api/courses/:id` (clinicians). An active course only; a closed one answers 422 COURSE_CLOSED.
 * - `status: 'completed'` closes it: needs an `outcome` here or one already recorded.
 * - `status: 'discontinued'` needs `discontinuedReason`.
 * Closing cancels the course's sessions still booked. */
export interface UpdateCourseRequest {
  version: number;
  status?: 'completed' | 'discontinued';
  discontinuedReason?: string;
  outcome?: OutcomeInput;
  areas?: string[];
  /** More than the sessions already completed, at most 6. */
  plannedSessions?: number;
}

export interface ConsentInput {
  consentedOn: IsoDate;
  formVersion: string;
}

export interface Consent extends RecordMeta, ConsentInput {
  courseId: string;
  recordedBy: string;
}

export interface OutcomeInput {
  assessedOn: IsoDate;
  ratedBy: OutcomeRater;
  improvementPercent: number;
  notes?: string;
}

export interface Outcome extends RecordMeta, OutcomeInput {
  courseId: string;
  recordedBy: string;
}

export interface CourseProgress {
  state: CourseProgressState;
  message: string;
  sessionsCompleted: number;
  sessionsRemaining: number;
  lastCompletedOn: IsoDate | null;
  nextWindow: SessionWindow | null;
  nextScheduledOn: IsoDate | null;
  /** First date every leg of the course may be treated again, counting the patient's other courses. */
  opensOn: IsoDate | null;
  /** Booked sessions that fall inside a leg's interval: move or cancel them (SPEC §1.4). */
  bookingsInsideWindow: { sessionId?: string; date: IsoDate; reasons: Reason[] }[];
}

export interface Course extends RecordMeta {
  patientId: string;
  legs: Leg[];
  areas: string[];
  plannedSessions: number;
  status: CourseStatus;
  /** Clinical: null for readers without `readClinical`. */
  discontinuedReason: string | null;
  closedAt: IsoInstant | null;
  /** `progress.state`, repeated for lists. */
  state: CourseProgressState;
  progress: CourseProgress;
  /** True when a consent is on file (everyone); the consent itself is clinical. */
  consented: boolean;
  /** Latest consent; absent for reception. */
  consent?: Consent | null;
  /** Oldest first; absent for reception. */
  outcomes?: Outcome[];
  /** Sessions by sequence, shaped for the reader's role. */
  sessions: (SessionBooking | SessionDetail)[];
  /** Clearance on the day of the request (POST only): planning is never refused for clearance. */
  warnings?: Warning[];
}

// ---------------------------------------------------------------------------------------------
// Sessions

/** `POST /api/courses/:id/sessions` (reception, clinicians). */
export interface BookSessionRequest {
  scheduledFor: IsoInstant;
  clinicianId?: string;
  /**
   * Booked from this consultation of the course's patient (e.g. the first session after it): the
   * session is with the consultation's clinician unless `clinicianId` says otherwise.
   */
  consultationId?: string;
  /** 10–240, default 30. */
  durationMinutes?: number;
}

/** `POST /api/sessions/:id/move`: the same booking at another time (e.g. out of a leg's interval). */
export interface MoveSessionRequest {
  scheduledFor: IsoInstant;
  version: number;
}

export interface SessionBooking extends RecordMeta {
  courseId: string;
  patientId: string;
  sequence: number;
  scheduledFor: IsoInstant;
  endsAt: IsoInstant;
  /** Clinic calendar date of `scheduledFor`. */
  scheduledOn: IsoDate;
  clinicianId: string | null;
  clinicianName: string | null;
  status: SessionStatus;
  /** When it was cancelled / marked did-not-attend / completed. */
  statusChangedAt: IsoInstant | null;
  /** When the completion was recorded. */
  completedAt: IsoInstant | null;
  /** When the treatment was given (equals `completedAt` unless recorded late, SPEC §1.9). */
  treatedAt: IsoInstant | null;
  /** The treatment date: the clinic calendar date of `treatedAt`. */
  completedOn: IsoDate | null;
  /** Who gave the treatment (who recorded the completion), whoever the session was booked with. */
  completedByName: string | null;
}

export interface Compression {
  mmHg?: number;
  hours?: number;
}

export interface Checklist {
  noLotions: boolean;
  stockingsBrought: boolean;
}

/** Explicit clinician confirmations sent with a session completion (`confirmations: [{code, reason}]`). */
export const CONFIRMATION_CODES = ['UNUSUAL_CONCENTRATION', 'TEST_INJECTION'] as const;
export type ConfirmationCode = (typeof CONFIRMATION_CODES)[number];

export interface ConfirmationInput {
  /** One of CONFIRMATION_CODES (a string here: the API names any other in a 400). */
  code: string;
  reason: string;
}

/** `POST /api/sessions/:id/complete` (clinicians). */
export interface CompleteSessionRequest {
  legs: Leg[];
  areas?: string[];
  agent: SclerosantAgent;
  product?: string;
  batchNumber: string;
  concentrationPercent: number;
  form: SclerosantForm;
  volumeMl: number;
  injections: number;
  compression: Compression;
  checklist: Checklist;
  confirmations?: ConfirmationInput[];
  immediateReactions?: string;
  /**
   * When the treatment was given, if it is recorded later (SPEC §1.9): up to the clinic's
   * late-entry limit (7 days) back, not before the booked day, never in the future. Default: now.
   * Every dated rule is evaluated on this instant's clinic date.
   */
  treatedAt?: IsoInstant;
}

export interface AdverseEventInput {
  type: AdverseEventType;
  severity: Severity;
  onsetOn: IsoDate;
  resolved?: boolean;
  resolvedOn?: IsoDate;
  notes?: string;
}

/** Marks a logged adverse event resolved, on a date from its onset to today. */
export interface AdverseEventResolution {
  resolvedOn: IsoDate;
}

export interface AdverseEvent extends RecordMeta {
  sessionId: string;
  type: AdverseEventType;
  severity: Severity;
  onsetOn: IsoDate;
  resolved: boolean;
  resolvedOn: IsoDate | null;
  notes: string | null;
  recordedBy: string;
}

/** Clinicians and managers: the booking plus what was done. Null fields until completed. */
export interface SessionDetail extends SessionBooking {
  completedBy: string | null;
  legs: Leg[] | null;
  areas: string[] | null;
  agent: SclerosantAgent | null;
  product: string | null;
  batchNumber: string | null;
  concentrationPercent: number | null;
  form: SclerosantForm | null;
  volumeMl: number | null;
  injections: number | null;
  doseMg: number | null;
  compression: Compression | null;
  checklist: Checklist | null;
  confirmations: ConfirmationInput[];
  immediateReactions: string | null;
  adverseEvents: AdverseEvent[];
}

/** Response of a booking: the session, its window and clearance warnings, and the advice to hand over. */
export type BookedSession = (SessionBooking | SessionDetail) & {
  /** Window after the course's last completed session; null before the first one. */
  window: SessionWindow | null;
  warnings: Warning[];
  preTreatment: PreTreatmentAdvice;
};

/** Response of a completion: the session, the dated aftercare plan, and the course's status after it. */
export type CompletedSession = SessionDetail & {
  warnings: Warning[];
  aftercare: Aftercare;
  courseStatus: CourseStatus;
};

/**
 * `GET /api/sessions/:id/completion-facts?treatedAt=`: what the completion form checks as it is
 * typed, read with the same statement the completion is judged on, so the dose meter shows the
 * total the API will check whichever course it is opened from.
 */
export interface CompletionFacts {
  /** The treatment date (clinic date of `treatedAt`, default now) the figures are for. */
  on: IsoDate;
  /** Polidocanol already given to the patient on that date, in every course, in mg. */
  polidocanolMgSameDay: number;
  /** Sessions the patient completed before this treatment (none: a test injection may be due). */
  completedSessionsBefore: number;
  weightKg: number | null;
  weightMeasuredOn: IsoDate | null;
  conditions: ConditionCode[];
}

// ---------------------------------------------------------------------------------------------
// Aftercare and pre-treatment advice

export const AFTERCARE_CODES = [
  'walk',
  'hosiery_day_and_night',
  'hosiery_daytime',
  'avoid_heat',
  'avoid_sun',
  'avoid_high_impact',
  'avoid_waxing',
  'elevate_legs',
] as const;
export type AftercareCode = (typeof AFTERCARE_CODES)[number];

export const PRE_TREATMENT_CODES = ['no_lotions', 'loose_clothing', 'bring_stockings'] as const;
export type PreTreatmentCode = (typeof PRE_TREATMENT_CODES)[number];

/** `GET /api/sessions/:id/aftercare`: `until` is the last clinic calendar date the advice applies. */
export interface Aftercare {
  sessionId: string;
  /** When the completion was recorded. */
  completedAt: IsoInstant;
  /** When the treatment was given: the plan's dates count from it. */
  treatedAt: IsoInstant;
  /** The treatment date (clinic calendar date of `treatedAt`). */
  completedOn: IsoDate;
  items: { code: AftercareCode; until: IsoDate; text: string }[];
  nextWindow: SessionWindow;
}

/** `GET /api/sessions/:id/pre-treatment` and in every booking response. */
export interface PreTreatmentAdvice {
  scheduledFor: IsoInstant;
  scheduledOn: IsoDate;
  items: PreTreatmentItem[];
}

export interface PreTreatmentItem {
  code: PreTreatmentCode;
  /** When the advice starts (no_lotions: 24 hours before the appointment, clinic offset). */
  from?: IsoInstant;
  /** Clinic calendar date of `from`. */
  fromDate?: IsoDate;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Notes

export interface NoteAddendum {
  id: string;
  text: string;
  authorId: string;
  authorName: string;
  at: IsoInstant;
}

export interface SessionNote extends RecordMeta {
  sessionId: string;
  text: string;
  status: NoteStatus;
  authorId: string;
  authorName: string;
  signedAt: IsoInstant | null;
  /** Oldest first. */
  addenda: NoteAddendum[];
}

/** `POST /api/sessions/:id/notes` and `POST /api/notes/:id/addenda`. */
export interface NoteTextRequest {
  text: string;
}

/** `PATCH /api/notes/:id`: author only, drafts only (a signed note answers 422 NOTE_SIGNED). */
export interface UpdateNoteRequest {
  text: string;
  /** The note's version as read; a stale one answers 409 VERSION_CONFLICT. */
  version: number;
}
