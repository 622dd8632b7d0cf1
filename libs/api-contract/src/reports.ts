/**
 * The managers' reports (SPEC §1.4–1.5, §3, issue 11): course progress, the overdue and recall
 * list, outcomes against the clinic's promise. Each also answers `Accept: text/csv`.
 */
import type { IsoDate, IsoInstant, Leg, Page } from './common';
import type { AdverseEventType, CourseProgressState, Severity } from './courses';

/** The window states an active course can be in (SPEC §1.4). */
export const ACTIVE_COURSE_STATES = ['not_started', 'on_track', 'due', 'overdue'] as const;
export type ActiveCourseState = (typeof ACTIVE_COURSE_STATES)[number];

export const COURSE_PROGRESS_SORTS = [
  'patientName',
  'clinicNumber',
  'clinicianName',
  'state',
  'plannedOn',
  'lastSessionOn',
  'nextSessionOn',
  'daysOverdue',
  'sessionsCompleted',
] as const;
export type CourseProgressSort = (typeof COURSE_PROGRESS_SORTS)[number];

export interface CourseProgressQuery {
  clinicianId?: string;
  state?: ActiveCourseState;
  /** The course was planned on or after this clinic date. */
  from?: IsoDate;
  /** The course was planned on or before this clinic date. */
  to?: IsoDate;
  leg?: Leg;
  sort?: CourseProgressSort;
  direction?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** One active course, as the manager's progress table shows it. */
export interface CourseProgressRow {
  courseId: string;
  patientId: string;
  patientName: string;
  clinicNumber: string;
  legs: Leg[];
  /** The clinician of the latest completed session, else the one who planned the course. */
  clinicianId: string | null;
  clinicianName: string | null;
  plannedOn: IsoDate;
  sessionsCompleted: number;
  plannedSessions: number;
  lastSessionOn: IsoDate | null;
  /** Earliest session booked today or later. */
  nextSessionOn: IsoDate | null;
  /** As `courseState` in @venule/clinical-rules computes it. */
  state: CourseProgressState;
  /** Days past the window's last on-track day; 0 unless overdue. */
  daysOverdue: number;
  patientRatedImprovement: number | null;
  clinicianRatedImprovement: number | null;
}

export type CourseProgressPage = Page<CourseProgressRow>;

/** Who to phone. `clinical` is present only for roles that see clinical detail (never reception). */
export interface RecallClinicalDetail {
  legs: Leg[];
  sessionsCompleted: number;
  plannedSessions: number;
}

export interface RecallRow {
  courseId: string;
  patientId: string;
  patientName: string;
  clinicNumber: string;
  phone: string | null;
  lastSessionOn: IsoDate;
  windowOpensOn: IsoDate;
  windowClosesOn: IsoDate;
  /** Days past `windowClosesOn`; 0 on the recall list. */
  daysOverdue: number;
  clinical?: RecallClinicalDetail;
  /** The latest call about this course, if anyone has phoned. */
  lastCall: RecallCall | null;
}

/** What came of a call from the overdue or recall list. */
export const RECALL_CALL_OUTCOMES = ['left_message', 'booked', 'declined'] as const;
export type RecallCallOutcome = (typeof RECALL_CALL_OUTCOMES)[number];

/** `POST /api/reports/overdue/calls` (reception, clinician, manager). */
export interface RecallCallInput {
  courseId: string;
  outcome: RecallCallOutcome;
  note?: string | null;
}

export interface RecallCall {
  outcome: RecallCallOutcome;
  note: string | null;
  calledAt: IsoInstant;
  calledByName: string;
}

export interface ScanExpiryRow {
  patientId: string;
  patientName: string;
  clinicNumber: string;
  phone: string | null;
  leg: Leg;
  /** Last day the clear scan of that leg is valid (SPEC §1.10). */
  validUntil: IsoDate;
  /** Sessions still planned across the patient's active courses treating that leg. */
  sessionsRemaining: number;
}

/**
 * `GET /api/reports/overdue`. Consultations awaiting their deposit join this list once
 * consultations exist (not yet).
 */
/**
 * `GET /api/reports/overdue`: who to phone. `items` is every row of the three sections in one
 * list (the whole list: it is not paged), each saying which section it belongs to.
 */
export interface OverdueReport {
  on: IsoDate;
  items: (({ list: 'overdue' | 'recall' } & RecallRow) | ({ list: 'scan_expiring' } & ScanExpiryRow))[];
  total: number;
  limit: number;
  offset: number;
  /** Past the on-track interval since the last completed session, nothing booked. */
  overdue: RecallRow[];
  /** The next window is open or opens within `recallDays` days, nothing booked. */
  recall: RecallRow[];
  recallDays: number;
  /** A clear scan runs out within `scanExpiryDays` days while sessions are still planned. */
  scanExpiring: ScanExpiryRow[];
  scanExpiryDays: number;
}

export interface OutcomesQuery {
  from?: IsoDate;
  to?: IsoDate;
  clinicianId?: string;
}

/** Mean improvement of one rater, with the number of courses it rests on. */
export interface RatedImprovement {
  meanPercent: number | null;
  courses: number;
  /** Courses rated at 60 % or more (the promise's lower bound). */
  withinPromiseOrBetter: number;
}

export interface ImprovementBySessions {
  sessionsCompleted: number;
  patient: RatedImprovement;
  clinician: RatedImprovement;
}

export interface AdverseEventRate {
  type: AdverseEventType;
  severity: Severity;
  events: number;
  per100Sessions: number;
}

export interface ClinicianMonth {
  clinicianId: string;
  clinicianName: string;
  /** `YYYY-MM`, clinic calendar. */
  month: string;
  sessions: number;
}

/** `GET /api/reports/outcomes`: a period (default the 12 months to today), per clinician or the clinic. */
export interface OutcomesReport {
  from: IsoDate;
  to: IsoDate;
  clinicianId: string | null;
  /** The clinic's promise: 60–80 % improvement after 2–5 sessions. */
  promise: { lowPercent: number; highPercent: number; minSessions: number; maxSessions: number };
  /** Latest rating of each rater per course assessed in the period, by sessions completed. */
  improvementBySessions: ImprovementBySessions[];
  /** Courses closed in the period. */
  courses: { completed: number; discontinued: number; completionRate: number | null; discontinuationRate: number | null };
  /** Sessions completed in the period. */
  sessionsCompleted: number;
  adverseEvents: { total: number; per100Sessions: number | null; byTypeAndSeverity: AdverseEventRate[] };
  /** Bookings dated in the period that ended as did-not-attend, of those attended or missed. */
  didNotAttend: { missed: number; attended: number; rate: number | null };
  sessionsPerClinicianMonth: ClinicianMonth[];
  /** Patients first treated in the period: days from their first scan to that treatment. */
  scanToFirstTreatment: { patients: number; medianDays: number | null };
  /** Courses overdue at the end of each month of the period (its last month: on its last day). */
  overdueByMonth: OverdueAt[];
}

export interface OverdueAt {
  on: IsoDate;
  overdue: number;
}
